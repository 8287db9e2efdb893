package io.zoommetering.tools.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.Main;
import io.zoommetering.app.events.EventFiles;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.app.export.GoldExport;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.ActiveUsers;
import io.zoommetering.avro.gold.Mrr;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.tools.ToolsMain;
import io.zoommetering.tools.generator.GeneratorSettings;
import io.zoommetering.tools.generator.TrafficGenerator;
import io.zoommetering.topology.config.MeteringConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Event files, the producer, the generate and export commands and the gold export against a real single-broker
 * KRaft cluster: what a file holds is what the topics hold, and an export holds the latest committed value per key.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EventsAndExportIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String REGISTRY = "mock://events-and-export-it";
    private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");

    private static KafkaClusterTestKit cluster;
    private static Admin admin;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        InMemorySchemaRegistry.dropScope(REGISTRY.substring("mock://".length()));
    }

    @Test
    void aProducedEventFileReadsBackRecordForRecord() throws Exception {
        // Given a generated batch with raw bytes and tombstones, written to a file and read back
        TopicTypes types = TopicTypes.defaults();
        createTopics(types.inputTopics(), 3);
        List<EventRecord> generated = new TrafficGenerator(GeneratorSettings.defaults()
                        .withUsers(60)
                        .withDays(3)
                        .withInvalid(0.01)
                        .withGarbage(0.005))
                .batchList(NOW);
        Path file = dir.resolve("events.jsonl");
        EventFiles.write(file, generated);
        List<EventRecord> records = EventFiles.read(file, types);
        // When the file is produced
        Map<String, Long> counts;
        try (EventProducer producer = new EventProducer(
                EventProducer.properties(cluster.bootstrapServers()), InMemorySchemaRegistry.forScope(scope()))) {
            counts = producer.produce(records);
        }
        // Then every record is acknowledged, and the topics hold them, in order per key
        assertThat(counts).isEqualTo(countByTopic(records));
        assertThat(readAll(types.inputTopics(), types)).isEqualTo(byTopicAndKey(records));
    }

    @Test
    void theGenerateCommandProducesTheBatchOfItsOptions() throws Exception {
        // Given topics of other names, configured in a settings file
        Map<String, String> settings = new LinkedHashMap<>();
        for (String topic : TopicTypes.defaults().inputTopics()) {
            settings.put(
                    "zm.topic." + TopicTypes.defaults().of(topic).orElseThrow().configName(), "cli." + topic);
        }
        Path config = dir.resolve("cli.properties");
        Files.writeString(
                config,
                settings.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n")));
        TopicTypes renamed = TopicTypes.from(new MeteringConfig(settings));
        createTopics(renamed.inputTopics(), 2);
        // When the command generates a batch to the cluster
        StringWriter err = new StringWriter();
        int code = cli(ToolsMain.commandLine(Map.of()), err)
                .execute(
                        "generate",
                        "--users",
                        "30",
                        "--days",
                        "2",
                        "--seed",
                        "5",
                        "--now",
                        NOW.toString(),
                        "--bootstrap-servers",
                        cluster.bootstrapServers(),
                        "--schema-registry",
                        REGISTRY,
                        "--config",
                        config.toString());
        // Then the topics hold the batch the generator makes with those options
        assertThat(code).as(err.toString()).isZero();
        List<EventRecord> expected = new TrafficGenerator(
                        GeneratorSettings.defaults().withUsers(30).withDays(2).withSeed(5), renamed)
                .batchList(NOW);
        assertThat(readAll(renamed.inputTopics(), renamed)).isEqualTo(byTopicAndKey(expected));
        assertThat(err.toString()).contains("Generated " + expected.size() + " records");
    }

    @Test
    void anExportHoldsTheLatestCommittedValuePerKey() throws Exception {
        // Given two gold topics written in transactions, one of them aborted, with updates and a tombstone
        createTopics(List.of("gold.active-users", "gold.mrr"), 3);
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope());
        SpecificAvroSerde<PeriodKey> periodKeys = new SpecificAvroSerde<>(PeriodKey.class, registry, true);
        SpecificAvroSerde<ActiveUsers> activeUsers = new SpecificAvroSerde<>(ActiveUsers.class, registry, false);
        SpecificAvroSerde<PlanMonthKey> planKeys = new SpecificAvroSerde<>(PlanMonthKey.class, registry, true);
        SpecificAvroSerde<Mrr> mrr = new SpecificAvroSerde<>(Mrr.class, registry, false);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "gold-writer");
        Map<Object, IndexedRecord> expectedUsers =
                new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int day = 1; day <= 20; day++) {
                for (long version = 1; version <= 3; version++) {
                    producer.send(new ProducerRecord<>(
                            "gold.active-users",
                            periodKeys.serializer().serialize("gold.active-users", day(day)),
                            activeUsers.serializer().serialize("gold.active-users", users(day * 10 + version))));
                }
                expectedUsers.put(day(day), users(day * 10 + 3));
            }
            producer.send(new ProducerRecord<>(
                    "gold.mrr",
                    planKeys.serializer().serialize("gold.mrr", new PlanMonthKey("ALL", "2026-02")),
                    mrr.serializer().serialize("gold.mrr", mrr("2314.62"))));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(
                    "gold.active-users",
                    periodKeys.serializer().serialize("gold.active-users", day(1)),
                    activeUsers.serializer().serialize("gold.active-users", users(999))));
            producer.send(new ProducerRecord<>(
                    "gold.active-users",
                    periodKeys.serializer().serialize("gold.active-users", day(25)),
                    activeUsers.serializer().serialize("gold.active-users", users(999))));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(
                    "gold.active-users", periodKeys.serializer().serialize("gold.active-users", day(2)), null));
            producer.send(new ProducerRecord<>(
                    "gold.active-users",
                    periodKeys.serializer().serialize("gold.active-users", day(3)),
                    activeUsers.serializer().serialize("gold.active-users", users(1234))));
            producer.commitTransaction();
        }
        expectedUsers.remove(day(2));
        expectedUsers.put(day(3), users(1234));
        awaitCommitMarkers(List.of("gold.active-users", "gold.mrr"));
        // When they are exported
        GoldExport export = new GoldExport(
                GoldExport.consumerProperties(cluster.bootstrapServers()), registry, TopicTypes.defaults());
        Map<String, Map<Object, IndexedRecord>> tables =
                export.read(List.of("gold.active-users", "gold.mrr"), DEADLINE);
        // Then each holds the latest committed value per key
        assertThat(tables.get("gold.active-users")).containsExactlyInAnyOrderEntriesOf(expectedUsers);
        assertThat(tables.get("gold.mrr"))
                .containsExactly(Map.entry(new PlanMonthKey("ALL", "2026-02"), mrr("2314.62")));
        // and the export command writes the same, every gold output by default (those not there are empty)
        Path file = dir.resolve("gold.jsonl");
        StringWriter err = new StringWriter();
        int code = cli(Main.commandLine(Map.of()), err)
                .execute(
                        "export",
                        "--bootstrap-servers",
                        cluster.bootstrapServers(),
                        "--schema-registry",
                        REGISTRY,
                        "--to-file",
                        file.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(GoldExport.readFile(file, TopicTypes.defaults())).isEqualTo(tables);
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(expectedUsers.size() + 1);
        assertThat(err.toString()).contains("Exported " + (expectedUsers.size() + 1) + " keys");
    }

    // ---- helpers

    private static void createTopics(List<String> topics, int partitions) throws Exception {
        List<NewTopic> missing = new ArrayList<>();
        var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        for (String topic : topics) {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, partitions, (short) 1));
            }
        }
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        awaitLeaders(topics);
    }

    /**
     * Waits until every partition of the topics is served by its leader (metadata naming a leader comes first; the
     * end offsets answer only once the leader hosts the log). A producer that starts before gets
     * NOT_LEADER_OR_FOLLOWER, and its idempotent retries then ran into OUT_OF_ORDER_SEQUENCE_NUMBER until the
     * delivery timeout.
     */
    private static void awaitLeaders(List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean led;
            try {
                led = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null
                                && !partition.leader().isEmpty());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                // Created on the controller, not yet in the broker's metadata: a newly created topic can be unknown
                // to describeTopics for a moment.
                led = false;
            }
            if (led) {
                Properties props = new Properties();
                props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
                try (Consumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    List<TopicPartition> partitions = new ArrayList<>();
                    topics.forEach(topic -> consumer.partitionsFor(topic)
                            .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
                    consumer.endOffsets(partitions, java.time.Duration.ofSeconds(30));
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no leader for every partition of " + topics + " within 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** Every record of the topics, decoded as the processor does: per topic and key, in offset order. */
    private static Map<String, Map<String, List<Object>>> readAll(List<String> topics, TopicTypes types) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope());
        Map<String, Map<String, List<Object>>> read = new TreeMap<>();
        try (Consumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(topic -> consumer.partitionsFor(topic)
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("read to the end in time").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    read.computeIfAbsent(record.topic(), t -> new TreeMap<>())
                            .computeIfAbsent(String.valueOf(key), k -> new ArrayList<>())
                            .add(decode(record, types, registry));
                }
            }
        }
        return read;
    }

    @SuppressWarnings("unchecked")
    private static Object decode(
            ConsumerRecord<byte[], byte[]> record, TopicTypes types, InMemorySchemaRegistry registry) {
        if (record.value() == null) {
            return "tombstone";
        }
        try {
            return new SpecificAvroSerde<>((Class<SpecificRecord>) types.valueType(record.topic()), registry, false)
                    .deserializer()
                    .deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return Arrays.toString(record.value());
        }
    }

    private static Map<String, Map<String, List<Object>>> byTopicAndKey(List<EventRecord> records) {
        Map<String, Map<String, List<Object>>> expected = new TreeMap<>();
        for (EventRecord record : records) {
            Object value = record.isRaw()
                    ? Arrays.toString(record.rawValue())
                    : record.isTombstone() ? "tombstone" : record.value();
            expected.computeIfAbsent(record.topic(), t -> new TreeMap<>())
                    .computeIfAbsent(String.valueOf(record.key()), k -> new ArrayList<>())
                    .add(value);
        }
        return expected;
    }

    private static Map<String, Long> countByTopic(List<EventRecord> records) {
        Map<String, Long> counts = new HashMap<>();
        records.forEach(record -> counts.merge(record.topic(), 1L, Long::sum));
        return new TreeMap<>(counts);
    }

    private static CommandLine cli(CommandLine cli, StringWriter err) {
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    private static String scope() {
        return Objects.requireNonNull(REGISTRY.substring("mock://".length()));
    }

    private static PeriodKey day(int day) {
        return new PeriodKey(PeriodType.DAILY, LocalDate.of(2026, 3, day));
    }

    private static ActiveUsers users(long count) {
        return new ActiveUsers(count, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3), "zoom-metering");
    }

    private static Mrr mrr(String amount) {
        return new Mrr(
                new BigDecimal(amount),
                115L,
                new BigDecimal("20.13"),
                LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 3),
                "zoom-metering");
    }

    /**
     * Until the last transaction's commit markers are on the partitions: under transactions v2 commitTransaction
     * returns before they are written, and until then a read_committed reader (the export) ends before it.
     */
    private static void awaitCommitMarkers(List<String> topics) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (TopicDescription topic :
                    admin.describeTopics(topics).allTopicNames().get().values()) {
                topic.partitions()
                        .forEach(p ->
                                partitions.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> committed = ends(partitions, IsolationLevel.READ_COMMITTED);
            if (committed.equals(ends(partitions, IsolationLevel.READ_UNCOMMITTED))) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("commit markers written on %s", topics)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static Map<TopicPartition, Long> ends(Map<TopicPartition, OffsetSpec> partitions, IsolationLevel level)
            throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(partitions, new ListOffsetsOptions(level))
                .all()
                .get()
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }
}
