package io.zoommetering.topology.output.forecast;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A hand-made week of hourly counts: weekdays busy from 08:00 to 18:00 (9 an hour) and 3 an hour otherwise,
 * weekends 2 an hour by day and 1 by night; the same every week, no noise.
 */
final class WeeklyPattern {

    private WeeklyPattern() {}

    static int at(long epochHour) {
        var time = Instant.ofEpochSecond(epochHour * 3600).atZone(ZoneOffset.UTC);
        boolean weekend = time.getDayOfWeek() == DayOfWeek.SATURDAY || time.getDayOfWeek() == DayOfWeek.SUNDAY;
        boolean day = time.getHour() >= 8 && time.getHour() < 18;
        return weekend ? (day ? 2 : 1) : (day ? 9 : 3);
    }
}
