package io.zoommetering.topology.reference;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/** The random choices of one generated set, and the six days around a calendar boundary its activity spans. */
final class RandomWindow {

    private static final Duration BEFORE_BOUNDARY = Duration.ofDays(2);
    private static final Duration LENGTH = Duration.ofDays(6);
    private static final int NEAR_BOUNDARY_SECONDS = 3 * 3600;

    private final Random random;
    private final Instant boundary;
    private final Instant start;

    /** @param boundaryDay the first day after the boundary (midnight UTC) */
    RandomWindow(Random random, LocalDate boundaryDay) {
        this.random = random;
        this.boundary = boundaryDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        this.start = boundary.minus(BEFORE_BOUNDARY);
    }

    Instant boundary() {
        return boundary;
    }

    Instant start() {
        return start;
    }

    /** A time in the window: uniform, or within three hours of the boundary two times in five. */
    Instant time() {
        if (random.nextInt(5) < 2) {
            return boundary.plusSeconds(random.nextInt(2 * NEAR_BOUNDARY_SECONDS) - NEAR_BOUNDARY_SECONDS);
        }
        return start.plusSeconds(random.nextInt((int) LENGTH.toSeconds()));
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
