package io.zoommetering.topology.output.supportticketfact;

import io.zoommetering.avro.gold.fact.SupportTicketFact;
import io.zoommetering.avro.gold.fact.SupportTicketFactKey;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.EntityRows;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PlanResolver;
import io.zoommetering.topology.time.Periods;

/**
 * Rewrites a ticket's row from each current state. An older state writes nothing; a state withdrawn from this
 * account (the ticket moved to another user) writes nothing, as the new user's task writes the row.
 */
final class SupportTicketFactLedger implements Ledger {

    private final EntityRows<SupportTicketFactKey, SupportTicketFact> rows;
    private final PlanResolver profiles;
    private final Periods periods;

    SupportTicketFactLedger(LedgerContext context) {
        this.rows = new EntityRows<>(context, SupportTicketFactOutput.INSTANCE, SupportTicketFactOutput.ROWS);
        this.profiles = context.plans();
        this.periods = context.periods();
    }

    @Override
    public void record(AccountRecord record) {
        if (!(record.payload() instanceof SupportTicket ticket)) {
            return;
        }
        if (record.kind() == EnvelopeKind.WITHDRAWN) {
            rows.forget(ticket.getTicketId());
        } else if (record.isCurrent()) {
            SupportTicketFact row = new SupportTicketFact(
                    profiles.userNameOf(ticket.getUserId(), ticket.getEventTime()),
                    ticket.getTicketType().name(),
                    ticket.getStatus().name(),
                    periods.date(ticket.getOpenTime()),
                    // Lineage: EntityRows sets it when it writes the row.
                    null,
                    null,
                    null);
            rows.upsert(
                    ticket.getTicketId(),
                    ticket.getEventTime().toEpochMilli(),
                    new SupportTicketFactKey(ticket.getTicketId()),
                    row);
        }
    }
}
