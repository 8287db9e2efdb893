package io.zoommetering.app.export;

import io.zoommetering.app.events.EventFileException;
import io.zoommetering.app.events.EventFiles;
import io.zoommetering.app.events.EventJson;
import io.zoommetering.app.events.EventLine;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.serdes.GenericAvroSerde;
import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.topology.topics.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads topics as a sink would hold them: every record from the beginning to the end offsets seen at the start
 * ({@code read_committed}: aborted and open transactions are skipped), the latest value per key, a tombstone
 * deleting its key. Keys and values are decoded with the registry serdes: the generated classes of the processor's
 * topics ({@link TopicTypes}), generic Avro for any other topic.
 *
 * <p>As a library, {@link #read} and {@link #table} return the tables; {@link #export} writes them as event-file
 * lines (SPEC 5) with the key as a JSON object of its fields, sorted by key. A value that does not decode is written
 * with {@code value_base64}. {@link #readFile} reads such a file back.
 */
public final class GoldExport {

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final SchemaRegistryClient registry;
    private final TopicTypes types;

    /** Exports with consumers of these settings (byte-array deserializers and read_committed are set here). */
    public GoldExport(Properties consumerProperties, SchemaRegistryClient registry, TopicTypes types) {
        this(() -> new KafkaConsumer<>(withDeserializers(consumerProperties)), registry, types);
    }

    /** Exports with the consumers {@code consumers} makes (one a read; a {@code MockConsumer} in tests). */
    public GoldExport(Supplier<Consumer<byte[], byte[]>> consumers, SchemaRegistryClient registry, TopicTypes types) {
        this.consumers = Objects.requireNonNull(consumers, "consumers");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.types = Objects.requireNonNull(types, "types");
    }

    /** Settings for reading: no consumer group, no topic auto-creation; add security settings as needed. */
    public static Properties consumerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrap"));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "zoom-metering-export-" + UUID.randomUUID());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return withDeserializers(props);
    }

    /**
     * The latest value per key of each topic, keys and tables in key order. A topic that does not exist reads as
     * empty.
     *
     * @throws IllegalStateException when a value does not decode
     * @throws TimeoutException      when the end offsets are not reached within {@code timeout}
     */
    public Map<String, Map<Object, IndexedRecord>> read(Collection<String> topics, Duration timeout) {
        Map<String, Map<Object, IndexedRecord>> tables = new LinkedHashMap<>();
        snapshot(topics, timeout).forEach((topic, latest) -> {
            Map<Object, IndexedRecord> table = new LinkedHashMap<>();
            latest.forEach((key, entry) -> {
                if (entry.value() == null) {
                    throw new IllegalStateException(topic + " partition " + entry.partition() + " offset "
                            + entry.offset() + ": the value does not decode: " + entry.failure());
                }
                table.put(key, entry.value());
            });
            tables.put(topic, table);
        });
        return tables;
    }

    /** One table, decoded with the topic's own serdes: latest value per key. */
    public <K, V> Map<K, V> table(Topic<K, V> topic, Duration timeout) {
        Map<K, V> table = new LinkedHashMap<>();
        Deserializer<K> keys = topic.keySerde().deserializer();
        Deserializer<V> values = topic.valueSerde().deserializer();
        consume(List.of(topic.name()), timeout, record -> {
            K key = keys.deserialize(record.topic(), record.key());
            if (record.value() == null) {
                table.remove(key);
            } else {
                table.put(key, values.deserialize(record.topic(), record.value()));
            }
        });
        return table;
    }

    /** Writes the latest value per key of each topic to a file, replacing it; returns the lines written. */
    public long export(Collection<String> topics, Path file, Duration timeout) throws IOException {
        try (EventFiles.LineWriter writer = EventFiles.writer(file)) {
            return export(topics, writer, timeout);
        }
    }

    /** Writes the latest value per key of each topic; returns the lines written. Does not close {@code out}. */
    public long export(Collection<String> topics, Writer out, Duration timeout) throws IOException {
        EventFiles.LineWriter writer = EventFiles.writer(out);
        long lines = export(topics, writer, timeout);
        writer.flush();
        return lines;
    }

    private long export(Collection<String> topics, EventFiles.LineWriter writer, Duration timeout) throws IOException {
        long before = writer.count();
        for (Map.Entry<String, Map<Object, Entry>> table :
                snapshot(topics, timeout).entrySet()) {
            for (Map.Entry<Object, Entry> row : table.getValue().entrySet()) {
                Entry entry = row.getValue();
                if (entry.value() != null) {
                    writer.write(table.getKey(), row.getKey(), entry.value());
                } else {
                    writer.writeRaw(table.getKey(), row.getKey(), entry.raw());
                }
            }
        }
        return writer.count() - before;
    }

    /**
     * Reads an export back: per topic, the latest value per key (later lines win, {@code "value": null} deletes).
     * Keys of the processor's gold topics become their generated classes, text keys stay text.
     *
     * @throws EventFileException naming the line that cannot be read
     */
    public static Map<String, Map<Object, IndexedRecord>> readFile(Path file, TopicTypes types) throws IOException {
        Map<String, Map<Object, IndexedRecord>> tables = new LinkedHashMap<>();
        String source = file.toString();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                Stream<EventLine> lines = EventFiles.lines(reader, source)) {
            lines.forEach(line -> {
                Map<Object, IndexedRecord> table = tables.computeIfAbsent(line.topic(), t -> new LinkedHashMap<>());
                if (!types.knows(line.topic())) {
                    throw new EventFileException(
                            source, line.lineNumber(), "unknown topic '" + line.topic() + "'", null);
                }
                try {
                    Object key = line.key().isNull()
                            ? null
                            : line.key().isTextual()
                                    ? line.key().textValue()
                                    : EventJson.fromJson(
                                            line.key(),
                                            types.keyType(line.topic())
                                                    .orElseThrow(() -> new IllegalArgumentException(
                                                            "the keys of " + line.topic() + " are text")));
                    if (line.rawValue() != null) {
                        throw new IllegalArgumentException("value_base64: the value did not decode when exported");
                    } else if (line.value() == null) {
                        table.remove(key);
                    } else {
                        table.put(key, EventJson.fromJson(line.value(), types.valueType(line.topic())));
                    }
                } catch (IllegalArgumentException e) {
                    throw new EventFileException(source, line.lineNumber(), e.getMessage(), e);
                }
            });
        }
        return tables;
    }

    // ---- reading to the end offsets

    /** The latest record of a key: its decoded value, or its raw bytes when they did not decode. */
    private record Entry(IndexedRecord value, byte[] raw, String failure, int partition, long offset) {}

    private Map<String, Map<Object, Entry>> snapshot(Collection<String> topics, Duration timeout) {
        Map<String, Map<Object, Entry>> latest = new LinkedHashMap<>();
        Map<String, Decoders> decoders = new HashMap<>();
        for (String topic : topics) {
            latest.put(topic, new HashMap<>());
            decoders.put(topic, decoders(topic));
        }
        consume(topics, timeout, record -> {
            Decoders decoder = decoders.get(record.topic());
            Object key = decoder.key(record);
            Map<Object, Entry> table = latest.get(record.topic());
            if (record.value() == null) {
                table.remove(key);
                return;
            }
            try {
                table.put(
                        key,
                        new Entry(
                                decoder.values.deserialize(record.topic(), record.value()),
                                null,
                                null,
                                record.partition(),
                                record.offset()));
            } catch (RuntimeException e) {
                table.put(
                        key,
                        new Entry(
                                null,
                                record.value(),
                                String.valueOf(e.getMessage()),
                                record.partition(),
                                record.offset()));
            }
        });
        Map<String, Map<Object, Entry>> sorted = new LinkedHashMap<>();
        latest.forEach((topic, table) -> {
            Map<Object, Entry> rows = new LinkedHashMap<>();
            table.entrySet().stream()
                    .sorted(Comparator.comparing(row -> sortKey(row.getKey())))
                    .forEach(row -> rows.put(row.getKey(), row.getValue()));
            sorted.put(topic, rows);
        });
        return sorted;
    }

    private void consume(
            Collection<String> topics,
            Duration timeout,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, remaining(deadline));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                }
            }
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
            List<TopicPartition> unfinished = new ArrayList<>(partitions);
            unfinished.removeIf(partition -> consumer.position(partition, remaining(deadline)) >= ends.get(partition));
            while (!unfinished.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("did not reach the end of " + unfinished + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < ends.get(partition)) {
                        sink.accept(record);
                    }
                }
                unfinished.removeIf(
                        partition -> consumer.position(partition, remaining(deadline)) >= ends.get(partition));
            }
        }
    }

    private static Duration remaining(long deadline) {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new TimeoutException("timed out reading the topics");
        }
        return Duration.ofNanos(nanos);
    }

    // ---- decoding

    /** How the keys and values of one topic decode. */
    private final class Decoders {
        final Deserializer<? extends IndexedRecord> keys;
        final Deserializer<? extends IndexedRecord> genericKeys;
        final Deserializer<? extends IndexedRecord> values;

        Decoders(
                Deserializer<? extends IndexedRecord> keys,
                Deserializer<? extends IndexedRecord> genericKeys,
                Deserializer<? extends IndexedRecord> values) {
            this.keys = keys;
            this.genericKeys = genericKeys;
            this.values = values;
        }

        Object key(ConsumerRecord<byte[], byte[]> record) {
            byte[] bytes = record.key();
            if (bytes == null) {
                return null;
            }
            if (keys != null) {
                return keys.deserialize(record.topic(), bytes);
            }
            if (genericKeys != null && bytes.length >= 5 && bytes[0] == 0) {
                try {
                    return genericKeys.deserialize(record.topic(), bytes);
                } catch (RuntimeException e) {
                    // not Avro after all: text
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Decoders decoders(String topic) {
        Optional<TopicTypes.Types> known = types.of(topic);
        if (known.isEmpty()) {
            return new Decoders(
                    null,
                    new GenericAvroSerde(registry, true).deserializer(),
                    new GenericAvroSerde(registry, false).deserializer());
        }
        Deserializer<? extends IndexedRecord> keys = known.get()
                .keyType()
                .map(type -> (Deserializer<? extends IndexedRecord>)
                        new SpecificAvroSerde<>((Class<SpecificRecord>) type, registry, true).deserializer())
                .orElse(null);
        Deserializer<? extends IndexedRecord> values =
                new SpecificAvroSerde<>((Class) known.get().valueType(), registry, false).deserializer();
        return new Decoders(keys, null, values);
    }

    /** Keys sort by their JSON text: stable across runs and partitionings. */
    private static String sortKey(Object key) {
        if (key == null) {
            return "";
        }
        return key instanceof IndexedRecord record ? EventJson.toLine(EventJson.toJson(record)) : key.toString();
    }

    private static Properties withDeserializers(Properties properties) {
        Properties props = new Properties();
        props.putAll(properties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return props;
    }
}
