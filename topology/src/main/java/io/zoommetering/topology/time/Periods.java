package io.zoommetering.topology.time;

import io.zoommetering.avro.common.PeriodType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Calendar periods in the reporting time zone. Kafka's TimeWindows are fixed-size and epoch-aligned, so they
 * cannot express ISO weeks, months or days in a zone with daylight saving; every period here is computed from
 * the calendar instead, and named by its first day.
 */
public final class Periods {

    /** The periods of the activity-style KPIs. */
    public static final List<PeriodType> CALENDAR = List.of(PeriodType.DAILY, PeriodType.WEEKLY, PeriodType.MONTHLY);
    /** The buckets of the operational totals. */
    public static final List<PeriodType> BUCKETS = List.of(PeriodType.HOURLY, PeriodType.DAILY);

    private final ZoneId zone;

    public Periods(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate date(Instant time) {
        return LocalDate.ofInstant(time, zone);
    }

    /** First day of the DAILY, WEEKLY (Monday) or MONTHLY period holding the instant. */
    public LocalDate periodStart(PeriodType type, Instant time) {
        return periodStart(type, date(time));
    }

    /** First day of the DAILY, WEEKLY (Monday) or MONTHLY period holding the day. */
    public LocalDate periodStart(PeriodType type, LocalDate day) {
        return switch (type) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
            default -> throw new IllegalArgumentException("not a calendar period: " + type);
        };
    }

    /** The first instant after the period that starts on the given day. */
    public Instant periodEnd(PeriodType type, LocalDate start) {
        LocalDate next = switch (type) {
            case DAILY -> start.plusDays(1);
            case WEEKLY -> start.plusWeeks(1);
            case MONTHLY -> start.plusMonths(1);
            default -> throw new IllegalArgumentException("not a calendar period: " + type);
        };
        return next.atStartOfDay(zone).toInstant();
    }

    /** Start of the HOURLY or DAILY bucket holding the instant. */
    public Instant bucketStart(PeriodType type, Instant time) {
        ZonedDateTime local = time.atZone(zone);
        return switch (type) {
            case HOURLY -> local.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAILY -> local.toLocalDate().atStartOfDay(zone).toInstant();
            default -> throw new IllegalArgumentException("not a bucket: " + type);
        };
    }

    /** The first instant after the HOURLY or DAILY bucket that starts at the given instant. */
    public Instant bucketEnd(PeriodType type, Instant start) {
        ZonedDateTime local = start.atZone(zone);
        return switch (type) {
            case HOURLY -> local.plusHours(1).toInstant();
            case DAILY -> local.plusDays(1).toInstant();
            default -> throw new IllegalArgumentException("not a bucket: " + type);
        };
    }

    public YearMonth month(Instant time) {
        return YearMonth.from(date(time));
    }

    /** The first instant after the month. */
    public Instant monthEnd(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }
}
