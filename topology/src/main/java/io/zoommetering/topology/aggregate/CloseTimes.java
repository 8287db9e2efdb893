package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.RevenueKey;
import io.zoommetering.topology.time.Periods;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;

/** When an aggregate is final: the end of its period plus the grace period, after which no record may change it. */
public final class CloseTimes {

    private final Periods periods;
    private final Duration grace;

    public CloseTimes(Periods periods, Duration grace) {
        this.periods = periods;
        this.grace = grace;
    }

    public Instant closeOf(Object key) {
        return periodEnd(key).plus(grace);
    }

    private Instant periodEnd(Object key) {
        if (key instanceof PeriodKey period) {
            return periods.periodEnd(period.getPeriodType(), period.getActivityDate());
        } else if (key instanceof RevenueKey revenue) {
            return periods.periodEnd(revenue.getPeriodType(), revenue.getActivityDate());
        } else if (key instanceof PlanMonthKey month) {
            return periods.monthEnd(YearMonth.parse(month.getActivityMonth()));
        } else if (key instanceof ProductMeterKey product) {
            return periods.monthEnd(YearMonth.parse(product.getActivityMonth()));
        } else if (key instanceof EventTotalsKey totals) {
            return periods.bucketEnd(totals.getPeriod(), totals.getBucketStart());
        }
        throw new IllegalArgumentException("no period for " + key.getClass().getSimpleName());
    }
}
