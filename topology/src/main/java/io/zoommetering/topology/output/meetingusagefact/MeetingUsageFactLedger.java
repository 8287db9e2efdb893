package io.zoommetering.topology.output.meetingusagefact;

import io.zoommetering.avro.gold.fact.MeetingUsageFact;
import io.zoommetering.avro.gold.fact.MeetingUsageFactKey;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.EntityRows;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PlanResolver;

/**
 * Rewrites a meeting's row from each current state (the upsert router sends only the latest state as CURRENT). An
 * older state (SUPERSEDED) writes nothing; a state withdrawn from this account (the meeting moved to another host)
 * writes nothing either, as the new host's task writes the meeting's row from the new state.
 */
final class MeetingUsageFactLedger implements Ledger {

    private final EntityRows<MeetingUsageFactKey, MeetingUsageFact> rows;
    private final PlanResolver profiles;

    MeetingUsageFactLedger(LedgerContext context) {
        this.rows = new EntityRows<>(context, MeetingUsageFactOutput.INSTANCE, MeetingUsageFactOutput.ROWS);
        this.profiles = context.plans();
    }

    @Override
    public void record(AccountRecord record) {
        if (!(record.payload() instanceof Meeting meeting)) {
            return;
        }
        if (record.kind() == EnvelopeKind.WITHDRAWN) {
            rows.forget(meeting.getMeetingId());
        } else if (record.isCurrent()) {
            MeetingUsageFact row = new MeetingUsageFact(
                    profiles.userNameOf(meeting.getHostUserId(), meeting.getEventTime()),
                    meeting.getMeetingTopic(),
                    meeting.getStartTime(),
                    meeting.getEndTime(),
                    meeting.getDurationMinutes(),
                    // Lineage: EntityRows sets it when it writes the row.
                    null,
                    null,
                    null);
            rows.upsert(
                    meeting.getMeetingId(),
                    meeting.getEventTime().toEpochMilli(),
                    new MeetingUsageFactKey(meeting.getMeetingId()),
                    row);
        }
    }
}
