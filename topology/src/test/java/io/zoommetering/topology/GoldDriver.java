package io.zoommetering.topology;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.topology.audit.MeteringObserver;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import io.zoommetering.topology.topics.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The gold topology under a TopologyTestDriver, with an in-memory schema registry of its own. Gold outputs are
 * read as a sink would: the latest value per key, a tombstone deleting the key.
 */
public final class GoldDriver implements AutoCloseable {

    /** Processing time at the start of every test; event times in tests lie before it. */
    public static final Instant START = Instant.parse("2026-03-10T00:00:00Z");

    private final String scope = "gold-" + UUID.randomUUID();
    private final MeteringConfig config;
    private final TopicCatalog topics;
    private final TopologyTestDriver driver;
    private final Path stateDir;
    /**
     * Kafka timestamp of every record piped in. The driver runs all sub-topologies as one task, whose stream
     * time would otherwise follow these timestamps past the event times that the combiner's closes depend on.
     */
    private final Instant producedAt;

    private final Map<String, Map<Object, Object>> tables = new HashMap<>();
    private final Map<String, TestOutputTopic<?, ?>> outputs = new HashMap<>();
    private final List<KeyValue<ErrorAuditKey, ErrorAudit>> errors = new java.util.ArrayList<>();

    public GoldDriver() {
        this(Map.of(), START);
    }

    public GoldDriver(Map<String, ?> settings, Instant wallClock) {
        this(settings, wallClock, MeteringObserver.NONE);
    }

    public GoldDriver(Map<String, ?> settings, Instant wallClock, MeteringObserver observer) {
        // Heap stores keep each test fast; GoldPropertyTest also runs the RocksDB stores production uses.
        Map<String, Object> all = new HashMap<>(Map.of(MeteringConfig.STATE_STORES, "IN_MEMORY"));
        all.putAll(settings);
        config = new MeteringConfig(all);
        producedAt = Instant.EPOCH;
        RegistryAvroSerdes serdes = RegistryAvroSerdes.of(InMemorySchemaRegistry.forScope(scope));
        topics = new TopicCatalog(config, serdes);
        try {
            stateDir = Files.createTempDirectory("gold-driver");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "gold-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(GoldTopology.build(config, serdes, props, observer), props, wallClock);
    }

    public TopicCatalog topics() {
        return topics;
    }

    public MeteringConfig config() {
        return config;
    }

    public <V extends SpecificRecord> void send(Topic<String, V> topic, String key, V value) {
        TestInputTopic<String, V> input = driver.createInputTopic(
                topic.name(), new StringSerializer(), topic.valueSerde().serializer(), producedAt, Duration.ZERO);
        input.pipeInput(key, value);
    }

    public void sendRaw(Topic<String, ?> topic, String key, byte[] value) {
        TestInputTopic<String, byte[]> input = driver.createInputTopic(
                topic.name(), new StringSerializer(), new ByteArraySerializer(), producedAt, Duration.ZERO);
        input.pipeInput(key, value);
    }

    /** A tombstone (null value) on an input topic. */
    public void sendTombstone(Topic<String, ?> topic, String key) {
        sendRaw(topic, key, null);
    }

    /** The bytes a producer sends for the value (Confluent-framed Avro), e.g. to compare with an error's copy. */
    public <V extends SpecificRecord> byte[] serialize(Topic<String, V> topic, V value) {
        return topic.valueSerde().serializer().serialize(topic.name(), value);
    }

    /** A state store of the topology (a global one too), as interactive queries read it. */
    public <K, V> KeyValueStore<K, V> keyValueStore(String name) {
        return driver.getKeyValueStore(name);
    }

    /** Lets wall-clock time pass so that account tasks ship their changed partial aggregates. */
    public void flush() {
        driver.advanceWallClockTime(config.emitInterval());
    }

    public void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** The output as a sink holds it: latest value per key. */
    @SuppressWarnings("unchecked")
    public <K, V> Map<K, V> table(Topic<K, V> topic) {
        flush();
        TestOutputTopic<K, V> output = (TestOutputTopic<K, V>) outputs.computeIfAbsent(
                topic.name(),
                name -> driver.createOutputTopic(
                        name,
                        topic.keySerde().deserializer(),
                        topic.valueSerde().deserializer()));
        Map<Object, Object> table = tables.computeIfAbsent(topic.name(), name -> new LinkedHashMap<>());
        for (KeyValue<K, V> record : output.readKeyValuesToList()) {
            if (record.value == null) {
                table.remove(record.key);
            } else {
                table.put(record.key, record.value);
            }
        }
        return (Map<K, V>) Map.copyOf(table);
    }

    /** Every record written to the topic since the last read, in order (for outputs that are logs). */
    public <K, V> List<KeyValue<K, V>> records(Topic<K, V> topic) {
        flush();
        return driver.createOutputTopic(
                        topic.name(),
                        topic.keySerde().deserializer(),
                        topic.valueSerde().deserializer())
                .readKeyValuesToList();
    }

    /** Like {@link #records}, with each record's headers and timestamp. */
    public <K, V> List<TestRecord<K, V>> testRecords(Topic<K, V> topic) {
        flush();
        return driver.createOutputTopic(
                        topic.name(),
                        topic.keySerde().deserializer(),
                        topic.valueSerde().deserializer())
                .readRecordsToList();
    }

    public List<KeyValue<ErrorAuditKey, ErrorAudit>> errors() {
        errors.addAll(records(topics.auditErrors));
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        driver.close();
        InMemorySchemaRegistry.dropScope(scope);
        deleteRecursively(stateDir);
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
