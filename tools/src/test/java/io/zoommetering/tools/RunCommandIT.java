package io.zoommetering.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.config.AppConfig;
import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.config.StreamsDefaults;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.app.export.GoldExport;
import io.zoommetering.app.processor.MeteringApp;
import io.zoommetering.app.runtime.ExitCodes;
import io.zoommetering.app.topics.TopicProvisioner;
import io.zoommetering.tools.demo.ProcessingProgress;
import io.zoommetering.tools.demo.Replay;
import io.zoommetering.tools.demo.SequencedTimestamps;
import io.zoommetering.tools.events.EventProducer;
import io.zoommetering.tools.testing.AppProcess;
import io.zoommetering.tools.testing.Poll;
import io.zoommetering.tools.testing.ReferenceRun;
import io.zoommetering.tools.testing.RestRegistry;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.reference.GoldReference;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoom-metering run} as operators run it, the shaded jar in a child process, against a real KRaft cluster and
 * a Schema Registry over REST: readiness and metrics while it runs, a clean stop on SIGTERM, and exactly-once
 * results across a kill in the middle of a transaction.
 */
@Tag("integration")
class RunCommandIT {

    private static final Duration PROCESSING = Duration.ofSeconds(90);

    private static KafkaClusterTestKit cluster;
    private static RestRegistry registry;
    private static Admin admin;

