package io.zoommetering.topology.money;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** SPEC "Recurring revenue": over how many months a service period's amount is spread. */
public final class ServicePeriods {

    private ServicePeriods() {}

    /**
     * The whole months from {@code start} to the day after {@code end}, plus one when the days left over are at
     * least half the length of the month that follows the whole months; at least 1.
     */
    public static int months(LocalDate start, LocalDate end) {
        LocalDate after = end.plusDays(1);
        long whole = ChronoUnit.MONTHS.between(start, after);
        LocalDate wholeEnd = start.plusMonths(whole);
        long leftover = ChronoUnit.DAYS.between(wholeEnd, after);
        long followingMonth = ChronoUnit.DAYS.between(wholeEnd, wholeEnd.plusMonths(1));
        long months = whole + (leftover > 0 && 2 * leftover >= followingMonth ? 1 : 0);
        return (int) Math.max(1, months);
    }
}
