package io.zoommetering.tools.generator;

import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Synthetic Zoom platform traffic for the ten input topics, realistic in shape and deterministic for a seed.
 *
 * <p><b>What it makes.</b> The plan catalog first (six products with prices, included quantities, overage unit prices
 * and alert thresholds), then a snapshot of every account's profile, license and of every platform component, then
 * activity in event-time order: users in organisations and individuals, on plans that fit them, each with a usage
 * pattern (heavy, regular or occasional: which days it uses the platform, {@code UsagePattern}), whose activity on a
 * day of use follows a Zipf-like law (a few very active users) and their local working hours (weekdays busy, nights and
 * weekends quiet); meetings STARTED then ENDED with their attendance and feature use (recordings among them), feature
 * use outside meetings, webinars; monthly or annual billing cycles with renewals, first fees, upgrades, downgrades,
 * cancellations, refunds and add-ons; license changes; support tickets that open, get a first response, resolve and
 * close; incidents of platform components, with the tickets and service credits they cause; sign-ups, moves and
 * suspensions. Into that it mixes the requested duplicates, corrections, out-of-order records, late records, invalid
 * records (every validation rule of docs/SEMANTICS.md, step 3) and undecodable bytes ({@link GeneratorSettings},
 * {@link EventKind}).
 *
 * <p><b>Batch.</b> {@link #batch(Instant)}: the days of the settings, every event time before {@code now}; lazily
 * generated, so a large batch can be streamed to a file or a cluster.
 *
 * <p><b>Live.</b> {@link #live(Clock)}: an endless stream paced at the settings' events per second, with event
 * times at the wall clock; it starts with the catalog and the snapshot (unpaced) and meetings already running.
 * Memory stays bounded however long it runs.
 *
 * <p>A generator is immutable and can be shared; each stream or iterator it returns has state of its own and belongs
 * to one thread.
 */
public final class TrafficGenerator {

    /** Meetings started per record of the live mode's steady state. */
    private static final double MEETINGS_PER_RECORD = 0.085;

    private final GeneratorSettings settings;
    private final Topics topics;

    /** Traffic for SPEC's default topic names. */
    public TrafficGenerator(GeneratorSettings settings) {
        this(settings, TopicTypes.defaults());
    }

    /** Traffic for the topic names of {@code topics}. */
    public TrafficGenerator(GeneratorSettings settings, TopicTypes topics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.topics = Topics.of(Objects.requireNonNull(topics, "topics"));
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** The first instant of a batch made at {@code now}: the start date, or {@code days} days before now's date. */
    public Instant batchStart(Instant now) {
        LocalDate first = settings.startDate() != null
                ? settings.startDate()
                : LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(settings.days());
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The end (exclusive) of a batch made at {@code now}: {@code days} days after its start, at most now. */
    public Instant batchEnd(Instant now) {
        Instant end = batchStart(now).plus(Duration.ofDays(settings.days()));
        Instant truncated = now.truncatedTo(ChronoUnit.MILLIS);
        return end.isAfter(truncated) ? truncated : end;
    }

    /** The records of a batch, in the order to produce them. */
    public Stream<EventRecord> batch(Instant now) {
        return batchEvents(now).map(GeneratedEvent::record);
    }

    /** {@link #batch(Instant)} collected. */
    public List<EventRecord> batchList(Instant now) {
        return batch(now).toList();
    }

    /**
     * The records of a batch with their kinds, in the order to produce them.
     *
     * @throws IllegalArgumentException when the batch would start at or after {@code now}
     */
    public Stream<GeneratedEvent> batchEvents(Instant now) {
        return batchEvents(now, new ChurnTruth());
    }

    /**
     * {@link #batchEvents(Instant)}, recording into {@code truth}, as the stream is consumed, when each account paid
     * and when and why it cancelled.
     */
    public Stream<GeneratedEvent> batchEvents(Instant now, ChurnTruth truth) {
        Instant processingTime = now.truncatedTo(ChronoUnit.MILLIS);
        Instant start = batchStart(processingTime);
        Instant end = batchEnd(processingTime);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the batch starts at " + start + ", not before now (" + now + ")");
        }
        String tag = tag(settings.seed());
        Dice root = new Dice(settings.seed());
        Simulation simulation = new Simulation(settings, topics, root.split(), tag, start, end, start, truth);
        Mischief mischief = new Mischief(settings, root.split(), topics, simulation.population(), tag, processingTime);
        Iterator<GeneratedEvent> events = new Iterator<>() {
            private final Deque<GeneratedEvent> out = new ArrayDeque<>();
            private boolean drained;

            @Override
            public boolean hasNext() {
                while (out.isEmpty() && !drained) {
                    Simulation.Emitted next = simulation.nextBefore(end);
                    if (next == null) {
                        mischief.drain(out);
                        drained = true;
                    } else {
                        mischief.accept(next, out);
                    }
                }
                return !out.isEmpty();
            }

            @Override
            public GeneratedEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return out.poll();
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The live stream, paced by sleeping; stops (hasNext false) once the thread is interrupted. */
    public Iterator<EventRecord> live(Clock clock) {
        Iterator<GeneratedEvent> events = liveEvents(clock, Pacer.sleeping(clock));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public EventRecord next() {
                return events.next().record();
            }
        };
    }

    /**
     * The live stream with each record's kind: records paced at the settings' rate by {@code pacer}, event times
     * read from {@code clock}. Stops (hasNext false) once the thread is interrupted; a wait that is interrupted
     * still returns its record.
     */
    public Iterator<GeneratedEvent> liveEvents(Clock clock, Pacer pacer) {
        return liveStream(clock, pacer);
    }

    LiveStream liveStream(Clock clock, Pacer pacer) {
        Objects.requireNonNull(pacer, "pacer");
        Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String tag = tag(settings.seed() ^ start.toEpochMilli());
        Dice root = new Dice(settings.seed());
        Simulation simulation = new Simulation(
                settings, topics, root.split(), tag, start, start.plus(Duration.ofHours(1)), start, ChurnTruth.NONE);
        simulation.goLive();
        // About one record in twelve is a meeting's start (the rest: its end, attendance, feature use, ...).
        simulation.warmUp(start, settings.eventsPerSecond() * MEETINGS_PER_RECORD);
        Mischief mischief = new Mischief(settings, root.split(), topics, simulation.population(), tag, start);
        return new LiveStream(simulation, mischief, clock, pacer, start, null, settings.eventsPerSecond());
    }

    /**
     * The live stream after a history of the same accounts: first what a batch of the last {@code backfill} before
     * the clock's now holds (the catalog, the snapshot at the backfill's start, then every record in event-time
     * order, unpaced, its mischief included), then the live stream going on from there, paced by {@code pacer}:
     * the same accounts, their billing cycles, and the meetings running when the backfill ended. A zero backfill
     * is {@link #liveEvents(Clock, Pacer)}.
     */
    public LiveStream liveEvents(Clock clock, Pacer pacer, Duration backfill) {
        Objects.requireNonNull(pacer, "pacer");
        if (backfill.isNegative()) {
            throw new IllegalArgumentException("the backfill must not be negative, not " + backfill);
        }
        if (backfill.isZero()) {
            return liveStream(clock, pacer);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant from = now.minus(backfill);
        String tag = tag(settings.seed() ^ now.toEpochMilli());
        Dice root = new Dice(settings.seed());
        Simulation simulation = new Simulation(
                settings, topics, root.split(), tag, from, now.plus(Duration.ofHours(1)), from, ChurnTruth.NONE);
        Mischief mischief = new Mischief(settings, root.split(), topics, simulation.population(), tag, now);
        return new LiveStream(simulation, mischief, clock, pacer, now, now, settings.eventsPerSecond());
    }

    /** A short id of a run, part of every id it makes, so that runs of different seeds do not collide. */
    private static String tag(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        String tag = Long.toString(z >>> 40, 36);
        return "0000".substring(Math.min(4, tag.length())) + tag;
    }
}
