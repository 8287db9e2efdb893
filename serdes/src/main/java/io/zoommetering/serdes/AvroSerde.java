package io.zoommetering.serdes;

import io.zoommetering.serdes.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the specific and the generic serde share: a serializer and a deserializer over one kind of datum, bound
 * together to a registry, either preset at construction or chosen by {@code schema.registry.url} on configure.
 */
abstract class AvroSerde<T extends IndexedRecord> implements Serde<T> {

    private final SchemaRegistryClient presetClient;
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    AvroSerde(DatumFactory<T> data, SchemaRegistryClient presetClient) {
        this.presetClient = presetClient;
        this.serializer = new AvroSerializer<>(data, presetClient);
        this.deserializer = new AvroDeserializer<>(data, presetClient);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        bind(AvroSerdeConfig.binding(configs, isKey, presetClient));
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    final void bind(RegistryBinding binding) {
        serializer.bind(binding);
        deserializer.bind(binding);
    }
}
