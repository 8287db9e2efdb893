package io.zoommetering.topology.intake;

import io.zoommetering.topology.audit.AuditStores;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.state.WriteBehindStore;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The state of the intake, one store of each kind shared by the intake processors of every stream (they run in one
 * sub-topology, so a task's processors share its stores). Accepted event ids are kept in a window store by event
 * time, keyed by stream and id, so the dedup horizon expires whole segments instead of scanning for old ids; stream
 * time is kept per stream and input partition, as SPEC defines lateness per partition; the audit counts are kept
 * per process.
 *
 * <p>Shared rather than one set per stream: every store is a RocksDB instance to open, a cache to flush on every
 * commit and a changelog partition in every transaction, and ten streams made thirty of them per task
 * (docs/BENCHMARKS.md).
 */
public final class IntakeStores {

    public static final String ACCEPTED_IDS = "intake-accepted-ids";
    public static final String STREAM_TIMES = "intake-stream-times";
    public static final String AUDIT = AuditStores.name("intake");

    private static final String SEPARATOR = "\u001f";

    private final Set<StoreBuilder<?>> builders;

    /** @param horizon how long an accepted event id is remembered (zm.dedup.horizon) */
    public IntakeStores(Duration horizon, StoreSuppliers stores) {
        StoreBuilder<WindowStore<String, Long>> ids = Stores.windowStoreBuilder(
                stores.window(ACCEPTED_IDS, horizon, Duration.ofMillis(1)), Serdes.String(), Serdes.Long());
        // Stream times move on nearly every record, one key per stream and partition: written once per commit.
        StoreBuilder<KeyValueStore<String, Long>> times = WriteBehindStore.of(
                Stores.keyValueStoreBuilder(stores.keyValue(STREAM_TIMES), Serdes.String(), Serdes.Long()));
        this.builders = Set.of(ids, times, AuditStores.builder("intake", stores));
    }

    /**
     * The builders to connect to every stream's intake processor: the same instances each time, which is what
     * makes Kafka Streams connect one store to several processors instead of rejecting a second store of a name.
     */
    public Set<StoreBuilder<?>> builders() {
        return builders;
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
