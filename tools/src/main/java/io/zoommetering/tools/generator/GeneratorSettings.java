package io.zoommetering.tools.generator;

import java.time.LocalDate;

/**
 * What the traffic generator makes.
 *
 * <p>The mischief fractions are shares of the regular records (every record but the catalog's): with
 * {@code duplicates = 0.01}, about one regular record in a hundred is sent a second time; {@code outOfOrder}
 * records are produced a few records after their turn; {@code late}, {@code invalid} and {@code garbage} records
 * are added in those proportions. {@code corrections} is the share of ENDED meetings that get a corrected ENDED
 * state.
 *
 * @param users           accounts on the platform (each a user)
 * @param days            days of traffic in a batch
 * @param startDate       first day of a batch (UTC); null for {@code days} days before the batch's "now"
 * @param eventsPerSecond target rate of the live mode
 * @param seed            the same seed (and settings) make the same records
 * @param duplicates      share of regular records re-sent unchanged
 * @param corrections     share of ENDED meetings corrected by a second ENDED state
 * @param outOfOrder      share of regular records produced a few records late
 * @param late            share of records added with an event time far beyond the grace period
 * @param invalid         share of records added that break a validation rule
 * @param garbage         share of records added whose value is not Avro at all
 */
public record GeneratorSettings(
        int users,
        int days,
        LocalDate startDate,
        double eventsPerSecond,
        long seed,
        double duplicates,
        double corrections,
        double outOfOrder,
        double late,
        double invalid,
        double garbage) {

    public GeneratorSettings {
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1, not " + users);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, not " + days);
        }
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("events per second must be positive, not " + eventsPerSecond);
        }
        fraction("duplicates", duplicates);
        fraction("corrections", corrections);
        fraction("out-of-order", outOfOrder);
        fraction("late", late);
        fraction("invalid", invalid);
        fraction("garbage", garbage);
    }

    /** 200 users, 7 days, 50 events a second, seed 42, a little of every kind of mischief. */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(200, 7, null, 50, 42, 0.01, 0.02, 0.02, 0.002, 0.002, 0.0005);
    }

    /** No mischief at all: every record is accepted. */
    public GeneratorSettings clean() {
        return new GeneratorSettings(users, days, startDate, eventsPerSecond, seed, 0, 0, 0, 0, 0, 0);
    }

    public GeneratorSettings withUsers(int value) {
        return new GeneratorSettings(
                value,
                days,
                startDate,
                eventsPerSecond,
                seed,
                duplicates,
                corrections,
                outOfOrder,
                late,
                invalid,
                garbage);
    }

    public GeneratorSettings withDays(int value) {
        return new GeneratorSettings(
                users,
                value,
                startDate,
                eventsPerSecond,
                seed,
                duplicates,
                corrections,
                outOfOrder,
                late,
                invalid,
                garbage);
    }

    public GeneratorSettings withStartDate(LocalDate value) {
        return new GeneratorSettings(
                users, days, value, eventsPerSecond, seed, duplicates, corrections, outOfOrder, late, invalid, garbage);
    }

    public GeneratorSettings withEventsPerSecond(double value) {
        return new GeneratorSettings(
                users, days, startDate, value, seed, duplicates, corrections, outOfOrder, late, invalid, garbage);
    }

    public GeneratorSettings withSeed(long value) {
        return new GeneratorSettings(
                users,
                days,
                startDate,
                eventsPerSecond,
                value,
                duplicates,
                corrections,
                outOfOrder,
                late,
                invalid,
                garbage);
    }

    public GeneratorSettings withDuplicates(double value) {
        return new GeneratorSettings(
                users, days, startDate, eventsPerSecond, seed, value, corrections, outOfOrder, late, invalid, garbage);
    }

    public GeneratorSettings withCorrections(double value) {
        return new GeneratorSettings(
                users, days, startDate, eventsPerSecond, seed, duplicates, value, outOfOrder, late, invalid, garbage);
    }

    public GeneratorSettings withOutOfOrder(double value) {
        return new GeneratorSettings(
                users, days, startDate, eventsPerSecond, seed, duplicates, corrections, value, late, invalid, garbage);
    }

    public GeneratorSettings withLate(double value) {
        return new GeneratorSettings(
                users,
                days,
                startDate,
                eventsPerSecond,
                seed,
                duplicates,
                corrections,
                outOfOrder,
                value,
                invalid,
                garbage);
    }

    public GeneratorSettings withInvalid(double value) {
        return new GeneratorSettings(
                users,
                days,
                startDate,
                eventsPerSecond,
                seed,
                duplicates,
                corrections,
                outOfOrder,
                late,
                value,
                garbage);
    }

    public GeneratorSettings withGarbage(double value) {
        return new GeneratorSettings(
                users,
                days,
                startDate,
                eventsPerSecond,
                seed,
                duplicates,
                corrections,
                outOfOrder,
                late,
                invalid,
                value);
    }

    private static void fraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction between 0 and 1, not " + value);
        }
    }
}
