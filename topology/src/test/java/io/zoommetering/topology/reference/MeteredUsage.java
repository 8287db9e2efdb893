package io.zoommetering.topology.reference;

import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.Webinar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The metered usage of gold.usage-by-product as items with their business time, replayed from the accepted records
 * in processing order: each meeting's latest state by event_time (ties to the later one) with its duration once
 * ENDED, at start_time; each webinar's registrants at start_time; each RECORDING feature usage's seconds ÷ 60 at
 * event_time; each under the plan of the account's profile as of the record's event_time among the profiles
 * processed before it. Public for the references of the outputs built on usage.
 */
public final class MeteredUsage {

    /** One record's usage of one meter. */
    public record Item(String account, String plan, String meter, Instant at, Fraction units) {}

    private MeteredUsage() {}

    public static List<Item> of(ReferenceInput input) {
        ProfileHistory profiles = new ProfileHistory();
        Map<String, Meeting> meetings = new LinkedHashMap<>();
        Map<String, String> meetingPlans = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof User user) {
                profiles.add(user);
            } else if (record instanceof Meeting meeting) {
                Meeting current = meetings.get(meeting.getMeetingId());
                if (current == null || !meeting.getEventTime().isBefore(current.getEventTime())) {
                    meetings.put(meeting.getMeetingId(), meeting);
                    meetingPlans.put(
                            meeting.getMeetingId(), profiles.planOf(meeting.getHostUserId(), meeting.getEventTime()));
                }
            } else if (record instanceof Webinar webinar) {
                items.add(new Item(
                        webinar.getHostUserId(),
                        profiles.planOf(webinar.getHostUserId(), webinar.getEventTime()),
                        UsageItem.WEBINAR_REGISTRANTS,
                        webinar.getStartTime(),
                        Fraction.of(webinar.getRegistrants())));
            } else if (record instanceof FeatureUsage usage
                    && usage.getFeatureName().equals("RECORDING")) {
                items.add(new Item(
                        usage.getUserId(),
                        profiles.planOf(usage.getUserId(), usage.getEventTime()),
                        UsageItem.RECORDING_MINUTES,
                        usage.getEventTime(),
                        Fraction.of(usage.getUsageSeconds(), 60)));
            }
        }
        meetings.forEach((id, meeting) -> {
            if (meeting.getStatus() == MeetingStatus.ENDED) {
                items.add(new Item(
                        meeting.getHostUserId(),
                        meetingPlans.get(id),
                        UsageItem.MEETING_MINUTES,
                        meeting.getStartTime(),
                        Fraction.of(meeting.getDurationMinutes())));
            }
        });
        return items;
    }
}
