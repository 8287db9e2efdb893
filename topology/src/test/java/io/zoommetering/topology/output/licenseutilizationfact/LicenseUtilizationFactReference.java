package io.zoommetering.topology.output.licenseutilizationfact;

import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.gold.fact.LicenseUtilizationFactKey;
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
 * gold.fact.license-utilization the obvious way: in processing order, a license state at least as new as the
 * license's current one becomes its row, with the assignee's name as of the state's event_time among the profiles
 * seen so far (null while unassigned).
 */
public final class LicenseUtilizationFactReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.fact.license-utilization";
    }

    @Override
    public Map<LicenseUtilizationFactKey, Map<String, Object>> table(ReferenceInput input) {
        ProfileHistory profiles = new ProfileHistory();
        Map<String, Instant> current = new HashMap<>();
        Map<LicenseUtilizationFactKey, Map<String, Object>> table = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof User user) {
                profiles.add(user);
            } else if (record instanceof License license) {
                Instant latest = current.get(license.getLicenseId());
                if (latest != null && license.getEventTime().isBefore(latest)) {
                    continue;
                }
                current.put(license.getLicenseId(), license.getEventTime());
                String assignee = license.getAssignedUserId();
                Map<String, Object> row = new HashMap<>();
                row.put(
                        "user_name",
                        assignee == null || assignee.isBlank()
                                ? null
                                : profiles.userNameOf(assignee, license.getEventTime()));
                row.put("license_type", license.getLicenseType());
                row.put("start_date", license.getStartDate());
                row.put("end_date", license.getEndDate());
                table.put(new LicenseUtilizationFactKey(license.getLicenseId()), row);
            }
        }
        return table;
    }
}
