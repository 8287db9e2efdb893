package io.zoommetering.topology.output.featureadoption;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.FeatureAdoptionKey;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * gold.feature-adoption the slow, obvious way: the set of users of each feature per period of the uses' event time,
 * divided by the period's active users.
 */
public final class FeatureAdoptionReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.feature-adoption";
    }

    @Override
    public Map<FeatureAdoptionKey, Map<String, Object>> table(ReferenceInput input) {
        Map<FeatureAdoptionKey, Set<String>> users = new LinkedHashMap<>();
        input.accepted().stream()
                .filter(FeatureUsage.class::isInstance)
                .map(FeatureUsage.class::cast)
                .forEach(use -> {
                    LocalDate day = use.getEventTime().atZone(input.zone()).toLocalDate();
                    for (PeriodKey period : List.of(
                            new PeriodKey(PeriodType.DAILY, day),
                            new PeriodKey(
                                    PeriodType.WEEKLY, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))),
                            new PeriodKey(PeriodType.MONTHLY, day.withDayOfMonth(1)))) {
                        users.computeIfAbsent(
                                        new FeatureAdoptionKey(
                                                use.getFeatureName(), period.getPeriodType(), period.getActivityDate()),
                                        key -> new HashSet<>())
                                .add(use.getUserId());
                    }
                });
        Map<FeatureAdoptionKey, Map<String, Object>> table = new LinkedHashMap<>();
        users.forEach((key, featureUsers) -> {
            long active = input.activity().activeUserCount(new PeriodKey(key.getPeriodType(), key.getActivityDate()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(
                    "adoption_rate",
                    BigDecimal.valueOf(100L * featureUsers.size())
                            .divide(BigDecimal.valueOf(active), 2, RoundingMode.HALF_EVEN));
            row.put("feature_users", (long) featureUsers.size());
            row.put("active_users", active);
            table.put(key, row);
        });
        return table;
    }
}
