package io.zoommetering.app.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro records as JSON, and back, by walking the schema (SPEC 5): every field by name, in schema order.
 *
 * <ul>
 *   <li>{@code timestamp-millis} (and {@code -micros}): an ISO-8601 instant in UTC, {@code "2026-11-21T09:00:00Z"};
 *   {@code date}: {@code "2026-11-21"}; {@code decimal}: a string with the schema's scale, {@code "12.50"};</li>
 *   <li>enums: the symbol's name; maps: JSON objects; arrays: JSON arrays; bytes and fixed: base64 text;</li>
 *   <li>a union of null and one type: {@code null} or that type's JSON; a union of several types (internal records
 *   only): an object with one field named after the branch, {@code {"io.zoommetering.avro.usage.Meeting": {...}}},
 *   as in Avro's own JSON encoding.</li>
 * </ul>
 *
 * <p>Writing accepts generated (specific) records, whose values are {@link Instant}, {@link LocalDate},
 * {@link BigDecimal}..., and generic ones as the generic serde reads them (longs, ints and byte buffers for logical
 * types), so that the same JSON comes out of both. Reading builds the generated class of the schema. A field missing
 * from the JSON takes its schema default; a field the schema does not know, a wrong type, a decimal with more
 * digits than its scale, or an enum symbol the schema does not have is an {@link IllegalArgumentException} naming
 * the field's path.
 */
