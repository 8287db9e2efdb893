package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.internal.MeetingContribution;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.topology.topics.TopicId;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What each meeting currently contributes to its host's account (plan, start, minutes), told to the ledgers as
 * the contribution is added and withdrawn: a new current state withdraws the previous contribution before adding
 * its own, so a corrected meeting replaces, never adds.
 */
final class MeetingContributions implements Ledger {

    /** Meetings per task kept as objects: a meeting's states (started, ended, corrected) come close together. */
    private static final int CACHED = 20_000;
    /** The stream name meetings' envelopes carry. */
    private static final String MEETINGS = TopicId.MEETINGS.configName();

    private final ObjectCache<String, MeetingContribution> contributions;
    private final Ledger events;
    private final PlanResolver plans;

    MeetingContributions(KeyValueStore<String, MeetingContribution> contributions, Ledger events, PlanResolver plans) {
        this.contributions = new ObjectCache<>(contributions, CACHED);
        this.events = events;
        this.plans = plans;
    }

    @Override
    public void record(AccountRecord record) {
        if (!(record.payload() instanceof Meeting meeting)) {
            // Other upsert streams (support tickets, licenses) send WITHDRAWN states of their own; a meetings one
            // must carry a meeting.
            if (record.kind() == EnvelopeKind.WITHDRAWN && record.stream().equals(MEETINGS)) {
                // Checked, not cast: Kafka Streams takes a ClassCastException for a serde mistake and stops the
                // client, while an IllegalStateException reaches the processing exception handler.
                throw new IllegalStateException("a WITHDRAWN envelope must carry a meeting, not " + record.payload());
            }
            return;
        }
        if (record.kind() == EnvelopeKind.CURRENT) {
            current(meeting);
        } else if (record.kind() == EnvelopeKind.WITHDRAWN) {
            withdrawn(meeting);
        }
    }

    /** The meeting's new current state, hosted by this account. */
    private void current(Meeting meeting) {
        String host = meeting.getHostUserId();
        String key = StoreKeys.of(host, meeting.getMeetingId());
        MeetingContribution previous = contributions.get(key);
        Integer minutes = meeting.getStatus() == MeetingStatus.ENDED ? meeting.getDurationMinutes() : null;
        MeetingContribution next = new MeetingContribution(
                plans.planOf(host, meeting.getEventTime()),
                meeting.getStartTime(),
                minutes == null ? null : minutes.longValue());
        if (previous != null) {
            events.meeting(host, previous, -1);
        }
        events.meeting(host, next, +1);
        contributions.put(key, next);
    }

    /** The meeting moved to another host: its previous state no longer counts for this account. */
    private void withdrawn(Meeting previousState) {
        String host = previousState.getHostUserId();
        String key = StoreKeys.of(host, previousState.getMeetingId());
        MeetingContribution previous = contributions.get(key);
        if (previous != null) {
            events.meeting(host, previous, -1);
            contributions.delete(key);
        }
    }
}
