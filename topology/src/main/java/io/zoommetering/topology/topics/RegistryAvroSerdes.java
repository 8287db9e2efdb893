package io.zoommetering.topology.topics;

import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Confluent-framed Avro serdes over one Schema Registry client (REST, or in memory for tests and the demo). */
public final class RegistryAvroSerdes implements AvroSerdes {

    private final SchemaRegistryClient client;

    private RegistryAvroSerdes(SchemaRegistryClient client) {
        this.client = client;
    }

    public static RegistryAvroSerdes of(SchemaRegistryClient client) {
        return new RegistryAvroSerdes(client);
    }

    @Override
    public <T extends SpecificRecord> Serde<T> forKeys(Class<T> type) {
        return new SpecificAvroSerde<>(type, client, true);
    }

    @Override
    public <T extends SpecificRecord> Serde<T> forValues(Class<T> type) {
        return new SpecificAvroSerde<>(type, client, false);
    }
}
