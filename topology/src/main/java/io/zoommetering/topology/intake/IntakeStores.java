package io.zoommetering.topology.intake;

import io.zoommetering.topology.audit.AuditStores;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.topics.AvroSerdes;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The state of one stream's intake. Accepted event ids are kept in a window store by event time, so the dedup
 * horizon expires whole segments instead of scanning for old ids; stream time is kept per input partition, as
 * SPEC defines lateness per partition.
 */
public record IntakeStores(String stream, Duration horizon, StoreSuppliers stores) {

    public String acceptedIds() {
        return "intake-" + stream + "-accepted-ids";
    }

    public String streamTime() {
        return "intake-" + stream + "-stream-time";
    }

    public String audit() {
        return AuditStores.name("intake-" + stream);
    }

    public Set<StoreBuilder<?>> builders(AvroSerdes serdes) {
        StoreBuilder<WindowStore<String, Long>> ids = Stores.windowStoreBuilder(
                stores.window(acceptedIds(), horizon, Duration.ofMillis(1)),
                Serdes.String(), Serdes.Long());
        StoreBuilder<KeyValueStore<Integer, Long>> time = Stores.keyValueStoreBuilder(
                stores.keyValue(streamTime()), Serdes.Integer(), Serdes.Long()).withCachingEnabled();
        return Set.of(ids, time, AuditStores.builder("intake-" + stream, serdes, stores));
    }
}
