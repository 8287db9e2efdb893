package io.zoommetering.topology.output.licenseutilization;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.LicenseUtilizationKey;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.account.StoreKeys;
import io.zoommetering.topology.time.Periods;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The valid-license counts of one task per (license type, period), written to the partial aggregates only up to a
 * horizon: the period after the one the task's latest record falls in, or the latest period its users became active
 * in if that is later. Beyond the horizon a license's days are kept as two boundary deltas (+1 where it starts
 * covering periods, -1 after its last one) and a running count of the licenses covering the horizon period; each
 * period is written when the horizon reaches it.
 *
 * <p>Why: a license valid for a year overlaps about 430 days, weeks and months, and writing every one of them on
 * each license state made license utilization two thirds of the topology's cost (docs/BENCHMARKS.md). A period's
 * row needs an active user (SPEC 3), so only periods up to the horizon can have one: activity reaches the horizon
 * first (it moves it), and the period after the current one is written ahead, so a task whose records lag another
 * task's by less than a period already has the other's newest period written. A license state now changes about
 * six counts (two days, two weeks, two months) plus what it changes in periods already behind the horizon.
 *
 * <p>Those periods behind the horizon are many when a license started long before the task's records (a year of
 * days, weeks and months when the processor starts on a year-old license), and a backfill brings thousands of
 * such licenses a second. Their changes are therefore summed in memory, as a difference array per license type
 * and period type, and added to the partials only when those are next read (shipped each emit interval) or
 * committed: each period once per interval however many licenses changed it, in the transaction of the records
 * that changed it. Writing every period on every license state made it a sixth of the topology's cost
 * (docs/BENCHMARKS.md).
 */
final class ValidLicenseCalendar {

    private static final StringSerializer STRINGS = new StringSerializer();
    /** Shifts every epoch day a LocalDate can hold to a non-negative number of at most 13 digits. */
    private static final long DAY_OFFSET = 1_000_000_000_000L;

    private static final String HORIZON = "H";
    private static final String COUNT = "C";
    private static final String DELTA = "D";

    private final KeyValueStore<String, Long> calendar;
    private final PartialAggregates partials;
    private final Periods periods;
    /** Each period type's horizon (the start of the last period written), as stored; absent until the first. */
    private final Map<PeriodType, LocalDate> horizons = new EnumMap<>(PeriodType.class);
    /** Records up to this instant fall in periods whose successors are written already: nothing to check. */
    private long checkedUntilMs = Long.MIN_VALUE;
    /**
     * Changes of the valid counts of written periods not yet added to the partials, per series: a difference array
     * (+n at the first period of a range of licenses, -n after its last), in memory until the partials are next
     * shipped or committed ({@link PartialAggregates#beforeReading}).
     */
    private final Map<Series, TreeMap<LocalDate, Long>> deferred = new HashMap<>();

    ValidLicenseCalendar(KeyValueStore<String, Long> calendar, PartialAggregates partials, Periods periods) {
        this.calendar = calendar;
        this.partials = partials;
        this.periods = periods;
        partials.beforeReading(this::addDeferred);
        for (PeriodType type : Periods.CALENDAR) {
            Long stored = calendar.get(StoreKeys.of(HORIZON, type.name()));
            if (stored != null) {
                horizons.put(type, LocalDate.ofEpochDay(stored));
            }
        }
    }

    /** A record of the task at this event time: each horizon reaches the period after the record's. */
    void reach(Instant time) {
        long at = time.toEpochMilli();
        if (at < checkedUntilMs) {
            return;
        }
        for (PeriodType type : Periods.CALENDAR) {
            reach(type, next(type, periods.periodStart(type, time)));
        }
        // The day's end is the earliest period end of the three: until then no horizon can move.
        checkedUntilMs = periods.periodEnd(PeriodType.DAILY, periods.periodStart(PeriodType.DAILY, time))
                .toEpochMilli();
    }

    /** Makes sure the period starting at {@code start} is written: a user became active in it. */
    void reach(PeriodType type, LocalDate start) {
        LocalDate horizon = horizons.get(type);
        if (horizon == null) {
            // No license reached this task before its first record, so there is nothing to write yet.
            setHorizon(type, start);
            return;
        }
        while (horizon.isBefore(start)) {
            horizon = next(type, horizon);
            writePeriod(type, horizon);
        }
        setHorizon(type, horizon);
    }

