package io.zoommetering.topology.audit;

import io.zoommetering.avro.internal.AuditCounts;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.topics.AvroSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The audit counts store of a processor that audits what it does. */
public final class AuditStores {

    private AuditStores() {
    }

    public static String name(String processor) {
        return processor + "-audit";
    }

    public static StoreBuilder<KeyValueStore<String, AuditCounts>> builder(String processor, AvroSerdes serdes,
                                                                         StoreSuppliers stores) {
        return Stores.keyValueStoreBuilder(stores.keyValue(name(processor)), Serdes.String(),
                serdes.forValues(AuditCounts.class)).withCachingEnabled();
    }
}
