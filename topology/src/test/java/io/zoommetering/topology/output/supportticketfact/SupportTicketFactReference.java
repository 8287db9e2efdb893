package io.zoommetering.topology.output.supportticketfact;

import io.zoommetering.avro.gold.fact.SupportTicketFactKey;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ProfileHistory;
import io.zoommetering.topology.reference.ReferenceInput;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.fact.support-ticket the obvious way: in processing order, a ticket state at least as new as the ticket's
 * current one becomes its row, with the requester's name as of the state's event_time among the profiles seen so
 * far.
 */
public final class SupportTicketFactReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.fact.support-ticket";
    }

    @Override
    public Map<SupportTicketFactKey, Map<String, Object>> table(ReferenceInput input) {
        ProfileHistory profiles = new ProfileHistory();
        Map<String, Instant> current = new HashMap<>();
        Map<SupportTicketFactKey, Map<String, Object>> table = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof User user) {
                profiles.add(user);
            } else if (record instanceof SupportTicket ticket) {
                Instant latest = current.get(ticket.getTicketId());
                if (latest != null && ticket.getEventTime().isBefore(latest)) {
                    continue;
                }
                current.put(ticket.getTicketId(), ticket.getEventTime());
                Map<String, Object> row = new HashMap<>();
                row.put("user_name", profiles.userNameOf(ticket.getUserId(), ticket.getEventTime()));
                row.put("ticket_type", ticket.getTicketType().name());
                row.put("resolution_status", ticket.getStatus().name());
                row.put("open_date", LocalDate.ofInstant(ticket.getOpenTime(), input.zone()));
                table.put(new SupportTicketFactKey(ticket.getTicketId()), row);
            }
        }
        return table;
    }
}