    private final HttpClient http = HttpClient.newHttpClient();

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
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        registry = RestRegistry.start();
        admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldServeMetricsAndBecomeReadyOnceRunningAndExitZeroOnSigterm(@TempDir Path dir) throws Exception {
        // Given the processor started with its HTTP endpoints on a known port
        int port = freePort();
        Path settings = settings(dir, "metrics-" + UUID.randomUUID());
        try (AppProcess app = AppProcess.start(
                AppProcess.PROCESSOR_JAR,
                dir.resolve("app.log"),
                "run",
                "--config",
                settings.toString(),
                "--http-port",
                Integer.toString(port))) {
            // When it starts: not ready while it rebalances, ready once RUNNING
            AtomicBoolean sawNotReady = new AtomicBoolean();
            Poll.until(Duration.ofSeconds(60), () -> "/health/ready answers 200\n" + app.output(), () -> {
                int status = status(port, "/health/ready");
                sawNotReady.compareAndSet(false, status == 503);
                return status == 200;
            });
            assertThat(sawNotReady).as("503 before RUNNING").isTrue();
            assertThat(status(port, "/health/live")).isEqualTo(200);

            // Then /metrics holds Kafka Streams' metrics and the JVM's
            String metrics = get(port, "/metrics").body();
            assertThat(metrics)
                    .contains(
                            "kafka_stream_thread_process_total",
                            "kafka_stream_thread_commit_total",
                            "jvm_memory_used_bytes",
                            "jvm_threads_live_threads");

            // and SIGTERM closes it cleanly with exit code 0
            assertThat(app.stop(Duration.ofSeconds(60))).as(app.output()).isZero();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldExitOneWhenTheProcessorFails(@TempDir Path dir) throws Exception {
        // Given every topic but one input, and a processor told not to create topics
        String missing = "missing-users-" + UUID.randomUUID();
        Map<String, String> names = Map.of(MeteringConfig.TOPIC_PREFIX + "users", missing);
        Map<String, String> settings = new HashMap<>(names);
        settings.put(AppConfig.TOPICS_PARTITIONS, "1");
        settings.put(AppConfig.TOPICS_REPLICATION, "1");
        TopicCatalog topics = new TopicCatalog(new MeteringConfig(names), RegistryAvroSerdes.of(registry.client()));
        TopicProvisioner.createMissing(
                admin,
                TopicProvisioner.plan(topics, new AppConfig(settings)).stream()
                        .filter(topic -> !topic.name().equals(missing))
                        .toList(),
                Duration.ofSeconds(30));

        // When it starts
        try (AppProcess app = AppProcess.start(
                AppProcess.PROCESSOR_JAR,
                dir.resolve("app.log"),
                "run",
                "--config",
                settings(dir, "fatal-" + UUID.randomUUID()).toString(),
                "--http-port",
                "-1",
                "-D",
                "zm.topics.create=false",
                "-D",
                "zm.topic.users=" + missing)) {
            // Then the missing source topic is fatal: the instance shuts down and exits 1 for a restart
            assertThat(app.awaitExit(Duration.ofSeconds(90))).as(app.output()).isEqualTo(ExitCodes.FATAL);
            assertThat(app.output()).contains("Fatal error in the processor", missing);
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldCountEveryRecordOnceWhenKilledInTheMiddleOfATransactionAndRestarted(@TempDir Path dir) throws Exception {
        // Given the catalog, then the activity, of a set the batch reference computes (one whose catalog records
        // all come first: the restart below is timed within the activity)
        ReferenceRun run = ReferenceRun.largestOf(
                LongStream.rangeClosed(1, 40),
                set -> Replay.parts(
                                        set.stream()
                                                .map(record -> new EventRecord(
                                                        record.topic(),
                                                        record.key(),
                                                        record.value(),
                                                        record.rawValue()))
                                                .toList(),
                                        "zoom.plans")
                                .size()
                        == 2);
        List<List<EventRecord>> parts = Replay.parts(run.records(), "zoom.plans");
        assertThat(parts).as("the catalog, then the activity").hasSize(2);
        List<EventRecord> activity = parts.get(1);
        int half = activity.size() / 2;
        int nextRun = endOfRun(activity, half);
        String applicationId = "eos-restart-" + UUID.randomUUID();
        Path settings = settings(dir, applicationId);
        ProcessingProgress progress = progress(settings);
        try (EventProducer producer = new EventProducer(
                SequencedTimestamps.wrap(
                        new KafkaProducer<>(EventProducer.properties(cluster.bootstrapServers())),
                        Instant.now().toEpochMilli() - 100_000),
                registry.client())) {
            // and a first instance that created the topics, processed the catalog and stopped
            try (AppProcess first = start(dir, "first", settings)) {
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> "the topics exist\n" + first.output(),
                        () -> alive(first) && admin.listTopics().names().get().contains("zoom-metering.plan-catalog"));
                producer.produce(parts.get(0));
                progress.awaitIdle(Duration.ofSeconds(1), PROCESSING, Duration.ofMillis(100));
                assertThat(first.stop(Duration.ofSeconds(60)))
                        .as(first.output())
                        .isZero();
            }

            // and a second that committed the first half of the activity (committing every 5 s: the records
            // after it are processed within a second or two of that commit, well before the next one)
            producer.produce(activity.subList(0, half));
            java.util.concurrent.Callable<Boolean> quiet = quiet(applicationId);
            try (AppProcess second = start(
                    dir,
                    "second",
                    settings,
                    "-D",
                    "commit.interval.ms=5000",
                    "-D",
                    "producer.transaction.timeout.ms=30000")) {
                Poll.until(
                        PROCESSING,
                        () -> "the first half is committed; lag " + lag(progress) + "\n" + second.output(),
                        () -> alive(second) && progress.lag().isEmpty());
                Poll.until(Duration.ofSeconds(30), "the second instance is quiet", () -> alive(second) && quiet.call());

                // When it is killed while the transaction processing the next records is open
                long written = internalWrites(applicationId);
                producer.produce(activity.subList(half, nextRun));
                Poll.until(
                        Duration.ofSeconds(30),
                        "the next records are processed",
                        () -> internalWrites(applicationId) > written);
                second.kill();
            }
            assertThat(progress.lag()).as("the next records were not committed").isNotEmpty();

            // And a third instance restarts on the same state directory and processes the rest
            producer.produce(activity.subList(nextRun, activity.size()));
            try (AppProcess third = start(dir, "third", settings)) {
                progress.awaitIdle(Duration.ofSeconds(2), PROCESSING, Duration.ofMillis(100));

                // Then every gold table equals the batch reference: nothing was lost or counted twice
                Map<String, Map<SpecificRecord, Map<String, Object>>> tables = goldTables();
                for (String table : GoldReference.TABLES) {
                    assertThat(tables.getOrDefault(table, Map.of()))
                            .as(table)
                            .isEqualTo(run.reference().table(table));
                }
                // and each rejected record is on the error topic exactly once, with the reference's reason
                assertThat(ReferenceRun.errorsOf(tables.getOrDefault("gold.audit.errors", Map.of())))
                        .containsExactlyInAnyOrderElementsOf(run.expectedErrors());
                assertThat(committedRecordsPerKey("gold.audit.errors"))
                        .allSatisfy((key, count) -> assertThat(count)
                                .as("error records of one source offset")
                                .isOne());
                assertThat(third.stop(Duration.ofSeconds(60)))
                        .as(third.output())
                        .isZero();
            } finally {
                progress.close();
            }
        }
    }

    /** Fails at once, with what it printed, when a processor that should run has died. */
    private static boolean alive(AppProcess app) {
        assertThat(app.isAlive())
                .as("the processor runs; it printed:%n%s", app.output())
                .isTrue();
        return true;
    }

    private static String lag(ProcessingProgress progress) {
        try {
            return progress.lag().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static AppProcess start(Path dir, String name, Path settings, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--config", settings.toString(), "--http-port", "-1"));
        args.addAll(List.of(more));
        return AppProcess.start(AppProcess.PROCESSOR_JAR, dir.resolve(name + ".log"), args.toArray(String[]::new));
    }

    /** The settings file of one processor: small, quick, and restarted on the same state directory. */
    private static Path settings(Path dir, String applicationId) throws Exception {
        return Files.writeString(
                dir.resolve("zoom-metering.properties"),
                String.join(
                        "\n",
                        "bootstrap.servers=" + cluster.bootstrapServers(),
                        "schema.registry.url=" + registry.url(),
                        "application.id=" + applicationId,
                        "state.dir=" + dir.resolve("state"),
                        "num.standby.replicas=0",
                        "replication.factor=1",
                        "commit.interval.ms=200",
                        // A killed instance leaves the group when its session times out.
                        "consumer.session.timeout.ms=6000",
                        "consumer.heartbeat.interval.ms=1000",
                        "zm.topics.partitions=1",
                        "zm.topics.replication=1",
                        "zm.emit.interval.ms=250",
                        ""),
                StandardCharsets.UTF_8);
    }

    /** The end (exclusive) of the run of records on the same topic that starts at {@code from}. */
    private static int endOfRun(List<EventRecord> records, int from) {
        int end = from + 1;
        while (end < records.size()
                && records.get(end).topic().equals(records.get(from).topic())) {
            end++;
        }
        return end;
    }

    /** The progress of the processor of a settings file, seen as {@code demo} sees it. */
    private static ProcessingProgress progress(Path settings) {
        AppSettings loaded = AppSettings.load(StreamsDefaults.production(), settings, Map.of(), Map.of());
        List<String> sources;
        try (MeteringApp described = new MeteringApp(loaded, registry.client(), null)) {
            sources = described.sourceTopics();
        }
        List<String> outputs = TopicTypes.defaults().goldOutputs().stream()
                .filter(topic -> !topic.equals("gold.audit.process"))
                .toList();
        return new ProcessingProgress(
                Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers())),
                loaded.applicationId(),
                sources,
                outputs);
    }

    /** Records written to the processor's internal topics, committed or not (high watermarks). */
    private static long internalWrites(String applicationId) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var description : admin.describeTopics(admin.listTopics().names().get().stream()
                        .filter(topic -> topic.startsWith(applicationId + "-"))
                        .toList())
                .allTopicNames()
                .get()
                .values()) {
            description
                    .partitions()
                    .forEach(partition -> request.put(
                            new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest()));
        }
        return admin
                .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                .all()
                .get()
                .values()
                .stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    /** True once the internal topics have not been written to for a second. */
    private static java.util.concurrent.Callable<Boolean> quiet(String applicationId) {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        return () -> {
            long now = internalWrites(applicationId);
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] > TimeUnit.SECONDS.toNanos(1);
        };
    }

    private static Map<String, Map<SpecificRecord, Map<String, Object>>> goldTables() {
        GoldExport export = new GoldExport(
                GoldExport.consumerProperties(cluster.bootstrapServers()), registry.client(), TopicTypes.defaults());
        Map<String, Map<SpecificRecord, Map<String, Object>>> tables = new HashMap<>();
        List<String> topics = new ArrayList<>(GoldReference.TABLES);
        topics.add("gold.audit.errors");
        export.read(topics, Duration.ofSeconds(60)).forEach((topic, rows) -> {
            Map<SpecificRecord, Map<String, Object>> table = new HashMap<>();
            for (Map.Entry<Object, IndexedRecord> row : rows.entrySet()) {
                table.put((SpecificRecord) row.getKey(), ReferenceRun.withoutLineage((SpecificRecord) row.getValue()));
            }
            tables.put(topic, table);
        });
        return tables;
    }

    /** How many committed records each key of a topic has. */
    private static Map<String, Integer> committedRecordsPerKey(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Set<TopicPartition> done = new HashSet<>();
            while (done.size() < partitions.size()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    counts.merge(java.util.Arrays.toString(record.key()), 1, Integer::sum);
                }
                partitions.stream()
                        .filter(partition -> consumer.position(partition) >= ends.get(partition))
                        .forEach(done::add);
            }
        }
        return counts;
    }

    private int status(int port, String path) throws Exception {
        try {
            return get(port, path).statusCode();
        } catch (ConnectException e) {
            return -1;
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
