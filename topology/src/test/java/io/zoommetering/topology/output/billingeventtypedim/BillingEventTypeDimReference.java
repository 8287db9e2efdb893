package io.zoommetering.topology.output.billingeventtypedim;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.gold.dim.BillingEventTypeDimKey;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** gold.dim.billing-event-type the obvious way: one row per billing event type of an accepted record (older states arriving late included). */
public final class BillingEventTypeDimReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.dim.billing-event-type";
    }

    @Override
    public Map<BillingEventTypeDimKey, Map<String, Object>> table(ReferenceInput input) {
        Map<BillingEventTypeDimKey, Map<String, Object>> table = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof BillingEvent value) {
                String name = value.getEventType().name();
                table.put(new BillingEventTypeDimKey(name), Map.of("event_type", name));
            }
        }
        return table;
    }
}
