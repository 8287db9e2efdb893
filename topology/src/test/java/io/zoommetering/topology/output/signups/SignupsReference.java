package io.zoommetering.topology.output.signups;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.signups the slow, obvious way: for each user, the profile with the greatest event_time (on a tie the one
 * processed later) gives the registration date; count users per period of that date.
 */
public final class SignupsReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.signups";
    }

    @Override
    public Map<PeriodKey, Map<String, Object>> table(ReferenceInput input) {
        Map<String, User> latest = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof User profile) {
                User current = latest.get(profile.getUserId());
                if (current == null || !profile.getEventTime().isBefore(current.getEventTime())) {
                    latest.put(profile.getUserId(), profile);
                }
            }
        }
        Map<PeriodKey, Long> counts = new LinkedHashMap<>();
        for (User profile : latest.values()) {
            LocalDate day = profile.getRegistrationDate();
            counts.merge(new PeriodKey(PeriodType.DAILY, day), 1L, Long::sum);
            counts.merge(
                    new PeriodKey(PeriodType.WEEKLY, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))),
                    1L,
                    Long::sum);
            counts.merge(new PeriodKey(PeriodType.MONTHLY, day.withDayOfMonth(1)), 1L, Long::sum);
        }
        Map<PeriodKey, Map<String, Object>> table = new LinkedHashMap<>();
        counts.forEach((period, users) -> table.put(period, Map.of("new_users", users)));
        return table;
    }
}
