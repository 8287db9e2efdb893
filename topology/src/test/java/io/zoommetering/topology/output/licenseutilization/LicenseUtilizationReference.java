package io.zoommetering.topology.output.licenseutilization;

import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.gold.LicenseUtilizationKey;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.license-utilization the slow, obvious way (SPEC 3, "Licenses"): for each license, the state with the
 * greatest event_time (on a tie the one processed later) decides everything; then, for every period that has an
 * active user, every license whose state is ACTIVE and whose inclusive days overlap the period is valid there,
 * and utilized when its assignee is among the period's active users. A row per type and period with a valid
 * license.
 */
public final class LicenseUtilizationReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.license-utilization";
    }

    @Override
    public Map<LicenseUtilizationKey, Map<String, Object>> table(ReferenceInput input) {
        Map<String, License> latest = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof License license) {
                License current = latest.get(license.getLicenseId());
                if (current == null || !license.getEventTime().isBefore(current.getEventTime())) {
                    latest.put(license.getLicenseId(), license);
                }
            }
        }
        Map<LicenseUtilizationKey, long[]> counts = new LinkedHashMap<>();
        for (PeriodKey period : input.activity().periods()) {
            LocalDate first = period.getActivityDate();
            LocalDate last = switch (period.getPeriodType()) {
                case DAILY -> first;
                case WEEKLY -> first.plusDays(6);
                case MONTHLY -> first.plusMonths(1).minusDays(1);
                default -> throw new IllegalArgumentException(period.toString());
            };
            for (License license : latest.values()) {
                boolean valid = license.getLicenseStatus() == LicenseStatus.ACTIVE
                        && !license.getStartDate().isAfter(last)
                        && !license.getEndDate().isBefore(first);
                if (!valid) {
                    continue;
                }
                long[] validAndUtilized = counts.computeIfAbsent(
                        new LicenseUtilizationKey(license.getLicenseType(), period.getPeriodType(), first),
                        key -> new long[2]);
                validAndUtilized[0]++;
                String assignee = license.getAssignedUserId();
                if (assignee != null && input.activity().activeUsers(period).contains(assignee)) {
                    validAndUtilized[1]++;
                }
            }
        }
        Map<LicenseUtilizationKey, Map<String, Object>> table = new LinkedHashMap<>();
        counts.forEach((key, validAndUtilized) -> table.put(
                key,
                Map.of(
                        "utilization_rate",
                        BigDecimal.valueOf(100 * validAndUtilized[1])
                                .divide(BigDecimal.valueOf(validAndUtilized[0]), 2, RoundingMode.HALF_EVEN),
                        "valid_licenses",
                        validAndUtilized[0],
                        "utilized_licenses",
                        validAndUtilized[1])));
        return table;
    }
}
