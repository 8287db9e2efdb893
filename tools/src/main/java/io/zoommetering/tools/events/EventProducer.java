package io.zoommetering.tools.events;

import io.zoommetering.app.events.EventRecord;
import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Produces {@link EventRecord}s to a cluster as the processor reads them: keys as UTF-8 text, values as
 * Confluent-framed Avro ({@link SpecificAvroSerde} over a Schema Registry client, registering each schema under
 * {@code <topic>-value}), raw bytes exactly as given, tombstones as null values. Records of one partition are
 * written in the order they are sent (an idempotent producer keeps that order across retries).
 *
 * <p>The Kafka record timestamps are left to the producer (the send time), not the events' {@code event_time}: the
 * processor reads event times from the values, and old timestamps would let the broker's time-based retention
 * delete a replayed history at once.
 *
 * <p>A send that fails is reported by the next {@link #flush()}, {@link #produce} or {@link #close()}. Not meant to
 * be shared between threads that send.
 */
public final class EventProducer implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final SchemaRegistryClient registry;
    private final Map<Class<?>, Serializer<SpecificRecord>> serializers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** A producer of the given settings; byte-array serializers are set here. */
    public EventProducer(Properties properties, SchemaRegistryClient registry) {
        this(new KafkaProducer<>(withSerializers(properties)), registry);
    }

    /** Sends with the given producer (a {@code MockProducer} in tests); closing this closes it. */
    public EventProducer(Producer<byte[], byte[]> producer, SchemaRegistryClient registry) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Settings for producing events: idempotent, {@code acks=all}, byte-array serializers, small batching delay.
     * Further client settings (security, ...) can be added to the returned properties.
     */
    public static Properties properties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrap"));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "zoom-metering-events");
        return withSerializers(props);
    }

    /** Sends one record (asynchronously). */
    public void send(EventRecord record) {
        throwIfFailed();
        String topic = record.topic();
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        byte[] value;
        if (record.isRaw()) {
            value = record.rawValue();
        } else if (record.isTombstone()) {
            value = null;
        } else {
            value = serializer(record.value()).serialize(topic, record.value());
        }
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            } else {
                acknowledged.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
            }
        });
    }

    /**
     * Sends every record, in order, and waits until all are acknowledged.
     *
     * @return records acknowledged by this call, per topic
     * @throws KafkaException when a record could not be written
     */
    public Map<String, Long> produce(Iterator<EventRecord> records) {
        Map<String, Long> before = counts();
        while (records.hasNext()) {
            send(records.next());
        }
        flush();
        Map<String, Long> sent = new TreeMap<>();
        counts().forEach((topic, count) -> {
            long delta = count - before.getOrDefault(topic, 0L);
            if (delta > 0) {
                sent.put(topic, delta);
            }
        });
        return sent;
    }

    /** {@link #produce(Iterator)} over an iterable. */
    public Map<String, Long> produce(Iterable<EventRecord> records) {
        return produce(records.iterator());
    }

    /** {@link #produce(Iterator)} over a stream. */
    public Map<String, Long> produce(Stream<EventRecord> records) {
        return produce(records.iterator());
    }

    /** Waits until every record sent so far is acknowledged; throws if one failed. */
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    /** Records acknowledged so far, per topic. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        acknowledged.forEach((topic, count) -> counts.put(topic, count.get()));
        return counts;
    }

    @Override
    public void close() {
        producer.close();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception failed = failure.get();
        if (failed != null) {
            throw new KafkaException("producing events failed: " + failed.getMessage(), failed);
        }
    }

    @SuppressWarnings("unchecked")
    private Serializer<SpecificRecord> serializer(SpecificRecord value) {
        return serializers.computeIfAbsent(value.getClass(), type -> (Serializer<SpecificRecord>)
                (Serializer<?>) new SpecificAvroSerde<>((Class<SpecificRecord>) type, registry, false).serializer());
    }

    private static Properties withSerializers(Properties properties) {
        Properties props = new Properties();
        props.putAll(properties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
