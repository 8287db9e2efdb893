package io.zoommetering.topology.output.billingeventtypedim;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.gold.dim.BillingEventTypeDim;
import io.zoommetering.avro.gold.dim.BillingEventTypeDimKey;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.SeenNames;
import io.zoommetering.topology.aggregate.Lineage;

/**
 * Writes a billing event type's row once per task, the first time the task sees the name. Tasks that see the same name each
 * write it once: the same key and name, an idempotent upsert for the sink.
 */
final class BillingEventTypeDimLedger implements Ledger {

    private final SeenNames names;
    private final LedgerContext context;

    BillingEventTypeDimLedger(LedgerContext context) {
        this.names = new SeenNames(context.store(BillingEventTypeDimOutput.NAMES));
        this.context = context;
    }

    @Override
    public void record(AccountRecord record) {
        // A withdrawn state is no accepted record, only a previous one sent back to its account; an older state
        // arriving late (SUPERSEDED) is accepted, and SPEC's dimension holds every name seen in an accepted record.
        if (record.kind() == EnvelopeKind.WITHDRAWN || !(record.payload() instanceof BillingEvent value)) {
            return;
        }
        String name = value.getEventType().name();
        if (!names.firstSight(name, context)) {
            return;
        }
        Lineage lineage = context.lineageNow();
        context.write(
                BillingEventTypeDimOutput.INSTANCE,
                new BillingEventTypeDimKey(name),
                new BillingEventTypeDim(name, lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem()));
    }
}
