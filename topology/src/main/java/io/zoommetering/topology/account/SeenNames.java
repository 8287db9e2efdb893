package io.zoommetering.topology.account;

import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.state.WriteBehindStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The names a task has written to a name dimension (feature, ticket type, license type, billing event type), with
 * the epoch day each was first written. Such dimensions have few names, seen on most records: the names are kept
 * as objects in front of the store, so a record whose name the task has written costs a map lookup and writes
 * nothing, and no record crosses another repartition for its dimension.
 */
public final class SeenNames {

    /** Few names per dimension: all of them stay cached. */
    private static final int CACHED = 1_024;

    private final ObjectCache<String, Long> names;

    public SeenNames(KeyValueStore<String, Long> store) {
        this.names = new ObjectCache<>(store, CACHED);
    }

    /** The store behind a name dimension's {@link SeenNames}; its name is persisted as a changelog topic. */
    public static StoreBuilder<KeyValueStore<String, Long>> store(StoreSuppliers suppliers, String name) {
        return WriteBehindStore.cached(
                Stores.keyValueStoreBuilder(suppliers.keyValue(name), Serdes.String(), Serdes.Long()));
    }

    /**
     * Records a name the first time this task sees it.
     *
     * @return whether the name is new to this task, that is whether its row is to be written now
     */
    public boolean firstSight(String name, LedgerContext context) {
        if (names.get(name) != null) {
            return false;
        }
        names.put(name, context.lineageNow().loadDate().toEpochDay());
        return true;
    }
}