    /**
     * A license of this type valid on the periods starting at {@code first} through {@code last} is added (sign
     * +1) or withdrawn (sign -1).
     */
    void add(String licenseType, PeriodType type, LocalDate first, LocalDate last, int sign) {
        LocalDate horizon = horizons.get(type);
        if (horizon == null) {
            throw new IllegalStateException("a license before the task's first record");
        }
        if (!first.isAfter(horizon)) {
            // The written periods it covers, first through the earlier of its last and the horizon: kept as the
            // two boundaries of that range until the partials are next read (addDeferred).
            LocalDate end = last.isAfter(horizon) ? horizon : last;
            TreeMap<LocalDate, Long> boundaries =
                    deferred.computeIfAbsent(new Series(licenseType, type), series -> new TreeMap<>());
            boundaries.merge(first, (long) sign, ValidLicenseCalendar::sumOrNothing);
            boundaries.merge(next(type, end), (long) -sign, ValidLicenseCalendar::sumOrNothing);
        }
        if (last.isBefore(horizon)) {
            return;
        }
        addTo(deltaKey(type, next(type, last), licenseType), -sign);
        if (first.isAfter(horizon)) {
            addTo(deltaKey(type, first, licenseType), sign);
        } else {
            addTo(countKey(type, licenseType), sign);
        }
    }

    /**
     * Adds the deferred changes of written periods to the partial aggregates, each period once: a walk over each
     * series' boundaries in order, adding the running sum of the boundaries passed to every period up to the next.
     */
    private void addDeferred() {
        deferred.forEach((series, boundaries) -> {
            long running = 0;
            LocalDate from = null;
            for (Map.Entry<LocalDate, Long> boundary : boundaries.entrySet()) {
                for (LocalDate start = from;
                        running != 0 && start.isBefore(boundary.getKey());
                        start = next(series.type(), start)) {
                    partials.addCount(
                            LicenseUtilizationOutput.INSTANCE,
                            new LicenseUtilizationKey(series.licenseType(), series.type(), start),
                            LicenseUtilizationOutput.VALID,
                            running);
                }
                running += boundary.getValue();
                from = boundary.getKey();
            }
        });
        deferred.clear();
    }

    private static Long sumOrNothing(Long a, Long b) {
        long sum = a + b;
        return sum == 0 ? null : sum;
    }

    /** The valid counts of one license type and period type. */
    private record Series(String licenseType, PeriodType type) {}

    /** The next period's counts: each type's count of the horizon period changed by the deltas at the next. */
    private void writePeriod(PeriodType type, LocalDate start) {
        Map<String, Long> counts = new HashMap<>();
        String countPrefix = StoreKeys.of(COUNT, type.name(), "");
        try (KeyValueIterator<String, Long> stored = calendar.prefixScan(countPrefix, STRINGS)) {
            while (stored.hasNext()) {
                KeyValue<String, Long> count = stored.next();
                counts.put(count.key.substring(countPrefix.length()), count.value);
            }
        }
        String deltaPrefix = deltaKey(type, start, "");
        List<String> applied = new ArrayList<>();
        try (KeyValueIterator<String, Long> stored = calendar.prefixScan(deltaPrefix, STRINGS)) {
            while (stored.hasNext()) {
                KeyValue<String, Long> delta = stored.next();
                applied.add(delta.key);
                counts.merge(delta.key.substring(deltaPrefix.length()), delta.value, Long::sum);
            }
        }
        applied.forEach(calendar::delete);
        counts.forEach((licenseType, count) -> {
            String key = countKey(type, licenseType);
            if (count == 0) {
                calendar.delete(key);
                return;
            }
            calendar.put(key, count);
            partials.addCount(
                    LicenseUtilizationOutput.INSTANCE,
                    new LicenseUtilizationKey(licenseType, type, start),
                    LicenseUtilizationOutput.VALID,
                    count);
        });
    }

    private void addTo(String key, long delta) {
        Long stored = calendar.get(key);
        long value = (stored == null ? 0 : stored) + delta;
        if (value == 0) {
            calendar.delete(key);
        } else {
            calendar.put(key, value);
        }
    }

    private void setHorizon(PeriodType type, LocalDate horizon) {
        if (!horizon.equals(horizons.get(type))) {
            horizons.put(type, horizon);
            calendar.put(StoreKeys.of(HORIZON, type.name()), horizon.toEpochDay());
        }
    }

    static LocalDate next(PeriodType type, LocalDate start) {
        return switch (type) {
            case DAILY -> start.plusDays(1);
            case WEEKLY -> start.plusDays(7);
            case MONTHLY -> start.plusMonths(1);
            default -> throw new IllegalArgumentException("not a calendar period: " + type);
        };
    }

    private static String countKey(PeriodType type, String licenseType) {
        return StoreKeys.of(COUNT, type.name(), licenseType);
    }

    /** By period type, then the boundary's day in fixed-width digits, so one boundary's deltas are one prefix. */
    private static String deltaKey(PeriodType type, LocalDate boundary, String licenseType) {
        return StoreKeys.of(
                DELTA, type.name(), StoreKeys.fixedWidth(boundary.toEpochDay() + DAY_OFFSET, 13), licenseType);
    }
}
