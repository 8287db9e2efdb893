package io.zoommetering.topology.output.meetingusagefact;

import io.zoommetering.avro.gold.fact.MeetingUsageFactKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ProfileHistory;
import io.zoommetering.topology.reference.ReferenceInput;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.fact.meeting-usage the obvious way: in processing order, a meeting state at least as new as the meeting's
 * current one becomes its row, with the host's name as of the state's event_time among the profiles seen so far.
 */
public final class MeetingUsageFactReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.fact.meeting-usage";
    }

    @Override
    public Map<MeetingUsageFactKey, Map<String, Object>> table(ReferenceInput input) {
        ProfileHistory profiles = new ProfileHistory();
        Map<String, Instant> current = new HashMap<>();
        Map<MeetingUsageFactKey, Map<String, Object>> table = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof User user) {
                profiles.add(user);
            } else if (record instanceof Meeting meeting) {
                Instant latest = current.get(meeting.getMeetingId());
                if (latest != null && meeting.getEventTime().isBefore(latest)) {
                    continue;
                }
                current.put(meeting.getMeetingId(), meeting.getEventTime());
                Map<String, Object> row = new HashMap<>();
                row.put("user_name", profiles.userNameOf(meeting.getHostUserId(), meeting.getEventTime()));
                row.put("meeting_topic", meeting.getMeetingTopic());
                row.put("start_time", meeting.getStartTime());
                row.put("end_time", meeting.getEndTime());
                row.put("duration_minutes", meeting.getDurationMinutes());
                table.put(new MeetingUsageFactKey(meeting.getMeetingId()), row);
            }
        }
        return table;
    }
}
