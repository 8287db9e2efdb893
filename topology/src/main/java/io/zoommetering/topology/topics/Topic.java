package io.zoommetering.topology.topics;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One topic: its name in settings ({@link TopicId#configName()} or {@link TopicSetting#configName()}), which also
 * names the stream in event totals and audit records, its configured name and the serdes of its keys and values.
 */
public record Topic<K, V>(String configName, String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Produced<K, V> produced() {
        return Produced.with(keySerde, valueSerde).withName(configName + "-sink");
    }

    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde).withName(configName + "-source");
    }
}
