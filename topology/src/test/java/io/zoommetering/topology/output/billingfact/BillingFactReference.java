package io.zoommetering.topology.output.billingfact;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.gold.fact.BillingFactKey;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ProfileHistory;
import io.zoommetering.topology.reference.ReferenceInput;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.fact.billing the obvious way: a row per accepted billing event, the holder's name as of its event_time among
 * the profiles seen so far, the amount times its currency's rate rounded half-even to cents.
 */
public final class BillingFactReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.fact.billing";
    }

    @Override
    public Map<BillingFactKey, Map<String, Object>> table(ReferenceInput input) {
        ProfileHistory profiles = new ProfileHistory();
        Map<BillingFactKey, Map<String, Object>> table = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof User user) {
                profiles.add(user);
            } else if (record instanceof BillingEvent event) {
                Map<String, Object> row = new HashMap<>();
                row.put("user_name", profiles.userNameOf(event.getUserId(), event.getEventTime()));
                row.put("event_type", event.getEventType().name());
                row.put(
                        "amount",
                        event.getAmount()
                                .multiply(input.currencyRates().get(event.getCurrency()))
                                .setScale(2, RoundingMode.HALF_EVEN));
                row.put("event_date", LocalDate.ofInstant(event.getEventTime(), input.zone()));
                table.put(new BillingFactKey(event.getEventId()), row);
            }
        }
        return table;
    }
}
