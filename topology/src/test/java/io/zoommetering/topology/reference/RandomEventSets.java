package io.zoommetering.topology.reference;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small random input sets (about 20 to 150 records) for the property test: realistic, and adversarial where the
 * semantics are subtle. Each set is deterministic per seed.
 *
 * <p>A set is the plan catalog first, then a few days of platform activity around a calendar boundary (a year end,
 * a month end, a Sunday to Monday), in event-time order with small shuffles, into which duplicates, late records,
 * invalid records, undecodable bytes and tombstones are mixed. All event times are before {@link #processingTime()}
 * except the invalid ones that are beyond the clock skew.
 */
public final class RandomEventSets {

    private static final Instant PROCESSING_TIME = Instant.parse("2026-03-10T00:00:00Z");

    /** The first day after a boundary; the data spans two days before it to four days after. */
    private static final List<LocalDate> BOUNDARIES = List.of(
            LocalDate.of(2025, 12, 29), // Monday of ISO week 1 of 2026: week, then month and year end on Jan 1
            LocalDate.of(2026, 2, 1), // a month start on a Sunday, then a Monday
            LocalDate.of(2026, 3, 1), // after a short month, on a Sunday, then a Monday
            LocalDate.of(2025, 12, 1), // a month start on a Monday
            LocalDate.of(2025, 6, 30)); // a Monday, then a month end

    private RandomEventSets() {}

    /** The processing time the sets are made for: every valid event time is before it. */
    public static Instant processingTime() {
        return PROCESSING_TIME;
    }

    public static List<InputRecord> generate(long seed) {
        Random random = new Random(seed);
        RandomWindow dice = new RandomWindow(random, BOUNDARIES.get(random.nextInt(BOUNDARIES.size())));
        EventFactory factory = new EventFactory();
        PlatformActivity activity = PlatformActivity.generate(dice, factory);
        List<InputRecord> catalog = new ArrayList<>(activity.catalog());
        List<InputRecord> body = new ArrayList<>(activity.activity());
        new Mischief(dice, factory, activity.users(), activity.meetings()).mix(catalog, body);
        List<InputRecord> records = new ArrayList<>(catalog);
        records.addAll(body);
        return List.copyOf(records);
    }
}
