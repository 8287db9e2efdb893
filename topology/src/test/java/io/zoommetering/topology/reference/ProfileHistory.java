package io.zoommetering.topology.reference;

import io.zoommetering.avro.usage.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The accepted user profiles in processing order, to resolve "the user's plan" (docs/SEMANTICS.md, "The plan of a
 * record") as it stands when a record is processed: only profiles added so far take part.
 */
final class ProfileHistory {

    static final String UNKNOWN = "UNKNOWN";

    private final List<User> profiles = new ArrayList<>();

    void add(User profile) {
        profiles.add(profile);
    }

    /**
     * The plan_type of the user's profile with the greatest event_time not after {@code at}; on a tie the one added
     * later. UNKNOWN when the user has no such profile yet.
     */
    String planOf(String userId, Instant at) {
        User latest = null;
        for (User profile : profiles) {
            boolean candidate = profile.getUserId().equals(userId)
                    && !profile.getEventTime().isAfter(at);
            if (candidate && (latest == null || !profile.getEventTime().isBefore(latest.getEventTime()))) {
                latest = profile;
            }
        }
        return latest == null ? UNKNOWN : latest.getPlanType().name();
    }
}
