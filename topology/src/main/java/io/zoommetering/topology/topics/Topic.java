package io.zoommetering.topology.topics;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** One topic: its identity, its configured name and the serdes of its keys and values. */
public record Topic<K, V>(TopicId id, String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Produced<K, V> produced() {
        return Produced.with(keySerde, valueSerde).withName(id.configName() + "-sink");
    }

    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde).withName(id.configName() + "-source");
    }
}
