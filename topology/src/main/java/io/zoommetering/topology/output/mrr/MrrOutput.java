package io.zoommetering.topology.output.mrr;

import io.zoommetering.avro.gold.Mrr;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.MeasureSets;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Instant;
import java.time.YearMonth;

/**
 * gold.mrr (Go_Agg_MRR): monthly_recurring_revenue = the sum of the accounts' net recurring shares in the month
 * (SPEC "Recurring revenue"), paying_accounts = accounts whose net share is above zero, arpu = MRR / paying.
 */
public final class MrrOutput implements AggregateOutput<PlanMonthKey, Mrr> {

    public static final MrrOutput INSTANCE = new MrrOutput();
    public static final GoldOutput OUTPUT = GoldOutput.of(INSTANCE, LedgerSpec.stateless(MrrLedger::new));

    static final String MRR = "mrr";
    static final String PAYING_ACCOUNTS = "paying_accounts";
    /** Recurring shares landing in the month: a month row exists while it has one. */
    static final String RECURRING_SHARES = "recurring_shares";

    private static final int CENTS = 2;
    private static final TopicSetting TOPIC =
            new TopicSetting("mrr", "gold.mrr", "of monthly recurring revenue, paying accounts and ARPU");

    private MrrOutput() {}

    /** The exact ARPU of a month's gold.mrr totals (MRR / paying accounts), or null when no account pays. */
    public static Fraction arpu(Measures totals) {
        long paying = MeasureSets.count(totals, PAYING_ACCOUNTS);
        return paying == 0 ? null : MeasureSets.amount(totals, MRR).dividedBy(paying);
    }

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<PlanMonthKey> keyType() {
        return PlanMonthKey.class;
    }

    @Override
    public Class<Mrr> valueType() {
        return Mrr.class;
    }

    @Override
    public byte tag() {
        return 4;
    }

    @Override
    public KeyCodec<PlanMonthKey> keys() {
        return GoldKeys.PLAN_MONTH;
    }

    @Override
    public Instant periodEnd(PlanMonthKey key, Periods periods) {
        return periods.monthEnd(YearMonth.parse(key.getActivityMonth()));
    }

    @Override
    public Mrr row(Totals<PlanMonthKey> totals, Lineage lineage) {
        if (totals.count(RECURRING_SHARES) <= 0) {
            return null;
        }
        Fraction mrr = totals.amount(MRR);
        long paying = totals.count(PAYING_ACCOUNTS);
        Fraction arpu = arpu(totals.measures());
        return new Mrr(
                mrr.rounded(CENTS),
                paying,
                arpu == null ? null : arpu.rounded(CENTS),
                lineage.loadDate(),
                lineage.updateDate(),
                lineage.sourceSystem());
    }
}
