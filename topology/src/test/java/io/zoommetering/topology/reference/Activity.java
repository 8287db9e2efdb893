package io.zoommetering.topology.reference;

import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.usage.Meeting;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who is active in which DAILY, WEEKLY and MONTHLY period (docs/SEMANTICS.md, "Activity"): the host of a meeting's
 * current state at its start_time (STARTED is enough), an attendee at join_time, a feature user at event_time.
 */
public final class Activity {

    private final Map<PeriodKey, Set<String>> activeUsers = new HashMap<>();

    private Activity() {}

    static Activity of(BusinessState state, Periods periods) {
        Activity activity = new Activity();
        for (Planned<Meeting> meeting : state.currentMeetings().values()) {
            activity.add(meeting.value().getHostUserId(), meeting.value().getStartTime(), periods);
        }
        state.attendances()
                .forEach(attendance -> activity.add(attendance.getUserId(), attendance.getJoinTime(), periods));
        state.featureUsages()
                .forEach(usage ->
                        activity.add(usage.value().getUserId(), usage.value().getEventTime(), periods));
        return activity;
    }

    /** Periods with at least one active user. */
    public Set<PeriodKey> periods() {
        return activeUsers.keySet();
    }

    public long activeUserCount(PeriodKey period) {
        return activeUsers.getOrDefault(period, Set.of()).size();
    }

    /** The users active in the period. */
    public Set<String> activeUsers(PeriodKey period) {
        return activeUsers.getOrDefault(period, Set.of());
    }

    private void add(String userId, Instant at, Periods periods) {
        for (PeriodKey period : periods.calendarPeriods(at)) {
            activeUsers.computeIfAbsent(period, key -> new HashSet<>()).add(userId);
        }
    }
}
