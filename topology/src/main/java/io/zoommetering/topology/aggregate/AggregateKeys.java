package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.RevenueKey;
import io.zoommetering.avro.internal.AggregateKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/** The keys of the aggregates, each the natural key of its gold output (SPEC 3). */
public final class AggregateKeys {

    /** The plan bucket of records whose user had no profile when they were processed. */
    public static final String UNKNOWN_PLAN = "UNKNOWN";
    /** The plan bucket of records that belong to no user. */
    public static final String NO_PLAN = "NONE";
    /** The plan bucket of the totals over every plan. */
    public static final String ALL_PLANS = "ALL";

    private AggregateKeys() {
    }

    public static AggregateKey period(PeriodType type, LocalDate start) {
        return new AggregateKey(new PeriodKey(type, start));
    }

    public static AggregateKey revenue(String plan, PeriodType type, LocalDate start) {
        return new AggregateKey(new RevenueKey(plan, type, start));
    }

    public static AggregateKey planMonth(String plan, YearMonth month) {
        return new AggregateKey(new PlanMonthKey(plan, month.toString()));
    }

    public static AggregateKey productMeter(String plan, String meter, YearMonth month) {
        return new AggregateKey(new ProductMeterKey(plan, meter, month.toString()));
    }

    public static AggregateKey eventTotals(String stream, String plan, PeriodType bucket, Instant start) {
        return new AggregateKey(new EventTotalsKey(stream, plan, bucket, start));
    }
}
