package io.zoommetering.topology.reference;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.PeriodKey;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Calendar periods in the reporting time zone (SPEC "Time"): a period is named by its first day; a month by yyyy-MM.
 */
final class Periods {

    /** The period types of the period tables (active users, meeting minutes, revenue). */
    private static final List<PeriodType> CALENDAR = List.of(PeriodType.DAILY, PeriodType.WEEKLY, PeriodType.MONTHLY);

    private final ZoneId zone;

    Periods(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    /** The first day of the period of the given type that holds the instant. */
    private LocalDate start(PeriodType type, Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        return switch (type) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
            default -> throw new IllegalArgumentException("not a calendar period: " + type);
        };
    }

    /** The DAILY, WEEKLY and MONTHLY periods that hold the instant. */
    List<PeriodKey> calendarPeriods(Instant instant) {
        return CALENDAR.stream()
                .map(type -> new PeriodKey(type, start(type, instant)))
                .toList();
    }

    /** The yyyy-MM name of the month that holds the instant. */
    String month(Instant instant) {
        return YearMonth.from(instant.atZone(zone)).toString();
    }

    /** The start of the HOURLY or DAILY bucket of gold.event-totals that holds the instant. */
    Instant bucketStart(PeriodType type, Instant instant) {
        ChronoUnit unit = switch (type) {
            case HOURLY -> ChronoUnit.HOURS;
            case DAILY -> ChronoUnit.DAYS;
            default -> throw new IllegalArgumentException("not an event-totals period: " + type);
        };
        return instant.atZone(zone).truncatedTo(unit).toInstant();
    }
}
