package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.internal.CombinedAggregate;
import io.zoommetering.topology.audit.AuditStores;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.state.WriteBehindStore;
import io.zoommetering.topology.topics.AvroSerdes;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The state of the combiners, keyed by {@link AggregateKeyBytes}. */
public final class CombinerStores {

    public static final String COMBINED = "combined-aggregates";
    /** FINAL mode: keys with a change waiting for their period to close, and when it closes. */
    public static final String PENDING = "combined-pending-finals";
    /** The combiner's processor name, which also names its audit store. */
    public static final String PROCESSOR = "combiner";

    private CombinerStores() {}

    public static Set<StoreBuilder<?>> builders(AvroSerdes serdes, StoreSuppliers stores) {
        return Set.of(
                // Read and written for every partial and every key its change re-evaluates: objects, written once
                // per commit.
                WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                        stores.keyValue(COMBINED), Serdes.Bytes(), serdes.forValues(CombinedAggregate.class))),
                WriteBehindStore.cached(
                        Stores.keyValueStoreBuilder(stores.keyValue(PENDING), Serdes.Bytes(), Serdes.Long())),
                AuditStores.builder(PROCESSOR, stores));
    }
}
