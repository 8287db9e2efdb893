package io.zoommetering.topology.account;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.internal.ActivityRefs;
import io.zoommetering.topology.aggregate.AggregateKeys;
import io.zoommetering.topology.aggregate.Measure;
import io.zoommetering.topology.time.Periods;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which periods each user is active in, and why. A user counts +1 in a period only when they first become active
 * in it, and -1 only when their last reason goes (a hosted meeting corrected away), so the distinct count is
 * exact and the state grows with users and periods, never with events.
 */
final class ActivityLedger {

    /** Entries per task kept as objects: the users active lately, whose activity repeats most. */
    private static final int CACHED = 50_000;

    private final ObjectCache<String, ActivityRefs> activity;
    private final PartialAggregates partials;
    private final Periods periods;

    ActivityLedger(KeyValueStore<String, ActivityRefs> activity, PartialAggregates partials, Periods periods) {
        this.activity = new ObjectCache<>(activity, CACHED);
        this.partials = partials;
        this.periods = periods;
    }

    /** A meeting hosted at the given start (delta +1), or withdrawn from its host (delta -1). */
    void hosted(String user, Instant start, int delta) {
        update(user, start, refs -> refs.setHostedMeetings(refs.getHostedMeetings() + delta));
    }

    /** An attendance or a feature usage: activity that is never withdrawn. */
    void permanent(String user, Instant at) {
        update(user, at, refs -> refs.setOtherActivity(true));
    }

    private void update(String user, Instant at, Consumer<ActivityRefs> change) {
        for (PeriodType type : Periods.CALENDAR) {
            LocalDate start = periods.periodStart(type, at);
            String key = StoreKeys.of(user, type.name(), start.toString());
            ActivityRefs refs = activity.get(key);
            boolean stored = refs != null;
            boolean wasActive = stored && isActive(refs);
            if (refs == null) {
                refs = new ActivityRefs(0, false);
            }
            int hostedBefore = refs.getHostedMeetings();
            boolean otherBefore = refs.getOtherActivity();
            change.accept(refs);
            boolean active = isActive(refs);
            if (active) {
                // Most activity is a user active again where they already are: then there is nothing to write.
                if (!stored || refs.getHostedMeetings() != hostedBefore || refs.getOtherActivity() != otherBefore) {
                    activity.put(key, refs);
                }
            } else if (stored) {
                activity.delete(key);
            }
            if (active != wasActive) {
                partials.addCount(AggregateKeys.period(type, start), Measure.ACTIVE_USERS, active ? 1 : -1);
            }
        }
    }

    private static boolean isActive(ActivityRefs refs) {
        return refs.getHostedMeetings() > 0 || refs.getOtherActivity();
    }
}
