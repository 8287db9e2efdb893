package io.zoommetering.app.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Protocol;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Random generated (specific) records of any schema of the contract, by walking the schema. */
final class RandomAvro {

    /** Every protocol of the Avro contract (schemas/src/main/avro). */
    static final List<Protocol> PROTOCOLS = List.of(
            io.zoommetering.avro.audit.Audit.PROTOCOL,
            io.zoommetering.avro.billing.BillingEvents.PROTOCOL,
            io.zoommetering.avro.common.Common.PROTOCOL,
            io.zoommetering.avro.gold.GoldAggregates.PROTOCOL,
            io.zoommetering.avro.gold.dim.GoldDimensions.PROTOCOL,
            io.zoommetering.avro.gold.fact.GoldFacts.PROTOCOL,
            io.zoommetering.avro.internal.Internal.PROTOCOL,
            io.zoommetering.avro.support.SupportEvents.PROTOCOL,
            io.zoommetering.avro.usage.UsageEvents.PROTOCOL);

    private final Random random;

    RandomAvro(long seed) {
        this.random = new Random(seed);
    }

    /** Every record schema of the contract, once. */
    static List<Schema> recordSchemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Protocol protocol : PROTOCOLS) {
            for (Schema type : protocol.getTypes()) {
                if (type.getType() == Schema.Type.RECORD) {
                    schemas.putIfAbsent(type.getFullName(), type);
                }
            }
        }
        return List.copyOf(schemas.values());
    }

    SpecificRecord record(Schema schema) {
        return (SpecificRecord) datum(schema, 0);
    }

    private Object datum(Schema schema, int depth) {
        switch (schema.getType()) {
            case NULL:
                return null;
            case BOOLEAN:
                return random.nextBoolean();
            case INT:
                if (schema.getLogicalType() instanceof LogicalTypes.Date) {
                    return LocalDate.of(2020, 1, 1).plusDays(random.nextInt(4000));
                }
                return random.nextInt(2001) - 1000;
            case LONG:
                if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    return Instant.ofEpochMilli(1_600_000_000_000L + (long) (random.nextDouble() * 200_000_000_000L));
                }
                return random.nextLong() >> random.nextInt(64);
            case FLOAT:
                return random.nextFloat();
            case DOUBLE:
                return random.nextDouble();
            case STRING:
                return random.nextInt(8) == 0
                        ? ""
                        : "s-" + Integer.toString(random.nextInt(1_000_000), 36)
                                + (random.nextBoolean() ? " \"quoted\" é ü \n" : "");
            case BYTES:
                if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
                    BigInteger unscaled = new BigInteger(Math.min(30, decimal.getPrecision() * 3), random);
                    BigDecimal value = new BigDecimal(unscaled, decimal.getScale());
                    while (value.precision() > decimal.getPrecision()) {
                        value = value.movePointLeft(1).setScale(decimal.getScale(), java.math.RoundingMode.DOWN);
                    }
                    return random.nextBoolean() ? value : value.negate();
                }
                byte[] bytes = new byte[random.nextInt(12)];
                random.nextBytes(bytes);
                return ByteBuffer.wrap(bytes);
            case ENUM:
                return SpecificData.get()
                        .createEnum(
                                schema.getEnumSymbols()
                                        .get(random.nextInt(
                                                schema.getEnumSymbols().size())),
                                schema);
            case ARRAY: {
                List<Object> list = new ArrayList<>();
                int size = depth > 3 ? 0 : random.nextInt(3);
                for (int i = 0; i < size; i++) {
                    list.add(datum(schema.getElementType(), depth + 1));
                }
                return list;
            }
            case MAP: {
                Map<String, Object> map = new LinkedHashMap<>();
                int size = depth > 3 ? 0 : random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    map.put("k" + i + "_" + random.nextInt(100), datum(schema.getValueType(), depth + 1));
                }
                return map;
            }
            case RECORD: {
                SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), datum(field.schema(), depth + 1));
                }
                return record;
            }
            case UNION: {
                List<Schema> branches = schema.getTypes();
                return datum(branches.get(random.nextInt(branches.size())), depth + 1);
            }
            default:
                throw new IllegalArgumentException("no random " + schema.getType());
        }
    }
}
