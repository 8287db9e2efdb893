package io.zoommetering.benchmarks;

import io.zoommetering.topology.intake.AcceptedIdFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The intake's duplicate check: accepted event ids in a window store over the dedup horizon (seven days), looked up
 * with a fetch from stream time minus the horizon, as IntakeProcessor does for every record; and the put of an
 * accepted id. RocksDB as in production, or the heap store of the tests; the store holds {@code ids} ids over
 * three days. (The heap window store keeps its entries by time, then key: a fetch by key walks every timestamp in
 * the range, which is why the topology's tests use it with small inputs only.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DedupBenchmark {

    private static final Duration HORIZON = Duration.ofDays(7);
    private static final long START = 1_767_571_200_000L;
    private static final long SPAN = Duration.ofDays(3).toMillis();

    @Param({"PERSISTENT", "IN_MEMORY"})
    public String stores;

    @Param({"100000"})
    public int ids;

    private Path stateDir;
    private WindowStore<String, Long> acceptedIds;
    private AcceptedIdFilter filter;
    private String[] known;
    private long streamTime;
    private int next;
    private long added;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        stateDir = Files.createTempDirectory("jmh-dedup");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "jmh-dedup");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        MockProcessorContext<Object, Object> context =
                new MockProcessorContext<>(props, new TaskId(0, 0), stateDir.toFile());
        acceptedIds = Stores.windowStoreBuilder(
                        stores.equals("IN_MEMORY")
                                ? Stores.inMemoryWindowStore("accepted-ids", HORIZON, Duration.ofMillis(1), false)
                                : Stores.persistentWindowStore("accepted-ids", HORIZON, Duration.ofMillis(1), false),
                        Serdes.String(),
                        Serdes.Long())
                .withLoggingDisabled()
                .build();
        acceptedIds.init(context.getStateStoreContext(), acceptedIds);
        known = new String[ids];
        for (int i = 0; i < ids; i++) {
            long time = START + SPAN * i / ids;
            known[i] = "e-4f2a-" + i;
            acceptedIds.put(known[i], time, time);
        }
        streamTime = START + SPAN;
        filter = new AcceptedIdFilter(action -> {
            try (KeyValueIterator<Windowed<String>, Long> all = acceptedIds.all()) {
                while (all.hasNext() && action.test(all.next().key.key())) {
                    // The filter took the id.
                }
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        acceptedIds.close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private boolean alreadyAccepted(String eventId) {
        long from = Math.max(0, streamTime - HORIZON.toMillis());
        try (WindowStoreIterator<Long> seen = acceptedIds.fetch(eventId, from, Long.MAX_VALUE)) {
            return seen.hasNext();
        }
    }

    /** A duplicate: the id was accepted before. */
    @Benchmark
    public boolean checkDuplicate() {
        next = (next + 7919) % ids;
        return alreadyAccepted(known[next]);
    }

    /** The common case: a new id. */
    @Benchmark
    public boolean checkNew() {
        return alreadyAccepted("e-5b3c-" + (next++));
    }

    /** Check and accept a new id, as intake does for every accepted record. */
    @Benchmark
    public boolean checkAndAccept() {
        String id = "e-6c4d-" + (added++);
        boolean duplicate = alreadyAccepted(id);
        long time = streamTime + (added & 1023);
        acceptedIds.put(id, time, time);
        return duplicate;
    }

    /** A new id, as intake checks it: the filter in front, the store only for an id it may have seen. */
    @Benchmark
    public boolean checkNewFiltered() {
        String id = "e-5b3c-" + (next++);
        return filter.mightContain(id) && alreadyAccepted(id);
    }

    /** A duplicate, as intake checks it: the filter says it may have been seen, the store says it was. */
    @Benchmark
    public boolean checkDuplicateFiltered() {
        next = (next + 7919) % ids;
        return filter.mightContain(known[next]) && alreadyAccepted(known[next]);
    }
}
