package io.zoommetering.topology.output.meetingdim;

import io.zoommetering.avro.gold.dim.MeetingDimKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** gold.dim.meeting the obvious way: each meeting's latest state by event_time (a tie to the later processed). */
public final class MeetingDimReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.dim.meeting";
    }

    @Override
    public Map<MeetingDimKey, Map<String, Object>> table(ReferenceInput input) {
        Map<String, Meeting> latest = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof Meeting meeting) {
                Meeting current = latest.get(meeting.getMeetingId());
                if (current == null || !meeting.getEventTime().isBefore(current.getEventTime())) {
                    latest.put(meeting.getMeetingId(), meeting);
                }
            }
        }
        Map<MeetingDimKey, Map<String, Object>> table = new LinkedHashMap<>();
        latest.forEach((id, meeting) -> table.put(
                new MeetingDimKey(id),
                Map.of(
                        "meeting_topic", meeting.getMeetingTopic(),
                        "meeting_type", meeting.getMeetingType().name())));
        return table;
    }
}
