package io.zoommetering.topology.output.churn;

import io.zoommetering.avro.gold.Churn;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.output.mrr.MrrOutput;
import io.zoommetering.topology.state.WriteBehindStore;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.churn (SPEC 3, "Formula details: Churn"), per plan (and ALL) and month whose previous month has a paying
 * account: churn_rate = 100 x previous-month payers not paying this month / previous-month payers, and clv = arpu x
 * previous-month payers / churned, arpu read exactly from gold.mrr's totals of the same plan and month.
 */
public final class ChurnOutput implements AggregateOutput<PlanMonthKey, Churn> {

    public static final ChurnOutput INSTANCE = new ChurnOutput();
    /** The (account, plan or ALL, month) in which the account pays; present means paying. */
    static final String PAYING_MONTHS = "account-churn-paying-months";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                            suppliers.keyValue(PAYING_MONTHS), Serdes.String(), Serdes.Boolean()))),
                    ChurnLedger::new));

    /** Accounts paying in the previous month. */
    static final String PREVIOUS_PAYERS = "previous_payers";
    /** Accounts paying in the previous month and not in this one. */
    static final String CHURNED = "churned";

    private static final int CENTS = 2;
    private static final TopicSetting TOPIC =
            new TopicSetting("churn", "gold.churn", "of monthly churn rate and customer lifetime value");

    private ChurnOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<PlanMonthKey> keyType() {
        return PlanMonthKey.class;
    }

    @Override
    public Class<Churn> valueType() {
        return Churn.class;
    }

    @Override
    public byte tag() {
        return 13;
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
    public List<AggregateOutput<?, ?>> reads() {
        return List.of(MrrOutput.INSTANCE);
    }

    @Override
    public Churn row(Totals<PlanMonthKey> totals, Lineage lineage) {
        long previous = totals.count(PREVIOUS_PAYERS);
        if (previous <= 0) {
            return null;
        }
        long churned = totals.count(CHURNED);
        BigDecimal rate = Fraction.of(100 * churned).dividedBy(previous).rounded(CENTS);
        Fraction arpu = MrrOutput.arpu(totals.of(MrrOutput.INSTANCE, totals.key()));
        // arpu / (churn_rate / 100) with the exact rate, which is arpu x previous / churned
        BigDecimal clv = churned == 0 || arpu == null
                ? null
                : arpu.times(Fraction.of(previous)).dividedBy(churned).rounded(CENTS);
        return new Churn(
                rate, previous, churned, clv, lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem());
    }
}
