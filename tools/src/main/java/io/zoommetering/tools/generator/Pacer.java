package io.zoommetering.tools.generator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How the live mode waits for the next record's turn. */
@FunctionalInterface
public interface Pacer {

    /** Returns once the clock has reached {@code instant} (at once when it has). */
    void awaitUntil(Instant instant) throws InterruptedException;

    /** Sleeps until {@code clock} reads {@code instant}. */
    static Pacer sleeping(Clock clock) {
        return instant -> {
            Duration left = Duration.between(clock.instant(), instant);
            while (!left.isNegative() && !left.isZero()) {
                Thread.sleep(Math.max(1, left.toMillis()));
                left = Duration.between(clock.instant(), instant);
            }
        };
    }
}
