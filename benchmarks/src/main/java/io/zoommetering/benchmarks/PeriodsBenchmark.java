package io.zoommetering.benchmarks;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.topology.time.Periods;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Period bucketing as the account tasks do it for every record: the calendar periods of an activity (day, ISO week,
 * month) and the hourly and daily buckets of the event totals, in UTC and in a zone with daylight saving.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PeriodsBenchmark {

    private static final int INSTANTS = 1024;

    @Param({"UTC", "America/New_York"})
    public String zone;

    private Periods periods;
    private final Instant[] instants = new Instant[INSTANTS];
    private int next;

    @Setup
    public void setUp() {
        periods = new Periods(ZoneId.of(zone));
        Random random = new Random(42);
        long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < INSTANTS; i++) {
            instants[i] = Instant.ofEpochMilli(start + (long) (random.nextDouble() * 365L * 24 * 3600 * 1000));
        }
    }

    private Instant nextInstant() {
        next = (next + 1) & (INSTANTS - 1);
        return instants[next];
    }

    /** The three calendar periods of one activity. */
    @Benchmark
    public void calendarPeriods(Blackhole blackhole) {
        Instant at = nextInstant();
        for (PeriodType type : Periods.CALENDAR) {
            blackhole.consume(periods.periodStart(type, at));
        }
    }

    /** The two event-total buckets of one record. */
    @Benchmark
    public void totalsBuckets(Blackhole blackhole) {
        Instant at = nextInstant();
        for (PeriodType type : Periods.BUCKETS) {
            blackhole.consume(periods.bucketStart(type, at));
        }
    }

    @Benchmark
    public Object month() {
        return periods.month(nextInstant());
    }
}
