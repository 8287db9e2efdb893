package io.zoommetering.topology.output.revenue;

import io.zoommetering.avro.gold.Revenue;
import io.zoommetering.avro.gold.RevenueKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Instant;

/** gold.revenue: revenue = sum of billing amounts by event_time, REFUND and DOWNGRADE subtracting; event_count. */
public final class RevenueOutput implements AggregateOutput<RevenueKey, Revenue> {

    public static final RevenueOutput INSTANCE = new RevenueOutput();
    public static final GoldOutput OUTPUT = GoldOutput.of(INSTANCE, LedgerSpec.stateless(RevenueLedger::new));

    static final String REVENUE = "revenue";
    static final String EVENTS = "billing_events";

    private static final int CENTS = 2;
    private static final TopicSetting TOPIC =
            new TopicSetting("revenue", "gold.revenue", "of revenue by plan and period");

    private RevenueOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<RevenueKey> keyType() {
        return RevenueKey.class;
    }

    @Override
    public Class<Revenue> valueType() {
        return Revenue.class;
    }

    @Override
    public byte tag() {
        return 3;
    }

    @Override
    public KeyCodec<RevenueKey> keys() {
        return GoldKeys.REVENUE;
    }

    @Override
    public Instant periodEnd(RevenueKey key, Periods periods) {
        return periods.periodEnd(key.getPeriodType(), key.getActivityDate());
    }

    @Override
    public Revenue row(Totals<RevenueKey> totals, Lineage lineage) {
        long events = totals.count(EVENTS);
        return events > 0
                ? new Revenue(
                        totals.amount(REVENUE).rounded(CENTS),
                        events,
                        lineage.loadDate(),
                        lineage.updateDate(),
                        lineage.sourceSystem())
                : null;
    }
}
