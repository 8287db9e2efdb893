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
 *
 * <p>With a backfill, the simulation starts in the past: first everything it makes before the backfill's end,
 * unpaced and in event-time order as a batch is, then the live mode of the same simulation, so that the live
 * records continue the accounts, billing cycles and meetings of the history.
 */
public final class LiveStream implements Iterator<GeneratedEvent> {

    private final Simulation simulation;
    private final Mischief mischief;
    private final Clock clock;
    private final Pacer pacer;
    private final long intervalNanos;
    private final Deque<GeneratedEvent> out = new ArrayDeque<>();
    /** Until when the backfill runs (exclusive); null once it is over, or without one. */
    private Instant backfillEnd;

    private long backfilled;
    /** When the live mode starts: what is due by then is produced at once. */
    private Instant start;

    private boolean bootstrapping = true;
    private Instant firstSlot;
    private long slot;

    /**
     * @param simulation  driven by the wall clock already ({@link Simulation#goLive()}) unless there is a backfill
     * @param start       when the live mode starts (a stream without backfill)
     * @param backfillEnd null for none, or the end of the backfill: then the live mode starts when the backfill has
     *                    been taken, at the clock's time then
     */
    LiveStream(
            Simulation simulation,
            Mischief mischief,
            Clock clock,
            Pacer pacer,
            Instant start,
            Instant backfillEnd,
            double eventsPerSecond) {
        this.simulation = simulation;
        this.mischief = mischief;
        this.clock = clock;
        this.pacer = pacer;
        this.start = start;
        this.backfillEnd = backfillEnd;
        this.intervalNanos = Math.max(1, Math.round(1e9 / eventsPerSecond));
    }

    /** Whether the backfill is over (from the start without one): the records from now on are paced and live. */
    public boolean isLive() {
        return backfillEnd == null;
    }

    /** Records of the backfill returned so far. */
    public long backfilled() {
        return backfilled;
    }

    @Override
    public boolean hasNext() {
        return !Thread.currentThread().isInterrupted();
    }

    @Override
    public GeneratedEvent next() {
        while (backfillEnd != null && out.isEmpty()) {
            Simulation.Emitted next = simulation.nextBefore(backfillEnd);
            if (next == null) {
                // The history is taken: the same simulation goes on at the wall clock. What is due between the
                // backfill's end and now (meetings ending, billing runs) comes first, unpaced.
                backfillEnd = null;
                simulation.goLive();
                start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            } else {
                mischief.accept(next, out);
            }
        }
        if (backfillEnd != null) {
            backfilled++;
            return out.poll();
        }
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
