package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.RevenueKey;
import io.zoommetering.topology.state.CompactSerde;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Codecs of the gold key records that several outputs share (gold.avdl). Period types are written by name, not
 * position, so that a symbol added to the enum does not move the others.
 */
public final class GoldKeys {

    /** The plan bucket of records whose user had no profile when they were processed. */
    public static final String UNKNOWN_PLAN = "UNKNOWN";
    /** The plan bucket of records that belong to no user. */
    public static final String NO_PLAN = "NONE";
    /** The plan bucket of the totals over every plan. */
    public static final String ALL_PLANS = "ALL";

    /** (period_type, activity_date), one group per period. */
    public static final KeyCodec<PeriodKey> PERIOD = new KeyCodec<>() {
        @Override
        public void writeGroup(PeriodKey key, CompactSerde.Output out) {
            writePeriodGroup(key.getPeriodType(), key.getActivityDate(), out);
        }

        @Override
        public PeriodKey read(CompactSerde.Input in) {
            return readPeriodGroup(in);
        }
    };

    /**
     * Writes a calendar period as {@link #PERIOD} writes its group: the group of a key whose formula reads the
     * period's totals (active users) on the same combiner task.
     */
    public static void writePeriodGroup(PeriodType type, LocalDate activityDate, CompactSerde.Output out) {
        writePeriod(type, out);
        out.writeLong(activityDate.toEpochDay());
    }

    /** Reads what {@link #writePeriodGroup} wrote. */
    public static PeriodKey readPeriodGroup(CompactSerde.Input in) {
        return new PeriodKey(readPeriod(in), LocalDate.ofEpochDay(in.readLong()));
    }

    public static final KeyCodec<RevenueKey> REVENUE = new KeyCodec<>() {
        @Override
        public void writeGroup(RevenueKey key, CompactSerde.Output out) {
            out.writeString(key.getPlanType());
            writePeriod(key.getPeriodType(), out);
            out.writeLong(key.getActivityDate().toEpochDay());
        }

        @Override
        public RevenueKey read(CompactSerde.Input in) {
            return new RevenueKey(in.readString(), readPeriod(in), LocalDate.ofEpochDay(in.readLong()));
        }
    };

    public static final KeyCodec<PlanMonthKey> PLAN_MONTH = new KeyCodec<>() {
        @Override
        public void writeGroup(PlanMonthKey key, CompactSerde.Output out) {
            out.writeString(key.getPlanType());
            out.writeString(key.getActivityMonth());
        }

        @Override
        public PlanMonthKey read(CompactSerde.Input in) {
            return new PlanMonthKey(in.readString(), in.readString());
        }
    };

    public static final KeyCodec<ProductMeterKey> PRODUCT_METER = new KeyCodec<>() {
        @Override
        public void writeGroup(ProductMeterKey key, CompactSerde.Output out) {
            out.writeString(key.getPlanType());
            out.writeString(key.getMeter());
            out.writeString(key.getActivityMonth());
        }

        @Override
        public ProductMeterKey read(CompactSerde.Input in) {
            return new ProductMeterKey(in.readString(), in.readString(), in.readString());
        }
    };

    public static final KeyCodec<EventTotalsKey> EVENT_TOTALS = new KeyCodec<>() {
        @Override
        public void writeGroup(EventTotalsKey key, CompactSerde.Output out) {
            out.writeString(key.getStream());
            out.writeString(key.getPlanType());
            writePeriod(key.getPeriod(), out);
            out.writeLong(key.getBucketStart().toEpochMilli());
        }

        @Override
        public EventTotalsKey read(CompactSerde.Input in) {
            return new EventTotalsKey(
                    in.readString(), in.readString(), readPeriod(in), Instant.ofEpochMilli(in.readLong()));
        }
    };

    private GoldKeys() {}

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
