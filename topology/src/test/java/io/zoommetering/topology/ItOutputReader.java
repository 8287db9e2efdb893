package io.zoommetering.topology;

import io.zoommetering.topology.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads output topics from their beginning as a sink does: with a read_committed consumer of its own (no group),
 * keeping every record read, in partition order. Typed views decode with the topics' serdes.
 */
final class ItOutputReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new HashMap<>();

    ItOutputReader(String bootstrapServers, List<String> topics) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            records.put(topic, new ArrayList<>());
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has been committed since the last call (waiting at most a short while for it). */
    void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            records.get(record.topic()).add(record);
        }
    }

    /**
     * Polls until the condition holds or the deadline passes; returns whether it held. Never sleeps: each round
     * reads the committed output, then checks.
     */
    boolean pollUntil(Instant deadline, BooleanSupplier condition) {
        while (true) {
            poll();
            if (condition.getAsBoolean()) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
        }
    }

    /** Polls until the value is what is expected or the deadline passes; returns the last value seen. */
    <T> T pollUntilEqual(Instant deadline, Supplier<T> actual, T expected) {
        T last = actual.get();
        while (!expected.equals(last) && Instant.now().isBefore(deadline)) {
            poll();
            last = actual.get();
        }
        return last;
    }

    /** Every record read from the topic so far, in the order read (per partition: offset order). */
    List<ConsumerRecord<byte[], byte[]>> raw(String topic) {
        return List.copyOf(records.get(topic));
    }

    /** Every record of the topic decoded with its serdes, in the order read. */
    <K, V> List<Map.Entry<K, V>> log(Topic<K, V> topic) {
        List<Map.Entry<K, V>> log = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records.get(topic.name())) {
            K key = topic.keySerde().deserializer().deserialize(topic.name(), record.key());
            V value = record.value() == null
                    ? null
                    : topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            log.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, value));
        }
        return log;
    }

    /** The topic as an upsert table: the latest value per key, a tombstone deleting the key. */
    <K, V> Map<K, V> table(Topic<K, V> topic) {
        Map<K, V> table = new LinkedHashMap<>();
        for (Map.Entry<K, V> entry : log(topic)) {
            if (entry.getValue() == null) {
                table.remove(entry.getKey());
            } else {
                table.put(entry.getKey(), entry.getValue());
            }
        }
        return table;
    }

    /** The end offset of each partition of the topic (transaction markers included). */
    Map<TopicPartition, Long> endOffsets(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        return consumer.endOffsets(partitions);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
