package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.RevenueKey;
import io.zoommetering.avro.internal.AggregateKey;
import io.zoommetering.avro.internal.Fraction;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.topology.state.CompactSerde;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Compact store formats of aggregate keys and measures ({@link CompactSerde}). Keys are encoded deterministically
 * (the same key, the same bytes), as a store key must be. The partials topic keeps its registered Avro format.
 */
public final class AggregateSerdes {

    private AggregateSerdes() {
    }

    public static CompactSerde<AggregateKey> keys() {
        return new KeySerde();
    }

    public static CompactSerde<Measures> measures() {
        return new MeasuresSerde();
    }

    private static final class KeySerde extends CompactSerde<AggregateKey> {

        @Override
        protected void write(AggregateKey value, Output out) {
            Object key = value.getKey();
            if (key instanceof PeriodKey period) {
                out.writeByte(0);
                writePeriod(period.getPeriodType(), out);
                out.writeLong(period.getActivityDate().toEpochDay());
            } else if (key instanceof RevenueKey revenue) {
                out.writeByte(1);
                out.writeString(revenue.getPlanType());
                writePeriod(revenue.getPeriodType(), out);
                out.writeLong(revenue.getActivityDate().toEpochDay());
            } else if (key instanceof PlanMonthKey month) {
                out.writeByte(2);
                out.writeString(month.getPlanType());
                out.writeString(month.getActivityMonth());
            } else if (key instanceof ProductMeterKey product) {
                out.writeByte(3);
                out.writeString(product.getPlanType());
                out.writeString(product.getMeter());
                out.writeString(product.getActivityMonth());
            } else if (key instanceof EventTotalsKey totals) {
                out.writeByte(4);
                out.writeString(totals.getStream());
                out.writeString(totals.getPlanType());
                writePeriod(totals.getPeriod(), out);
                out.writeLong(totals.getBucketStart().toEpochMilli());
            } else {
                throw new SerializationException("not an aggregate key: " + key);
            }
        }

        @Override
        protected AggregateKey read(Input in) {
            int tag = in.readByte();
            Object key = switch (tag) {
                case 0 -> new PeriodKey(readPeriod(in), LocalDate.ofEpochDay(in.readLong()));
                case 1 -> new RevenueKey(in.readString(), readPeriod(in), LocalDate.ofEpochDay(in.readLong()));
                case 2 -> new PlanMonthKey(in.readString(), in.readString());
                case 3 -> new ProductMeterKey(in.readString(), in.readString(), in.readString());
                case 4 -> new EventTotalsKey(in.readString(), in.readString(), readPeriod(in),
                        Instant.ofEpochMilli(in.readLong()));
                default -> throw new SerializationException("unknown aggregate key tag " + tag);
            };
            return new AggregateKey(key);
        }
    }

    private static final class MeasuresSerde extends CompactSerde<Measures> {

        @Override
        protected void write(Measures value, Output out) {
            out.writeCount(value.getCounts().size());
            for (Map.Entry<String, Long> count : value.getCounts().entrySet()) {
                out.writeString(count.getKey());
                out.writeLong(count.getValue());
            }
            out.writeCount(value.getAmounts().size());
            for (Map.Entry<String, Fraction> amount : value.getAmounts().entrySet()) {
                out.writeString(amount.getKey());
                out.writeString(amount.getValue().getNumerator());
                out.writeString(amount.getValue().getDenominator());
            }
        }

        @Override
        protected Measures read(Input in) {
            int counts = in.readCount();
            Map<String, Long> countMap = new HashMap<>(Math.max(4, counts * 2));
            for (int i = 0; i < counts; i++) {
                countMap.put(in.readString(), in.readLong());
            }
            int amounts = in.readCount();
            Map<String, Fraction> amountMap = new HashMap<>(Math.max(4, amounts * 2));
            for (int i = 0; i < amounts; i++) {
                amountMap.put(in.readString(), new Fraction(in.readString(), in.readString()));
            }
            return new Measures(countMap, amountMap);
        }
    }

    /** By name, not position: a symbol added to the enum must not move the others. */
    private static void writePeriod(PeriodType type, CompactSerde.Output out) {
        out.writeString(type.name());
    }

    private static PeriodType readPeriod(CompactSerde.Input in) {
        String name = in.readString();
        try {
            return PeriodType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("unknown period type " + name);
        }
    }
}