public final class EventJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectWriter LINE_WRITER = MAPPER.writer(new SpacedPrinter());
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private EventJson() {}

    /** The mapper used for event files: exact decimals, one value per text. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One JSON value on one line, with a space after colons and commas, as in SPEC 5's example. */
    public static String toLine(JsonNode node) {
        try {
            return LINE_WRITER.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The JSON object of a record, specific or generic. */
    public static ObjectNode toJson(IndexedRecord record) {
        Objects.requireNonNull(record, "record");
        return (ObjectNode) toJson(record, record.getSchema());
    }

    /** The JSON of any Avro datum of {@code schema}. */
    public static JsonNode toJson(Object datum, Schema schema) {
        return write(datum, schema, schema.getType() == Schema.Type.RECORD ? "" : "$");
    }

    /** Reads a JSON object into the generated class {@code type}. */
    public static <T extends SpecificRecord> T fromJson(JsonNode json, Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        return type.cast(fromJson(json, schema));
    }

    /**
     * Reads JSON into a datum of {@code schema}; records become their generated classes.
     *
     * @throws IllegalArgumentException when the JSON does not fit the schema, or a record schema has no generated
     *                                  class
     */
    public static Object fromJson(JsonNode json, Schema schema) {
        return read(json, schema, schema.getType() == Schema.Type.RECORD ? "" : "$");
    }

    // ---- writing

    private static JsonNode write(Object datum, Schema schema, String path) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case NULL:
                return NODES.nullNode();
            case BOOLEAN:
                return NODES.booleanNode((Boolean) datum);
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    LocalDate date =
                            datum instanceof LocalDate d ? d : LocalDate.ofEpochDay(((Number) datum).intValue());
                    return NODES.textNode(date.toString());
                }
                if (logical instanceof LogicalTypes.TimeMillis) {
                    LocalTime time = datum instanceof LocalTime t
                            ? t
                            : LocalTime.ofNanoOfDay(((Number) datum).longValue() * 1_000_000L);
                    return NODES.textNode(time.toString());
                }
                return NODES.numberNode(((Number) datum).intValue());
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return NODES.textNode(
                            (datum instanceof Instant i ? i : Instant.ofEpochMilli(((Number) datum).longValue()))
                                    .toString());
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    return NODES.textNode((datum instanceof Instant i
                                    ? i
                                    : Instant.EPOCH.plus(((Number) datum).longValue(), ChronoUnit.MICROS))
                            .toString());
                }
                if (logical instanceof LogicalTypes.LocalTimestampMillis) {
                    return NODES.textNode((datum instanceof LocalDateTime t
                                    ? t
                                    : LocalDateTime.ofInstant(
                                            Instant.ofEpochMilli(((Number) datum).longValue()), ZoneOffset.UTC))
                            .toString());
                }
                if (logical instanceof LogicalTypes.TimeMicros) {
                    LocalTime time = datum instanceof LocalTime t
                            ? t
                            : LocalTime.ofNanoOfDay(((Number) datum).longValue() * 1_000L);
                    return NODES.textNode(time.toString());
                }
                return NODES.numberNode(((Number) datum).longValue());
            case FLOAT:
                return NODES.numberNode(((Number) datum).floatValue());
            case DOUBLE:
                return NODES.numberNode(((Number) datum).doubleValue());
            case STRING:
                return NODES.textNode(datum.toString());
            case BYTES:
            case FIXED:
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    return NODES.textNode(decimalOf(datum, schema, decimal).toPlainString());
                }
                return NODES.textNode(Base64.getEncoder().encodeToString(bytesOf(datum)));
            case ENUM:
                return NODES.textNode(datum instanceof Enum<?> e ? e.name() : datum.toString());
            case ARRAY: {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                for (Object element : (Collection<?>) datum) {
                    array.add(write(element, schema.getElementType(), path + "[" + index++ + "]"));
                }
                return array;
            }
            case MAP: {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
                    String key = entry.getKey().toString();
                    object.set(key, write(entry.getValue(), schema.getValueType(), path + "." + key));
                }
                return object;
            }
            case RECORD: {
                if (!(datum instanceof IndexedRecord record)) {
                    throw new IllegalArgumentException(where(path) + "expected a record of " + schema.getFullName()
                            + ", found " + describe(datum));
                }
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), write(record.get(field.pos()), field.schema(), child(path, field.name())));
                }
                return object;
            }
            case UNION:
                return writeUnion(datum, schema, path);
            default:
                throw new IllegalArgumentException(where(path) + "unsupported Avro type " + schema.getType());
        }
    }

    private static JsonNode writeUnion(Object datum, Schema union, String path) {
        List<Schema> branches = union.getTypes();
        if (datum == null) {
            if (union.getIndexNamed(Schema.Type.NULL.getName()) == null) {
                throw new IllegalArgumentException(where(path) + "null is not allowed by " + union);
            }
            return NODES.nullNode();
        }
        List<Schema> nonNull =
                branches.stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        if (nonNull.size() == 1) {
            return write(datum, nonNull.get(0), path);
        }
        for (Schema branch : nonNull) {
            if (matches(datum, branch)) {
                ObjectNode wrapped = NODES.objectNode();
                wrapped.set(branchName(branch), write(datum, branch, path));
                return wrapped;
            }
        }
        throw new IllegalArgumentException(where(path) + describe(datum) + " matches no branch of " + union);
    }

    /** Whether a datum (specific or generic) is of a union branch. */
    private static boolean matches(Object datum, Schema branch) {
        LogicalType logical = branch.getLogicalType();
        return switch (branch.getType()) {
            case RECORD, ENUM, FIXED ->
                datum instanceof GenericContainer container
                        ? container.getSchema().getFullName().equals(branch.getFullName())
                        : datum instanceof Enum<?> e
                                        && e.getDeclaringClass().getName().equals(branch.getFullName())
                                || logical instanceof LogicalTypes.Decimal && datum instanceof BigDecimal;
            case STRING -> datum instanceof CharSequence || datum instanceof UUID;
            case BYTES ->
                datum instanceof ByteBuffer
                        || datum instanceof byte[]
                        || logical instanceof LogicalTypes.Decimal && datum instanceof BigDecimal;
            case INT -> datum instanceof Integer || datum instanceof LocalDate || datum instanceof LocalTime;
            case LONG ->
                datum instanceof Long
                        || datum instanceof Instant
                        || datum instanceof LocalDateTime
                        || datum instanceof LocalTime;
            case FLOAT -> datum instanceof Float;
            case DOUBLE -> datum instanceof Double;
            case BOOLEAN -> datum instanceof Boolean;
            case ARRAY -> datum instanceof Collection<?>;
            case MAP -> datum instanceof Map<?, ?>;
            default -> false;
        };
    }

    private static String branchName(Schema branch) {
        return switch (branch.getType()) {
            case RECORD, ENUM, FIXED -> branch.getFullName();
            default -> branch.getType().getName();
        };
    }

    private static BigDecimal decimalOf(Object datum, Schema schema, LogicalTypes.Decimal decimal) {
        BigDecimal value;
        if (datum instanceof BigDecimal d) {
            value = d;
        } else if (datum instanceof ByteBuffer buffer) {
            value = DECIMALS.fromBytes(buffer.duplicate(), schema, decimal);
        } else if (datum instanceof GenericFixed fixed) {
            value = DECIMALS.fromFixed(fixed, schema, decimal);
        } else {
            throw new IllegalArgumentException("not a decimal: " + describe(datum));
        }
        return value.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
    }

    private static byte[] bytesOf(Object datum) {
        if (datum instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        if (datum instanceof GenericFixed fixed) {
            return fixed.bytes().clone();
        }
        if (datum instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw new IllegalArgumentException("not bytes: " + describe(datum));
    }

    // ---- reading

    private static Object read(JsonNode json, Schema schema, String path) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case NULL:
                if (json != null && !json.isNull()) {
                    throw mismatch(path, "null", json);
                }
                return null;
            case BOOLEAN:
                if (!json.isBoolean()) {
                    throw mismatch(path, "true or false", json);
                }
                return json.booleanValue();
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return parse(path, "a date yyyy-MM-dd", json, () -> LocalDate.parse(json.textValue()));
                }
                if (logical instanceof LogicalTypes.TimeMillis) {
                    return parse(
                            path,
                            "a time of day HH:mm:ss",
                            json,
                            () -> LocalTime.parse(json.textValue()).truncatedTo(ChronoUnit.MILLIS));
                }
                return integral(json, path, Integer.MIN_VALUE, Integer.MAX_VALUE)
                        .intValue();
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return instant(json, path).truncatedTo(ChronoUnit.MILLIS);
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    return instant(json, path).truncatedTo(ChronoUnit.MICROS);
                }
                if (logical instanceof LogicalTypes.LocalTimestampMillis) {
                    return parse(
                            path,
                            "a local date-time",
                            json,
                            () -> LocalDateTime.parse(json.textValue()).truncatedTo(ChronoUnit.MILLIS));
                }
                if (logical instanceof LogicalTypes.TimeMicros) {
                    return parse(
                            path,
                            "a time of day HH:mm:ss",
                            json,
                            () -> LocalTime.parse(json.textValue()).truncatedTo(ChronoUnit.MICROS));
                }
                return integral(json, path, Long.MIN_VALUE, Long.MAX_VALUE).longValue();
            case FLOAT:
                if (!json.isNumber()) {
                    throw mismatch(path, "a number", json);
                }
                return json.floatValue();
            case DOUBLE:
                if (!json.isNumber()) {
                    throw mismatch(path, "a number", json);
                }
                return json.doubleValue();
            case STRING:
                if (!json.isTextual()) {
                    throw mismatch(path, "a string", json);
                }
                return json.textValue();
            case BYTES:
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    return decimal(json, path, decimal);
                }
                return ByteBuffer.wrap(base64(json, path));
            case FIXED: {
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    return decimal(json, path, decimal); // generated classes hold decimals as BigDecimal
                }
                byte[] bytes = base64(json, path);
                if (bytes.length != schema.getFixedSize()) {
                    throw new IllegalArgumentException(
                            where(path) + "expected " + schema.getFixedSize() + " bytes, found " + bytes.length);
                }
                return SpecificData.get().createFixed(null, bytes, schema);
            }
            case ENUM: {
                if (!json.isTextual()) {
                    throw mismatch(path, "one of " + schema.getEnumSymbols(), json);
                }
                String symbol = json.textValue();
                if (!schema.hasEnumSymbol(symbol)) {
                    throw new IllegalArgumentException(
                            where(path) + "'" + symbol + "' is not one of " + schema.getEnumSymbols());
                }
                return SpecificData.get().createEnum(symbol, schema);
            }
            case ARRAY: {
                if (!json.isArray()) {
                    throw mismatch(path, "an array", json);
                }
                List<Object> list = new ArrayList<>(json.size());
                for (int i = 0; i < json.size(); i++) {
                    list.add(read(json.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return list;
            }
            case MAP: {
                if (!json.isObject()) {
                    throw mismatch(path, "an object", json);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    map.put(entry.getKey(), read(entry.getValue(), schema.getValueType(), path + "." + entry.getKey()));
                }
                return map;
            }
            case RECORD:
                return readRecord(json, schema, path);
            case UNION:
                return readUnion(json, schema, path);
            default:
                throw new IllegalArgumentException(where(path) + "unsupported Avro type " + schema.getType());
        }
    }

    private static Object readRecord(JsonNode json, Schema schema, String path) {
        if (json == null || !json.isObject()) {
            throw mismatch(path, "an object of " + schema.getName(), json);
        }
        Object created = SpecificData.get().newRecord(null, schema);
        if (!(created instanceof SpecificRecord record)) {
            throw new IllegalArgumentException(where(path) + "no generated class for " + schema.getFullName());
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new IllegalArgumentException(where(child(path, name)) + "no such field in " + schema.getName());
            }
        }
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = child(path, field.name());
            JsonNode value = json.get(field.name());
            if (value != null) {
                record.put(field.pos(), read(value, field.schema(), fieldPath));
            } else if (field.hasDefaultValue()) {
                record.put(field.pos(), SpecificData.get().getDefaultValue(field));
            } else {
                throw new IllegalArgumentException(where(fieldPath) + "missing (the field has no default)");
            }
        }
        return record;
    }

    private static Object readUnion(JsonNode json, Schema union, String path) {
        if (json == null || json.isNull()) {
            if (union.getIndexNamed(Schema.Type.NULL.getName()) == null) {
                throw new IllegalArgumentException(where(path) + "null is not allowed");
            }
            return null;
        }
        List<Schema> nonNull = union.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .toList();
        if (nonNull.size() == 1) {
            return read(json, nonNull.get(0), path);
        }
        if (!json.isObject() || json.size() != 1) {
            throw new IllegalArgumentException(where(path) + "expected an object with one field naming the branch"
                    + " of " + union + ", found " + json);
        }
        String name = json.fieldNames().next();
        for (Schema branch : nonNull) {
            if (branchName(branch).equals(name)) {
                return read(json.get(name), branch, path);
            }
        }
        throw new IllegalArgumentException(where(path) + "'" + name + "' is not a branch of " + union);
    }

    private static Instant instant(JsonNode json, String path) {
        if (json.isIntegralNumber()) {
            return Instant.ofEpochMilli(json.longValue());
        }
        return parse(
                path, "an ISO-8601 instant such as 2026-11-21T09:00:00Z", json, () -> Instant.parse(json.textValue()));
    }

    private static BigDecimal decimal(JsonNode json, String path, LogicalTypes.Decimal decimal) {
        BigDecimal value;
        if (json.isTextual()) {
            try {
                value = new BigDecimal(json.textValue().trim());
            } catch (NumberFormatException e) {
                throw mismatch(path, "a decimal such as \"12.50\"", json);
            }
        } else if (json.isNumber()) {
            value = json.decimalValue();
        } else {
            throw mismatch(path, "a decimal such as \"12.50\"", json);
        }
        BigDecimal scaled;
        try {
            scaled = value.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    where(path) + value.toPlainString() + " has more than " + decimal.getScale() + " decimals");
        }
        if (scaled.precision() > decimal.getPrecision()) {
            throw new IllegalArgumentException(
                    where(path) + value.toPlainString() + " has more than " + decimal.getPrecision() + " digits");
        }
        return scaled;
    }

    private static byte[] base64(JsonNode json, String path) {
        if (!json.isTextual()) {
            throw mismatch(path, "base64 text", json);
        }
        try {
            return Base64.getDecoder().decode(json.textValue());
        } catch (IllegalArgumentException e) {
            throw mismatch(path, "base64 text", json);
        }
    }

    private static BigInteger integral(JsonNode json, String path, long min, long max) {
        if (!json.isIntegralNumber()) {
            if (json.isNumber() && json.decimalValue().stripTrailingZeros().scale() <= 0) {
                return integral(NODES.numberNode(json.decimalValue().toBigIntegerExact()), path, min, max);
            }
            throw mismatch(path, "an integer", json);
        }
        BigInteger value = json.bigIntegerValue();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException(where(path) + value + " is out of range");
        }
        return value;
    }

    private interface Parser<T> {
        T parse();
    }

    private static <T> T parse(String path, String expected, JsonNode json, Parser<T> parser) {
        if (!json.isTextual()) {
            throw mismatch(path, expected, json);
        }
        try {
            return parser.parse();
        } catch (DateTimeException e) {
            throw mismatch(path, expected, json);
        }
    }

    private static IllegalArgumentException mismatch(String path, String expected, JsonNode found) {
        return new IllegalArgumentException(
                where(path) + "expected " + expected + ", found " + (found == null ? "nothing" : found.toString()));
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String describe(Object datum) {
        return datum == null ? "null" : datum.getClass().getSimpleName() + " " + datum;
    }

    /** Compact JSON with a space after each colon and comma. */
    private static final class SpacedPrinter extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
