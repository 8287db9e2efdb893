package io.zoommetering.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;

/**
 * Gold records as JSON, by the contract's (Avro) field names: decimals as exact decimal strings (money is never a
 * binary float), dates as {@code 2026-11-05}, timestamps as ISO-8601 instants, enums by name, null as null.
 * {@link OpenApiDocument} describes the same mapping as JSON Schema. Public so that a test can put a gold topic's
 * records in the API's form and compare them exactly.
 */
public final class AvroJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private AvroJson() {}

    public static ObjectNode of(IndexedRecord record) {
        ObjectNode node = JSON.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), value(field.schema(), record.get(field.pos())));
        }
        return node;
    }

    private static JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (schema.getType() == Schema.Type.UNION) {
            return value(branch(schema, value), value);
        }
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            BigDecimal exact = value instanceof BigDecimal big
                    ? big
                    : DECIMALS.fromBytes(((ByteBuffer) value).duplicate(), schema, decimal);
            return JSON.textNode(exact.toPlainString());
        }
        if (value instanceof LocalDate date) {
            return JSON.textNode(date.toString());
        }
        if (value instanceof Instant instant) {
            return JSON.textNode(instant.toString());
        }
        return switch (schema.getType()) {
            case RECORD -> of((IndexedRecord) value);
            case ARRAY -> {
                ArrayNode array = JSON.arrayNode();
                Schema items = schema.getElementType();
                ((Collection<?>) value).forEach(item -> array.add(value(items, item)));
                yield array;
            }
            case MAP -> {
                ObjectNode map = JSON.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> map.set(k.toString(), value(schema.getValueType(), v)));
                yield map;
            }
            case INT -> JSON.numberNode((Integer) value);
            case LONG -> JSON.numberNode((Long) value);
            case FLOAT -> JSON.numberNode((Float) value);
            case DOUBLE -> JSON.numberNode((Double) value);
            case BOOLEAN -> JSON.booleanNode((Boolean) value);
            case BYTES -> JSON.textNode(Base64.getEncoder().encodeToString(bytes((ByteBuffer) value)));
            default -> JSON.textNode(value.toString());
        };
    }

    /**
     * The branch of a union a value is: the one branch besides null (every union of the contract is an optional
     * field), else as Avro resolves it, which knows no logical types (a decimal's BigDecimal).
     */
    private static Schema branch(Schema union, Object value) {
        List<Schema> values = union.getTypes().stream()
                .filter(branch -> branch.getType() != Schema.Type.NULL)
                .toList();
        return values.size() == 1
                ? values.get(0)
                : union.getTypes().get(GenericData.get().resolveUnion(union, value));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
