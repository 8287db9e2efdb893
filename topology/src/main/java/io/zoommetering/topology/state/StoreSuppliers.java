package io.zoommetering.topology.state;

import java.time.Duration;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.VersionedBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * Where the topology's state lives: RocksDB on disk (the default, for state larger than the heap) or the heap
 * (restored from the changelogs on restart; for tests and small deployments). One place decides for every store.
 */
public final class StoreSuppliers {

    /** The kinds of store the setting zm.state.stores chooses from. */
    public enum Kind {
        PERSISTENT,
        IN_MEMORY
    }

    private final Kind kind;

    public StoreSuppliers(Kind kind) {
        this.kind = kind;
    }

    public KeyValueBytesStoreSupplier keyValue(String name) {
        return kind == Kind.IN_MEMORY ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }

    public WindowBytesStoreSupplier window(String name, Duration retention, Duration windowSize) {
        return kind == Kind.IN_MEMORY
                ? Stores.inMemoryWindowStore(name, retention, windowSize, false)
                : Stores.persistentWindowStore(name, retention, windowSize, false);
    }

    /** Always on disk: Kafka Streams has no in-memory versioned store. */
    public VersionedBytesStoreSupplier versioned(String name, Duration history) {
        return Stores.persistentVersionedKeyValueStore(name, history);
    }
}
