package io.zoommetering.tools.generator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * How busy people are at a local time, from 0 to 1: working hours on weekdays are the peak (with a lunch dip),
 * evenings and nights are quiet, weekends quieter still.
 */
final class Seasonality {

    /** Weekday activity by local hour. */
    static final double[] HOURS = {
        0.02, 0.02, 0.02, 0.02, 0.02, 0.03, 0.08, 0.25, 0.60, 0.95, 1.00, 1.00,
        0.70, 0.85, 1.00, 1.00, 0.90, 0.55, 0.30, 0.18, 0.12, 0.08, 0.05, 0.03
    };

    /** Sum of {@link #HOURS}: the hours of a full-intensity weekday that a weekday is worth. */
    static final double WEEKDAY_HOURS;

    static {
        double sum = 0;
        for (double hour : HOURS) {
            sum += hour;
        }
        WEEKDAY_HOURS = sum;
    }

    private Seasonality() {}

    static double dayFactor(DayOfWeek day) {
        return switch (day) {
            case MONDAY, TUESDAY, WEDNESDAY -> 1.0;
            case THURSDAY -> 0.97;
            case FRIDAY -> 0.82;
            case SATURDAY -> 0.12;
            case SUNDAY -> 0.08;
        };
    }

    /** Activity at an instant for someone living in {@code zone}, in [0, 1]. */
    static double at(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        return dayFactor(local.getDayOfWeek()) * HOURS[local.getHour()];
    }

    /** A local hour of a working day drawn with the weekday profile (for things done "during the day"). */
    static int workingHour(Dice dice) {
        return dice.weighted(HOUR_LIST, HOURS);
    }

    private static final java.util.List<Integer> HOUR_LIST =
            java.util.stream.IntStream.range(0, 24).boxed().toList();
}
