package io.zoommetering.topology.account;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.internal.AttendanceActivity;
import io.zoommetering.avro.internal.FeatureActivity;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.aggregate.GoldKeys;
import java.time.Instant;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * The profile of an account as of a moment (SPEC 2, "Plan of a record"): the profile state with the latest
 * event_time not after it, among the profiles processed so far. It answers the plan a record counts under and the
 * user_name a fact carries (SPEC 3, "Facts": resolved like the plan), from one versioned store that keeps of each
 * profile version what is read of it, the plan type and the user_name ({@link ProfileVersions}).
 */
public final class PlanResolver implements Ledger {

    private final VersionedKeyValueStore<String, ProfileVersions.Version> profiles;

    PlanResolver(VersionedKeyValueStore<String, ProfileVersions.Version> profiles) {
        this.profiles = profiles;
    }

    @Override
    public void record(AccountRecord record) {
        if (record.payload() instanceof User profile) {
            profiles.put(
                    profile.getUserId(),
                    new ProfileVersions.Version(profile.getPlanType().name(), profile.getUserName()),
                    profile.getEventTime().toEpochMilli());
        }
    }

    public String planOf(String userId, Instant at) {
        VersionedRecord<ProfileVersions.Version> profile = profiles.get(userId, at.toEpochMilli());
        return profile == null ? GoldKeys.UNKNOWN_PLAN : profile.value().planType();
    }

    /**
     * The user_name of the user's profile as of a moment; null when the user has none then (or no user is named),
     * and for a version stored before names were kept (README, upgrade notes).
     */
    public String userNameOf(String userId, Instant at) {
        if (userId == null || userId.isBlank()) {
            return null;
        }
        VersionedRecord<ProfileVersions.Version> profile = profiles.get(userId, at.toEpochMilli());
        return profile == null ? null : profile.value().userName();
    }

    /** SPEC 2: the plan an accepted record counts under (in the event totals). */
    public String planOfRecord(Object payload, Instant eventTime) {
        if (payload instanceof User user) {
            return user.getPlanType().name();
        } else if (payload instanceof Plan plan) {
            return plan.getPlanType().name();
        } else if (payload instanceof BillingEvent event) {
            return event.getPlanType().name();
        } else if (payload instanceof ServiceStatus) {
            return GoldKeys.NO_PLAN;
        } else if (payload instanceof License license) {
            String user = license.getAssignedUserId();
            return user == null || user.isBlank() ? GoldKeys.NO_PLAN : planOf(user, eventTime);
        } else if (payload instanceof Meeting meeting) {
            return planOf(meeting.getHostUserId(), eventTime);
        } else if (payload instanceof Webinar webinar) {
            return planOf(webinar.getHostUserId(), eventTime);
        } else if (payload instanceof AttendanceActivity attendance) {
            return planOf(attendance.getUserId(), eventTime);
        } else if (payload instanceof FeatureActivity feature) {
            return planOf(feature.getUserId(), eventTime);
        } else if (payload instanceof SupportTicket ticket) {
            return planOf(ticket.getUserId(), eventTime);
        }
        throw new IllegalStateException("no plan rule for " + payload.getClass().getSimpleName());
    }
}
