package io.zoommetering.topology.output.ticketresolution;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.TicketResolutionKey;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.account.StoreKeys;
import io.zoommetering.topology.output.ticketresolution.TicketResolutionOutput.Contribution;
import io.zoommetering.topology.time.Periods;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What each ticket's latest state contributes to its type's periods. The upsert router decides which state is
 * latest (CURRENT; an older one arrives SUPERSEDED and changes nothing here); a new current state withdraws the
 * contribution of the one before and adds its own, so a corrected or reclassified ticket moves, never adds. A ticket
 * whose new state names another user reaches the previous user's account as WITHDRAWN, which takes its
 * contribution back there. Contributions are kept per account and ticket, as the meetings' are, so the WITHDRAWN
 * and CURRENT states of a ticket that changes user never meet in one entry.
 */
final class TicketResolutionLedger implements Ledger {

    private final KeyValueStore<String, Contribution> contributions;
    private final PartialAggregates partials;
    private final Periods periods;

    TicketResolutionLedger(LedgerContext context) {
        this.contributions = context.store(TicketResolutionOutput.CONTRIBUTIONS);
        this.partials = context.partials();
        this.periods = context.periods();
    }

    @Override
    public void record(AccountRecord record) {
        if (!(record.payload() instanceof SupportTicket ticket)) {
            return;
        }
        String key = StoreKeys.of(ticket.getUserId(), ticket.getTicketId());
        if (record.kind() == EnvelopeKind.CURRENT) {
            Contribution previous = contributions.get(key);
            Contribution next = contributionOf(ticket);
            if (next.equals(previous)) {
                return; // a new state that changes nothing measured (priority, category, a re-sent state)
            }
            if (previous != null) {
                count(previous, -1);
            }
            count(next, +1);
            contributions.put(key, next);
        } else if (record.kind() == EnvelopeKind.WITHDRAWN) {
            Contribution previous = contributions.get(key);
            if (previous != null) {
                count(previous, -1);
                contributions.delete(key);
            }
        }
    }

    /**
     * A ticket counts as resolved in the periods of its resolved_time whenever that is set, whatever its status;
     * the resolution rate counts the tickets opened in a period whose status is RESOLVED or CLOSED
     * (docs/SEMANTICS.md, "Ticket resolution").
     */
    private static Contribution contributionOf(SupportTicket ticket) {
        TicketStatus status = ticket.getStatus();
        return new Contribution(
                ticket.getTicketType().name(),
                status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED,
                ticket.getOpenTime().toEpochMilli(),
                millis(ticket.getFirstResponseTime()),
                millis(ticket.getResolvedTime()),
                ticket.getCsatScore());
    }

    private void count(Contribution ticket, int sign) {
        Instant open = Instant.ofEpochMilli(ticket.openMs());
        for (PeriodType type : Periods.CALENDAR) {
            TicketResolutionKey opened = key(ticket, type, open);
            add(opened, TicketResolutionOutput.OPENED, sign);
            if (ticket.done()) {
                add(opened, TicketResolutionOutput.OPENED_DONE, sign);
            }
            if (ticket.firstResponseMs() != null) {
                TicketResolutionKey responded = key(ticket, type, Instant.ofEpochMilli(ticket.firstResponseMs()));
                add(responded, TicketResolutionOutput.RESPONDED, sign);
                add(responded, TicketResolutionOutput.RESPONSE_MS, sign * (ticket.firstResponseMs() - ticket.openMs()));
            }
            if (ticket.resolvedMs() != null) {
                TicketResolutionKey resolved = key(ticket, type, Instant.ofEpochMilli(ticket.resolvedMs()));
                add(resolved, TicketResolutionOutput.RESOLVED, sign);
                add(resolved, TicketResolutionOutput.RESOLUTION_MS, sign * (ticket.resolvedMs() - ticket.openMs()));
                if (ticket.csat() != null) {
                    add(resolved, TicketResolutionOutput.SCORED, sign);
                    add(resolved, TicketResolutionOutput.CSAT, sign * (long) ticket.csat());
                }
            }
        }
    }

    private TicketResolutionKey key(Contribution ticket, PeriodType type, Instant time) {
        return new TicketResolutionKey(ticket.ticketType(), type, periods.periodStart(type, time));
    }

    private void add(TicketResolutionKey key, String measure, long delta) {
        partials.addCount(TicketResolutionOutput.INSTANCE, key, measure, delta);
    }

    private static Long millis(Instant time) {
        return time == null ? null : time.toEpochMilli();
    }
}
