package io.zoommetering.topology.intake;

import io.zoommetering.topology.audit.AuditStores;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.state.WriteBehindStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The state of the intake. Accepted event ids are kept in a window store per stream, by event time, so the dedup
 * horizon expires whole segments instead of scanning for old ids; stream time (per stream and input partition, as
 * SPEC defines lateness per partition) and the audit counts (per process) are one store each, shared by the intake
 * processors of every stream (they run in one sub-topology, so a task's processors share its stores): every store
 * is a RocksDB instance to open and a changelog partition in every transaction (docs/BENCHMARKS.md).
 */
public final class IntakeStores {

    private static final String ACCEPTED_IDS = "intake-accepted-ids-";
    public static final String STREAM_TIMES = "intake-stream-times";
    public static final String AUDIT = AuditStores.name("intake");

    private static final String SEPARATOR = "\u001f";

    private final Set<StoreBuilder<?>> shared;
    private final Duration horizon;
    private final StoreSuppliers stores;

    /** @param horizon how long an accepted event id is remembered (zm.dedup.horizon) */
    public IntakeStores(Duration horizon, StoreSuppliers stores) {
        this.horizon = horizon;
        this.stores = stores;
        // Stream times move on nearly every record, one key per stream and partition: written once per commit.
        StoreBuilder<KeyValueStore<String, Long>> times = WriteBehindStore.of(
                Stores.keyValueStoreBuilder(stores.keyValue(STREAM_TIMES), Serdes.String(), Serdes.Long()));
        this.shared = Set.of(times, AuditStores.builder("intake", stores));
    }

    /**
     * The builders to connect to a stream's intake processor: the shared ones (the same instances each time, which
     * is what makes Kafka Streams connect one store to several processors instead of rejecting a second store of a
     * name) and the stream's own accepted ids. Accepted ids are not shared: a window store drops what is older than
     * its retention behind the newest timestamp written to it, and streams lag each other by more than the dedup
     * horizon (monthly billing events behind meetings), so one store for all streams dropped the ids of a lagging
     * stream and accepted its retries twice.
     */
    public Set<StoreBuilder<?>> builders(String stream) {
        Set<StoreBuilder<?>> builders = new HashSet<>(shared);
        builders.add(Stores.windowStoreBuilder(
                stores.window(acceptedIds(stream), horizon, Duration.ofMillis(1)), Serdes.String(), Serdes.Long()));
        return builders;
    }

    /** The store of a stream's accepted event ids. */
    public static String acceptedIds(String stream) {
        return ACCEPTED_IDS + stream;
    }

    /** The key of an accepted event id in {@link #ACCEPTED_IDS}. */
    static String acceptedIdKey(String stream, String eventId) {
        return stream + SEPARATOR + eventId;
    }

    /** The key of a stream's stream time on one input partition in {@link #STREAM_TIMES}. */
    static String streamTimeKey(String stream, int partition) {
        return stream + SEPARATOR + partition;
    }
}
