package io.zoommetering.topology.topics;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Where the topology gets its Avro serdes from: a Schema Registry in production, an in-memory one in tests. */
public interface AvroSerdes {

    <T extends SpecificRecord> Serde<T> forKeys(Class<T> type);

    <T extends SpecificRecord> Serde<T> forValues(Class<T> type);
}
