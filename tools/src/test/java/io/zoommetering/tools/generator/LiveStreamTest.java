package io.zoommetering.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.events.EventFiles;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.avro.usage.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live mode, on a clock the pacer moves: paced, near the clock, deterministic, bounded. */
@Timeout(120)
class LiveStreamTest {

    private static final Instant START = Instant.parse("2026-03-10T14:00:00Z");

    @Test
    void startsWithTheCatalogAndTheSnapshotThenPacesAtTheRate() {
        ManualClock clock = new ManualClock(START);
        GeneratorSettings settings = GeneratorSettings.defaults().withUsers(150).withEventsPerSecond(100);
        LiveStream live = new TrafficGenerator(settings).liveStream(clock, clock::advanceTo);
        // The catalog first, then the snapshot, produced at once
        List<GeneratedEvent> first = take(live, 6);
        assertThat(first).allSatisfy(event -> assertThat(event.kind()).isEqualTo(EventKind.CATALOG));
        int bootstrap = 0;
        GeneratedEvent event = live.next();
        while (clock.instant().equals(START)) {
            bootstrap++;
            event = live.next();
        }
        assertThat(bootstrap)
                .as("profiles, licenses, components and meetings already running")
                .isGreaterThan(settings.users());
        // Then one record per 10 ms of the clock
        Instant pacedFrom = clock.instant();
        take(live, 5_000);
        assertThat(Duration.between(pacedFrom, clock.instant()))
                .isBetween(Duration.ofMillis(49_980), Duration.ofMillis(50_020));
        assertThat(event).isNotNull();
    }

    @Test
    void eventTimesFollowTheClock() {
        ManualClock clock = new ManualClock(START);
        LiveStream live = new TrafficGenerator(GeneratorSettings.defaults()).liveStream(clock, clock::advanceTo);
        take(live, 3_000);
        Duration worst = Duration.ZERO;
        for (int i = 0; i < 100_000; i++) {
            GeneratedEvent event = live.next();
            if (event.kind() == EventKind.REGULAR || event.kind() == EventKind.CORRECTION) {
                Instant at = TrafficGeneratorTest.eventTime(event.record());
                assertThat(at).isBeforeOrEqualTo(clock.instant());
                Duration lag = Duration.between(at, clock.instant());
                worst = lag.compareTo(worst) > 0 ? lag : worst;
            }
        }
        assertThat(worst).isLessThan(Duration.ofMinutes(5));
        // 103 000 records at 50 a second, less the snapshot produced at once
        assertThat(Duration.between(START, clock.instant()))
                .isBetween(Duration.ofSeconds(2_000), Duration.ofSeconds(2_061));
    }

    @Test
    void memoryDoesNotGrowWithTheRecordsGenerated() {
        ManualClock clock = new ManualClock(START);
        LiveStream live = new TrafficGenerator(GeneratorSettings.defaults().withEventsPerSecond(20))
                .liveStream(clock, clock::advanceTo);
        Map<EventKind, Long> kinds = new EnumMap<>(EventKind.class);
        int earlier = 0;
        int later = 0;
        for (int i = 0; i < 400_000; i++) {
            kinds.merge(live.next().kind(), 1L, Long::sum);
            if (i < 200_000) {
                earlier = Math.max(earlier, live.pending());
            } else {
                later = Math.max(later, live.pending());
            }
        }
        // 400 000 records are more than five hours at 20 a second: what waits stays what a few hours hold
        assertThat(later).isLessThan(earlier * 3 / 2);
        assertThat(later).isLessThan(20 * 3_600);
        assertThat(kinds.keySet())
                .contains(
                        EventKind.DUPLICATE,
                        EventKind.OUT_OF_ORDER,
                        EventKind.LATE,
                        EventKind.INVALID,
                        EventKind.GARBAGE,
                        EventKind.CORRECTION);
    }

    @Test
    void theSameSeedAndClockMakeTheSameStream() {
        List<String> first = lines(new ManualClock(START), 4_000);
        List<String> again = lines(new ManualClock(START), 4_000);
        assertThat(again).isEqualTo(first);
        List<String> later = lines(new ManualClock(START.plusSeconds(1)), 100);
        assertThat(later.get(50)).as("ids of another run").isNotEqualTo(first.get(50));
    }

    @Test
    void stopsWhenInterrupted() {
        ManualClock clock = new ManualClock(START);
        Iterator<GeneratedEvent> live =
                new TrafficGenerator(GeneratorSettings.defaults().withUsers(20)).liveEvents(clock, clock::advanceTo);
        assertThat(live.hasNext()).isTrue();
        live.next();
        Thread.currentThread().interrupt();
        try {
            assertThat(live.hasNext()).isFalse();
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @Test
    void theSleepingPacerWaitsForTheClock() throws InterruptedException {
        Clock clock = Clock.systemUTC();
        Instant due = clock.instant().plusMillis(30);
        Pacer.sleeping(clock).awaitUntil(due);
        assertThat(clock.instant()).isAfterOrEqualTo(due);
        Iterator<EventRecord> records =
                new TrafficGenerator(GeneratorSettings.defaults().withUsers(10).withEventsPerSecond(1_000)).live(clock);
        assertThat(records.next().topic()).isEqualTo("zoom.plans");
        List<EventRecord> some = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            some.add(records.next());
        }
        assertThat(some).anyMatch(record -> record.value() instanceof User);
    }

    private static List<String> lines(ManualClock clock, int count) {
        LiveStream live = new TrafficGenerator(GeneratorSettings.defaults()).liveStream(clock, clock::advanceTo);
        return take(live, count).stream()
                .map(event -> EventFiles.toLine(event.record()))
                .toList();
    }

    private static List<GeneratedEvent> take(Iterator<GeneratedEvent> live, int count) {
        List<GeneratedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(live.next());
        }
        return events;
    }

    /** A clock that moves only when the pacer waits for it. */
    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        void advanceTo(Instant instant) {
            if (instant.isAfter(now)) {
                now = instant;
            }
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
