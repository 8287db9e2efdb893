package io.zoommetering.topology.output.webinardim;

import io.zoommetering.avro.gold.dim.WebinarDimKey;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** gold.dim.webinar the obvious way: each webinar's latest record by event_time (a tie to the later processed). */
public final class WebinarDimReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.dim.webinar";
    }

    @Override
    public Map<WebinarDimKey, Map<String, Object>> table(ReferenceInput input) {
        Map<String, Webinar> latest = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof Webinar webinar) {
                Webinar current = latest.get(webinar.getWebinarId());
                if (current == null || !webinar.getEventTime().isBefore(current.getEventTime())) {
                    latest.put(webinar.getWebinarId(), webinar);
                }
            }
        }
        Map<WebinarDimKey, Map<String, Object>> table = new LinkedHashMap<>();
        latest.forEach(
                (id, webinar) -> table.put(new WebinarDimKey(id), Map.of("webinar_topic", webinar.getWebinarTopic())));
        return table;
    }
}
