package io.zoommetering.topology.account;

import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.aggregate.AggregateKeys;
import java.time.Instant;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * The plan of an account as of a moment (SPEC 2, "Plan of a record"): the profile state with the latest
 * event_time not after it, among the profiles processed so far. A versioned store keeps that history, of the
 * plan types only: nothing else of a profile is read.
 */
final class PlanResolver {

    private final VersionedKeyValueStore<String, String> profiles;

    PlanResolver(VersionedKeyValueStore<String, String> profiles) {
        this.profiles = profiles;
    }

    void remember(User profile) {
        profiles.put(profile.getUserId(), profile.getPlanType().name(), profile.getEventTime().toEpochMilli());
    }

    String planOf(String userId, Instant at) {
        VersionedRecord<String> plan = profiles.get(userId, at.toEpochMilli());
        return plan == null ? AggregateKeys.UNKNOWN_PLAN : plan.value();
    }
}
