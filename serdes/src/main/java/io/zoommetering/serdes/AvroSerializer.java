package io.zoommetering.serdes;

import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.serdes.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes records in Confluent's wire format, registering (or looking up) their schema under the topic's subject.
 *
 * <p>Thread-safe: Kafka Streams shares one instance between its threads. The schema id and the DatumWriter of each
 * (topic, schema) are computed once; after that, serializing a record makes no registry call and no map lookup
 * allocates.
 */
final class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private final DatumFactory<T> data;
    private final SchemaRegistryClient presetClient;
    private final ConcurrentMap<String, ConcurrentMap<Schema, Prepared<T>>> preparedByTopic = new ConcurrentHashMap<>();
    private volatile RegistryBinding binding;

    /** @param presetClient the registry to use instead of the configured URL's; may be null */
    AvroSerializer(DatumFactory<T> data, SchemaRegistryClient presetClient) {
        this.data = data;
        this.presetClient = presetClient;
    }

    void bind(RegistryBinding binding) {
        this.binding = binding;
        preparedByTopic.clear();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        bind(AvroSerdeConfig.binding(configs, isKey, presetClient));
    }

    /** Null (a tombstone) stays null, as with Confluent's serializer. */
    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        RegistryBinding bound = binding;
        if (bound == null) {
            throw new IllegalStateException("Serializer not configured: call configure() or build it with a client");
        }
        // Confluent's TopicNameStrategy names a subject even for a null topic: "null-value".
        String topicName = String.valueOf(topic);
        Prepared<T> prepared = prepared(bound, topicName, record);
        EncodingBuffer buffer = EncodingBuffer.acquire();
        try {
            WireFormat.writeHeader(buffer, prepared.schemaId());
            BinaryEncoder encoder = buffer.encoder();
            prepared.writer().write(record, encoder);
            encoder.flush();
            return buffer.finish();
        } catch (IOException | RuntimeException e) {
            // Avro reports a record that breaks its schema with NullPointerException, ClassCastException,
            // AvroRuntimeException...: one typed failure instead.
            throw new RecordEncodingException(
                    topicName,
                    bound.isKey(),
                    prepared.schemaId(),
                    "the record does not match its schema " + record.getSchema().getFullName() + ": " + e,
                    e);
        }
    }

    private Prepared<T> prepared(RegistryBinding bound, String topic, T record) {
        Schema schema = record.getSchema();
        ConcurrentMap<Schema, Prepared<T>> forTopic = preparedByTopic.get(topic);
        if (forTopic == null) {
            forTopic = preparedByTopic.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        }
        Prepared<T> prepared = forTopic.get(schema);
        if (prepared == null) {
            prepared = new Prepared<>(schemaId(bound, topic, schema), data.writerFor(record));
            forTopic.putIfAbsent(schema, prepared);
        }
        return prepared;
    }

    private static int schemaId(RegistryBinding bound, String topic, Schema schema) {
        String subject = bound.subject(topic);
        try {
            return bound.autoRegister()
                    ? bound.client().register(subject, schema)
                    : bound.client().getId(subject, schema);
        } catch (SchemaRegistryException e) {
            throw RegistryFailures.writing(e, topic, subject, bound.isKey());
        }
    }

    /** The id and writer of one schema on one topic. */
    private record Prepared<T>(int schemaId, DatumWriter<T> writer) {}
}
