package io.zoommetering.topology.output.webinarusagefact;

import io.zoommetering.avro.gold.fact.WebinarUsageFactKey;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.fact.webinar-usage the obvious way: per webinar_id, the record with the latest event_time (on a tie, the one
 * processed later).
 */
public final class WebinarUsageFactReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.fact.webinar-usage";
    }

    @Override
    public Map<WebinarUsageFactKey, Map<String, Object>> table(ReferenceInput input) {
        Map<String, Instant> latest = new HashMap<>();
        Map<WebinarUsageFactKey, Map<String, Object>> table = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof Webinar webinar) {
                Instant known = latest.get(webinar.getWebinarId());
                if (known != null && webinar.getEventTime().isBefore(known)) {
                    continue;
                }
                latest.put(webinar.getWebinarId(), webinar.getEventTime());
                Map<String, Object> row = new HashMap<>();
                row.put("webinar_topic", webinar.getWebinarTopic());
                row.put("start_time", webinar.getStartTime());
                row.put("end_time", webinar.getEndTime());
                row.put("registrants", webinar.getRegistrants());
                table.put(new WebinarUsageFactKey(webinar.getWebinarId()), row);
            }
        }
        return table;
    }
}
