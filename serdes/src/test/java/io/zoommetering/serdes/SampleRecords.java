package io.zoommetering.serdes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Generated records with every field populated by random values that fit the schema: decimals of the schema's scale
 * and precision, instants in whole milliseconds, a non-null branch of each union, non-ASCII strings. A logical type
 * it does not know fails loudly, so that a schema using a new one gets a generator instead of passing untested.
 */
final class SampleRecords {

    private static final String LETTERS = "abcXYZ019 -_éßø漢字😀";

    private final Random random;

    SampleRecords(long seed) {
        this.random = new Random(seed);
    }

    <T extends SpecificRecord> T of(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        return type.cast(value(model.getSchema(type), model));
    }

    private Object value(Schema schema, SpecificData model) {
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            return logicalValue(logical, schema);
        }
        switch (schema.getType()) {
            case RECORD:
                IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), value(field.schema(), model));
                }
                return record;
            case ENUM:
                List<String> symbols = schema.getEnumSymbols();
                return model.createEnum(symbols.get(random.nextInt(symbols.size())), schema);
            case ARRAY:
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(value(schema.getElementType(), model));
                }
                return items;
            case MAP:
                Map<String, Object> entries = new HashMap<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    entries.put(text(), value(schema.getValueType(), model));
                }
                return entries;
            case UNION:
                List<Schema> branches = schema.getTypes().stream()
                        .filter(b -> b.getType() != Schema.Type.NULL)
                        .toList();
                return branches.isEmpty() ? null : value(branches.get(random.nextInt(branches.size())), model);
            case STRING:
                return text();
            case BYTES:
                return ByteBuffer.wrap(bytes(random.nextInt(8)));
            case FIXED:
                return model.createFixed(null, bytes(schema.getFixedSize()), schema);
            case INT:
                return random.nextInt();
            case LONG:
                return random.nextLong();
            case FLOAT:
                return random.nextFloat();
            case DOUBLE:
                return random.nextDouble();
            case BOOLEAN:
                return random.nextBoolean();
            case NULL:
                return null;
            default:
                throw new IllegalArgumentException("No sample for " + schema);
        }
    }

    private Object logicalValue(LogicalType logical, Schema schema) {
        if (logical instanceof LogicalTypes.Decimal decimal) {
            BigInteger bound = BigInteger.TEN.pow(decimal.getPrecision());
            BigInteger unscaled = new BigInteger(bound.bitLength() + 8, random).mod(bound);
            return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), decimal.getScale());
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
        }
        if (logical instanceof LogicalTypes.Date) {
            return LocalDate.ofEpochDay(random.nextInt(0, 50_000));
        }
        throw new IllegalArgumentException("No sample for logical type " + logical.getName() + " in " + schema);
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i >= 0; i--) {
            text.appendCodePoint(LETTERS.codePointAt(
                    LETTERS.offsetByCodePoints(0, random.nextInt(LETTERS.codePointCount(0, LETTERS.length())))));
        }
        return text.toString();
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
