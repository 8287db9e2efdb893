package io.zoommetering.topology.account;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.internal.ActivityRefs;
import io.zoommetering.avro.internal.AttendanceActivity;
import io.zoommetering.avro.internal.FeatureActivity;
import io.zoommetering.avro.internal.MeetingContribution;
import io.zoommetering.topology.time.Periods;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which periods each user is active in, and why: it tells the ledgers when a user first becomes active in a
 * period and when their last reason goes (a hosted meeting corrected away), so a distinct count built on it is
 * exact and the state grows with users and periods, never with events.
 */
final class ActivityTracker implements Ledger {

    /** Entries per task kept as objects: the users active lately, whose activity repeats most. */
    private static final int CACHED = 50_000;

    private final ObjectCache<String, ActivityRefs> activity;
    private final Ledger events;
    private final Periods periods;

    ActivityTracker(KeyValueStore<String, ActivityRefs> activity, Ledger events, Periods periods) {
        this.activity = new ObjectCache<>(activity, CACHED);
        this.events = events;
        this.periods = periods;
    }

    /** Attendance and feature usage: activity that is never withdrawn. */
    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent()) {
            return;
        }
        if (record.payload() instanceof AttendanceActivity attendance) {
            update(attendance.getUserId(), attendance.getJoinTime(), refs -> refs.setOtherActivity(true));
        } else if (record.payload() instanceof FeatureActivity feature) {
            update(feature.getUserId(), feature.getEventTime(), refs -> refs.setOtherActivity(true));
        }
    }

    /** A meeting hosted at its start (sign +1), or withdrawn from its host (sign -1). */
    @Override
    public void meeting(String host, MeetingContribution contribution, int sign) {
        update(host, contribution.getStartTime(), refs -> refs.setHostedMeetings(refs.getHostedMeetings() + sign));
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
                events.activity(user, type, start, active);
            }
        }
    }

    private static boolean isActive(ActivityRefs refs) {
        return refs.getHostedMeetings() > 0 || refs.getOtherActivity();
    }
}
