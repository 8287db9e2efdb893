package io.zoommetering.topology.output.featureusagefact;

import io.zoommetering.avro.gold.fact.FeatureUsageFact;
import io.zoommetering.avro.gold.fact.FeatureUsageFactKey;
import io.zoommetering.avro.internal.FeatureActivity;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.time.Periods;

/**
 * Writes a feature usage's row once, when it is accepted (intake drops duplicates of its event_id), with the
 * meeting topic the usage was given where the meetings and feature-usage partitions meet
 * ({@code account/MeetingTopics}).
 */
final class FeatureUsageFactLedger implements Ledger {

    private final LedgerContext context;
    private final Periods periods;

    FeatureUsageFactLedger(LedgerContext context) {
        this.context = context;
        this.periods = context.periods();
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent() || !(record.payload() instanceof FeatureActivity usage)) {
            return;
        }
        // Envelopes written before the fact existed carry no event_id: there is no key to write them under.
        if (usage.getEventId() == null) {
            return;
        }
        Lineage lineage = context.lineageNow();
        context.write(
                FeatureUsageFactOutput.INSTANCE,
                new FeatureUsageFactKey(usage.getEventId()),
                new FeatureUsageFact(
                        usage.getMeetingTopic(),
                        usage.getFeatureName(),
                        usage.getUsageCount(),
                        periods.date(usage.getEventTime()),
                        lineage.loadDate(),
                        lineage.updateDate(),
                        lineage.sourceSystem()));
    }
}
