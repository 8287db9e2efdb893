package io.zoommetering.topology.output.featureusagefact;

import io.zoommetering.avro.gold.fact.FeatureUsageFactKey;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.fact.feature-usage the obvious way: a row per accepted feature usage, with the topic of the latest state (by
 * event_time, ties: the later) of its meeting among the meeting states processed before it; null without one.
 */
public final class FeatureUsageFactReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.fact.feature-usage";
    }

    @Override
    public Map<FeatureUsageFactKey, Map<String, Object>> table(ReferenceInput input) {
        Map<String, Meeting> meetings = new HashMap<>();
        Map<FeatureUsageFactKey, Map<String, Object>> table = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof Meeting meeting) {
                Meeting known = meetings.get(meeting.getMeetingId());
                if (known == null || !meeting.getEventTime().isBefore(known.getEventTime())) {
                    meetings.put(meeting.getMeetingId(), meeting);
                }
            } else if (record instanceof FeatureUsage usage) {
                Meeting meeting = usage.getMeetingId() == null ? null : meetings.get(usage.getMeetingId());
                Map<String, Object> row = new HashMap<>();
                row.put("meeting_topic", meeting == null ? null : meeting.getMeetingTopic());
                row.put("feature_name", usage.getFeatureName());
                row.put("usage_count", usage.getUsageCount());
                row.put("usage_date", LocalDate.ofInstant(usage.getEventTime(), input.zone()));
                table.put(new FeatureUsageFactKey(usage.getEventId()), row);
            }
        }
        return table;
    }
}
