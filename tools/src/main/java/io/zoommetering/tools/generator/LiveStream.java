package io.zoommetering.tools.generator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The live mode's endless iterator: the catalog and snapshot at once, then one record per slot of the target rate,
 * each what is due by the clock or else a session starting now.
 */
final class LiveStream implements Iterator<GeneratedEvent> {

    private final Simulation simulation;
    private final Mischief mischief;
    private final Clock clock;
    private final Pacer pacer;
    private final Instant start;
    private final long intervalNanos;
    private final Deque<GeneratedEvent> out = new ArrayDeque<>();
    private boolean bootstrapping = true;
    private Instant firstSlot;
    private long slot;

    LiveStream(
            Simulation simulation, Mischief mischief, Clock clock, Pacer pacer, Instant start, double eventsPerSecond) {
        this.simulation = simulation;
        this.mischief = mischief;
        this.clock = clock;
        this.pacer = pacer;
        this.start = start;
        this.intervalNanos = Math.max(1, Math.round(1e9 / eventsPerSecond));
    }

    @Override
    public boolean hasNext() {
        return !Thread.currentThread().isInterrupted();
    }

    @Override
    public GeneratedEvent next() {
        while (bootstrapping && out.isEmpty()) {
            Simulation.Emitted due = simulation.nextDue(start);
            if (due == null) {
                bootstrapping = false;
            } else {
                mischief.accept(due, out);
            }
        }
        if (bootstrapping) {
            return out.poll();
        }
        awaitSlot();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        while (out.isEmpty()) {
            mischief.accept(simulation.nextAt(now), out);
        }
        return out.poll();
    }

    /** Records and actions waiting: what the live mode holds in memory besides the accounts. */
    int pending() {
        return simulation.pending() + mischief.pending() + out.size();
    }

    private void awaitSlot() {
        if (firstSlot == null) {
            firstSlot = clock.instant();
        }
        Instant due = firstSlot.plusNanos(intervalNanos * slot++);
        Instant now = clock.instant();
        if (Duration.between(due, now).compareTo(Duration.ofSeconds(1)) > 0) {
            // Fell behind (a slow consumer): carry on at the rate from now, without a burst to catch up.
            firstSlot = now.minusNanos(intervalNanos * (slot - 1));
            return;
        }
        try {
            pacer.awaitUntil(due);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
