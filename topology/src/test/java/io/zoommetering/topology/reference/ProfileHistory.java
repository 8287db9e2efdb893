package io.zoommetering.topology.reference;

import io.zoommetering.avro.usage.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The accepted user profiles in processing order, to resolve "the user's plan" (docs/SEMANTICS.md, "The plan of a
 * record") and a fact's user_name as they stand when a record is processed: only profiles added so far take part.
 * Public for the references in the outputs' test packages.
 */
public final class ProfileHistory {

    static final String UNKNOWN = "UNKNOWN";

    private final List<User> profiles = new ArrayList<>();

    public void add(User profile) {
        profiles.add(profile);
    }

    /**
     * The plan_type of the user's profile with the greatest event_time not after {@code at}; on a tie the one added
     * later. UNKNOWN when the user has no such profile yet.
     */
    public String planOf(String userId, Instant at) {
        User latest = latest(userId, at);
        return latest == null ? UNKNOWN : latest.getPlanType().name();
    }

    /** The user_name of the same profile as {@link #planOf}; null when there is none (or no user is named). */
    public String userNameOf(String userId, Instant at) {
        User latest = userId == null ? null : latest(userId, at);
        return latest == null ? null : latest.getUserName();
    }

    private User latest(String userId, Instant at) {
        User latest = null;
        for (User profile : profiles) {
            boolean candidate = profile.getUserId().equals(userId)
                    && !profile.getEventTime().isAfter(at);
            if (candidate && (latest == null || !profile.getEventTime().isBefore(latest.getEventTime()))) {
                latest = profile;
            }
        }
        return latest;
    }
}
