package io.zoommetering.topology.output.tickettypedim;

import io.zoommetering.avro.gold.dim.TicketTypeDimKey;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** gold.dim.ticket-type the obvious way: one row per ticket type of an accepted record (older states arriving late included). */
public final class TicketTypeDimReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.dim.ticket-type";
    }

    @Override
    public Map<TicketTypeDimKey, Map<String, Object>> table(ReferenceInput input) {
        Map<TicketTypeDimKey, Map<String, Object>> table = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof SupportTicket value) {
                String name = value.getTicketType().name();
                table.put(new TicketTypeDimKey(name), Map.of("ticket_type", name));
            }
        }
        return table;
    }
}
