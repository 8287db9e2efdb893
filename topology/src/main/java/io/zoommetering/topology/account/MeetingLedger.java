package io.zoommetering.topology.account;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.internal.AggregateKey;
import io.zoommetering.avro.internal.MeetingContribution;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.topology.aggregate.AggregateKeys;
import io.zoommetering.topology.aggregate.Measure;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.time.Periods;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What each meeting currently contributes to its host's account: activity, minutes and usage. A new current
 * state withdraws the previous contribution before adding its own, so a corrected meeting replaces, never adds.
 */
final class MeetingLedger {

    /** Meetings per task kept as objects: a meeting's states (started, ended, corrected) come close together. */
    private static final int CACHED = 20_000;

    private final ObjectCache<String, MeetingContribution> contributions;
    private final ActivityLedger activity;
    private final UsageLedger usage;
    private final PartialAggregates partials;
    private final PlanResolver plans;
    private final Periods periods;

    MeetingLedger(KeyValueStore<String, MeetingContribution> contributions, ActivityLedger activity,
                  UsageLedger usage, PartialAggregates partials, PlanResolver plans, Periods periods) {
        this.contributions = new ObjectCache<>(contributions, CACHED);
        this.activity = activity;
        this.usage = usage;
        this.partials = partials;
        this.plans = plans;
        this.periods = periods;
    }

    /** The meeting's new current state, hosted by this account. */
    void current(Meeting meeting) {
        String host = meeting.getHostUserId();
        String key = StoreKeys.of(host, meeting.getMeetingId());
        MeetingContribution previous = contributions.get(key);
        Integer minutes = meeting.getStatus() == MeetingStatus.ENDED ? meeting.getDurationMinutes() : null;
        MeetingContribution next = new MeetingContribution(plans.planOf(host, meeting.getEventTime()),
                meeting.getStartTime(), minutes == null ? null : minutes.longValue());
        if (previous != null) {
            apply(host, previous, -1);
        }
        apply(host, next, +1);
        contributions.put(key, next);
    }

    /** The meeting moved to another host: its previous state no longer counts for this account. */
    void withdrawn(Meeting previousState) {
        String host = previousState.getHostUserId();
        String key = StoreKeys.of(host, previousState.getMeetingId());
        MeetingContribution previous = contributions.get(key);
        if (previous != null) {
            apply(host, previous, -1);
            contributions.delete(key);
        }
    }

    private void apply(String host, MeetingContribution contribution, int sign) {
        activity.hosted(host, contribution.getStartTime(), sign);
        Long minutes = contribution.getDurationMinutes();
        if (minutes == null) {
            return;
        }
        for (PeriodType type : Periods.CALENDAR) {
            AggregateKey key = AggregateKeys.period(type, periods.periodStart(type, contribution.getStartTime()));
            partials.addCount(key, Measure.MEETING_MINUTES, sign * minutes);
            partials.addCount(key, Measure.MEETING_COUNT, sign);
        }
        usage.add(host, contribution.getPlanType(), Meters.MEETING_MINUTES, periods.month(contribution.getStartTime()),
                Fraction.of(sign * minutes), sign);
    }
}
