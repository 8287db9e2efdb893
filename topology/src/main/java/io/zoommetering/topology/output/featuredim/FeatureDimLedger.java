package io.zoommetering.topology.output.featuredim;

import io.zoommetering.avro.gold.dim.FeatureDim;
import io.zoommetering.avro.gold.dim.FeatureDimKey;
import io.zoommetering.avro.internal.FeatureActivity;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.SeenNames;
import io.zoommetering.topology.aggregate.Lineage;

/**
 * Writes a feature's row once per task, the first time the task sees the name. Tasks that see the same name each
 * write it once: the same key and name, an idempotent upsert for the sink.
 */
final class FeatureDimLedger implements Ledger {

    private final SeenNames names;
    private final LedgerContext context;

    FeatureDimLedger(LedgerContext context) {
        this.names = new SeenNames(context.store(FeatureDimOutput.NAMES));
        this.context = context;
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent() || !(record.payload() instanceof FeatureActivity feature)) {
            return;
        }
        String name = feature.getFeatureName();
        if (!names.firstSight(name, context)) {
            return;
        }
        Lineage lineage = context.lineageNow();
        context.write(
                FeatureDimOutput.INSTANCE,
                new FeatureDimKey(name),
                new FeatureDim(name, lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem()));
    }
}
