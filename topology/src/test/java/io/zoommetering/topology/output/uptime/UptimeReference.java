package io.zoommetering.topology.output.uptime;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.UptimeKey;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.uptime the slow, obvious way (SPEC 3, "Uptime"): each component's accepted status records sorted by
 * event_time (a stable sort, so records at one instant keep their processing order and the later one holds from
 * it); between two consecutive records the earlier one's status holds; each interval is cut at every midnight of
 * the reporting zone and each day's piece counts in its day, its ISO week and its month.
 */
public final class UptimeReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.uptime";
    }

    @Override
    public Map<UptimeKey, Map<String, Object>> table(ReferenceInput input) {
        Map<String, List<ServiceStatus>> timelines = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof ServiceStatus status) {
                timelines
                        .computeIfAbsent(status.getComponent(), component -> new ArrayList<>())
                        .add(status);
            }
        }
        Map<UptimeKey, long[]> millis = new LinkedHashMap<>(); // observed, up
        timelines.forEach((component, records) -> {
            List<ServiceStatus> sorted = new ArrayList<>(records);
            sorted.sort(Comparator.comparing(ServiceStatus::getEventTime));
            for (int i = 0; i + 1 < sorted.size(); i++) {
                boolean up = sorted.get(i).getStatus() == ComponentStatus.UP;
                addByDay(
                        millis,
                        component,
                        sorted.get(i).getEventTime(),
                        sorted.get(i + 1).getEventTime(),
                        up,
                        input.zone());
            }
        });
        Map<UptimeKey, Map<String, Object>> table = new LinkedHashMap<>();
        millis.forEach((key, observedAndUp) -> {
            long observed = observedAndUp[0];
            long up = observedAndUp[1];
            if (observed > 0) {
                BigDecimal pct = BigDecimal.valueOf(up)
                        .multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(observed), 2, RoundingMode.HALF_EVEN);
                table.put(key, Map.of("uptime_pct", pct, "observed_millis", observed, "up_millis", up));
            }
        });
        return table;
    }

    /** Cuts [from, to) at each midnight and adds each day's piece to the day, its ISO week and its month. */
    private static void addByDay(
            Map<UptimeKey, long[]> millis, String component, Instant from, Instant to, boolean up, ZoneId zone) {
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            LocalDate day = LocalDate.ofInstant(cursor, zone);
            Instant nextMidnight = day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant end = nextMidnight.isBefore(to) ? nextMidnight : to;
            long piece = end.toEpochMilli() - cursor.toEpochMilli();
            for (UptimeKey key : List.of(
                    new UptimeKey(component, PeriodType.DAILY, day),
                    new UptimeKey(
                            component, PeriodType.WEEKLY, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))),
                    new UptimeKey(component, PeriodType.MONTHLY, day.withDayOfMonth(1)))) {
                long[] sums = millis.computeIfAbsent(key, k -> new long[2]);
                sums[0] += piece;
                if (up) {
                    sums[1] += piece;
                }
            }
            cursor = end;
        }
    }
}
