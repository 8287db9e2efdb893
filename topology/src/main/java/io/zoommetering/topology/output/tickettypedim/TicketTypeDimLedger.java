package io.zoommetering.topology.output.tickettypedim;

import io.zoommetering.avro.gold.dim.TicketTypeDim;
import io.zoommetering.avro.gold.dim.TicketTypeDimKey;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.SeenNames;
import io.zoommetering.topology.aggregate.Lineage;

/**
 * Writes a ticket type's row once per task, the first time the task sees the name. Tasks that see the same name each
 * write it once: the same key and name, an idempotent upsert for the sink.
 */
final class TicketTypeDimLedger implements Ledger {

    private final SeenNames names;
    private final LedgerContext context;

    TicketTypeDimLedger(LedgerContext context) {
        this.names = new SeenNames(context.store(TicketTypeDimOutput.NAMES));
        this.context = context;
    }

    @Override
    public void record(AccountRecord record) {
        // A withdrawn state is no accepted record, only a previous one sent back to its account; an older state
        // arriving late (SUPERSEDED) is accepted, and SPEC's dimension holds every name seen in an accepted record.
        if (record.kind() == EnvelopeKind.WITHDRAWN || !(record.payload() instanceof SupportTicket value)) {
            return;
        }
        String name = value.getTicketType().name();
        if (!names.firstSight(name, context)) {
            return;
        }
        Lineage lineage = context.lineageNow();
        context.write(
                TicketTypeDimOutput.INSTANCE,
                new TicketTypeDimKey(name),
                new TicketTypeDim(name, lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem()));
    }
}
