package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.gold.ActiveUsers;
import io.zoommetering.avro.gold.EventTotals;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.MeetingMinutes;
import io.zoommetering.avro.gold.Mrr;
import io.zoommetering.avro.gold.Overage;
import io.zoommetering.avro.gold.OverageAlert;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.Revenue;
import io.zoommetering.avro.gold.RevenueKey;
import io.zoommetering.avro.gold.UsageByProduct;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.topics.TopicId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

import static io.zoommetering.topology.aggregate.MeasureSets.amount;
import static io.zoommetering.topology.aggregate.MeasureSets.count;

/**
 * The formulas of SPEC section 3, from the summed measures of one aggregate key to its gold rows. Each output's
 * row exists while something contributes to it; a row that stops existing is deleted (a null value).
 */
public final class GoldFormulas {

    private static final int CENTS = 2;

    private final Predicate<String> inCatalog;

    /** @param inCatalog whether a plan type is in the plan catalog (overage has rows only for those) */
    public GoldFormulas(Predicate<String> inCatalog) {
        this.inCatalog = inCatalog;
    }

    public List<GoldRecord> rows(SpecificRecord key, Measures total, Lineage lineage) {
        List<GoldRecord> rows = new ArrayList<>();
        if (key instanceof PeriodKey period) {
            long active = count(total, Measure.ACTIVE_USERS);
            long meetings = count(total, Measure.MEETING_COUNT);
            rows.add(row(TopicId.ACTIVE_USERS, period, active > 0,
                    () -> new ActiveUsers(active, lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem())));
            rows.add(row(TopicId.MEETING_MINUTES, period, meetings > 0, () -> meetingMinutes(total, lineage)));
        } else if (key instanceof RevenueKey revenue) {
            long events = count(total, Measure.BILLING_EVENTS);
            rows.add(row(TopicId.REVENUE, revenue, events > 0, () -> new Revenue(
                    amount(total, Measure.REVENUE).rounded(CENTS), events,
                    lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem())));
        } else if (key instanceof PlanMonthKey month) {
            rows.add(row(TopicId.MRR, month, count(total, Measure.RECURRING_SHARES) > 0, () -> mrr(total, lineage)));
        } else if (key instanceof ProductMeterKey product) {
            boolean used = count(total, Measure.USAGE_RECORDS) > 0;
            rows.add(row(TopicId.USAGE_BY_PRODUCT, product, used, () -> new UsageByProduct(
                    amount(total, Measure.USAGE).rounded(CENTS),
                    lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem())));
            rows.add(row(TopicId.OVERAGE, product, used && inCatalog.test(product.getPlanType()),
                    () -> new Overage(amount(total, Measure.OVERAGE).rounded(CENTS),
                            count(total, Measure.OVERAGE_ACCOUNTS),
                            amount(total, Measure.OVERAGE_REVENUE).rounded(CENTS),
                            lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem())));
        } else if (key instanceof EventTotalsKey totals) {
            long events = count(total, Measure.EVENTS);
            rows.add(row(TopicId.EVENT_TOTALS, totals, events > 0, () -> new EventTotals(events,
                    lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem())));
        } else {
            throw new IllegalArgumentException("no gold output for " + key.getClass().getSimpleName());
        }
        return rows;
    }

    /**
     * The overage alert of a product, meter and month, when its overage has reached the catalog threshold;
     * null otherwise (SPEC: emitted once, the first time; the caller remembers that it was).
     */
    public GoldRecord alert(ProductMeterKey key, Measures total, Plan product, Lineage lineage) {
        if (product == null) {
            return null;
        }
        Long threshold = product.getOverageAlertThresholds().get(key.getMeter());
        Fraction overage = amount(total, Measure.OVERAGE);
        if (threshold == null || overage.compareTo(Fraction.of(threshold)) < 0) {
            return null;
        }
        return new GoldRecord(TopicId.OVERAGE_ALERTS, key, new OverageAlert(overage.rounded(CENTS), threshold,
                count(total, Measure.OVERAGE_ACCOUNTS), lineage.loadDate(), lineage.updateDate(),
                lineage.sourceSystem()));
    }

    private static MeetingMinutes meetingMinutes(Measures total, Lineage lineage) {
        long minutes = count(total, Measure.MEETING_MINUTES);
        long meetings = count(total, Measure.MEETING_COUNT);
        long active = count(total, Measure.ACTIVE_USERS);
        BigDecimal perActiveUser = active == 0 ? null : Fraction.of(meetings).dividedBy(active).rounded(CENTS);
        return new MeetingMinutes(minutes, meetings, Fraction.of(minutes).dividedBy(meetings).rounded(CENTS),
                perActiveUser, lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem());
    }

    private static Mrr mrr(Measures total, Lineage lineage) {
        Fraction mrr = amount(total, Measure.MRR);
        long paying = count(total, Measure.PAYING_ACCOUNTS);
        BigDecimal arpu = paying == 0 ? null : mrr.dividedBy(paying).rounded(CENTS);
        return new Mrr(mrr.rounded(CENTS), paying, arpu, lineage.loadDate(), lineage.updateDate(),
                lineage.sourceSystem());
    }

    private static GoldRecord row(TopicId output, SpecificRecord key, boolean exists,
                                  java.util.function.Supplier<SpecificRecord> value) {
        return new GoldRecord(output, key, exists ? value.get() : null);
    }
}
