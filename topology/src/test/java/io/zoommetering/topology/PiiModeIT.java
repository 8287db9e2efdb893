package io.zoommetering.topology;

import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.avro.gold.EventTotals;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.topology.PiiGoldTest.PiiScan;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.errors.ProcessingErrorHandler;
import io.zoommetering.topology.output.eventtotals.EventTotalsOutput;
import io.zoommetering.topology.pii.PiiMode;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import io.zoommetering.topology.topics.Topic;
import io.zoommetering.topology.topics.TopicSetting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The three PII modes end to end on a real broker, under exactly_once_v2: users with known names and e-mails and
 * their activity go in; every gold topic the registry lists, and the process audit, is read back as raw bytes and
 * must hold no plain name or e-mail under HASH and DROP, and under HASH only the keyed hash, the same after a
 * restart, another one under another key. The error record and the dead letter of a broken profile keep its
 * original bytes, personal data included, in every mode (what replay needs), but not in their description.
 */
@Tag("integration")
class PiiModeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final String KEY = "pii-mode-it-first-key-0123456789";
    private static final String OTHER_KEY = "pii-mode-it-other-key-9876543210";

    private static KafkaItCluster kafka;

    @TempDir
    Path stateDir;

    private final String scope = "pii-mode-it-" + UUID.randomUUID();
    private final List<Run> runs = new ArrayList<>();
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaItCluster.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stop() {
        runs.forEach(Run::close);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        InMemorySchemaRegistry.dropScope(scope);
    }

    @ParameterizedTest
    @EnumSource(PiiMode.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyGoldTopicHoldsPersonalDataOnlyAsTheModeSays(PiiMode mode) throws Exception {
        // Given the topology on a real broker in the mode
        Run run = start(mode, KEY, "pii-" + mode.name().toLowerCase() + "-" + UUID.randomUUID(), null);

        // When users with names and e-mails, their activity and a broken profile have been processed
        sendUsersActivityAndABrokenProfile(run);
        run.awaitUsersCounted(2);

        // Then the gold topics hold what the mode allows, and the errors keep the original bytes
        PiiScan scan = run.scanGold(mode, KEY);
        assertThat(scan.rows).as("gold rows read").isPositive();
        scan.assertClean();
        run.assertErrorsKeepTheOriginalBytesButNoNameInTheirDescription();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aHashIsStableAcrossARestartAndChangesWithTheKey() throws Exception {
        // Given HASH with a key, having processed the users and their activity
        String topicsOfFirst = "pii-hash-" + UUID.randomUUID();
        Run first = start(PiiMode.HASH, KEY, topicsOfFirst, null);
        sendUsersActivityAndABrokenProfile(first);
        first.awaitUsersCounted(2);
        Map<String, Set<String>> before = first.scanGold(PiiMode.HASH, KEY).personal;

        // When the application restarts (same application.id, same state) and a profile changes its plan
        first.close();
        Run restarted = start(PiiMode.HASH, KEY, topicsOfFirst, first.applicationId);
        send(restarted.topics.users, "u-1", PiiGoldTest.person("u-1", "Ada Lovelace", "ada@engines.example", soon()));
        restarted.awaitUsersCounted(3);

        // Then every hash written after the restart is the one written before, for the same key
        PiiScan afterRestart = restarted.scanGold(PiiMode.HASH, KEY);
        afterRestart.assertClean();
        before.forEach((output, hashes) ->
                assertThat(afterRestart.personal.get(output)).as(output).containsAll(hashes));

        // and the same input hashed under another key shares no hash with the first
        restarted.close();
        Run rotated = start(PiiMode.HASH, OTHER_KEY, "pii-rotated-" + UUID.randomUUID(), null);
        sendUsersActivityAndABrokenProfile(rotated);
        rotated.awaitUsersCounted(2);
        PiiScan underOtherKey = rotated.scanGold(PiiMode.HASH, OTHER_KEY);
        underOtherKey.assertClean();
        underOtherKey.personal.forEach((output, hashes) -> assertThat(hashes)
                .as(output)
                .doesNotContainAnyElementsOf(afterRestart.personal.getOrDefault(output, Set.of())));
        assertThat(underOtherKey.personal.keySet()).isEqualTo(afterRestart.personal.keySet());
    }

    private void sendUsersActivityAndABrokenProfile(Run run) throws Exception {
        TopicCatalog t = run.topics;
        Instant at = soon();
        send(t.users, "u-1", PiiGoldTest.person("u-1", "Ada Lovelace", "ada@engines.example", at));
        send(t.users, "u-2", PiiGoldTest.person("u-2", "Alan Turing", "alan@bletchley.example", at));
        send(t.meetings, "m-1", started("m-1", "u-1", at.plusSeconds(60)));
        send(t.meetings, "m-1", ended("m-1", "u-1", at.plusSeconds(60), 30));
        send(t.featureUsage, "f-1", feature("u-2", "CHAT", 120, at.plusSeconds(120)));
        byte[] whole = serialize(t.users, PiiGoldTest.person("u-4", "Edsger Dijkstra", "ewd@tue.example", at));
        // truncated in transit: undecodable, so a DESERIALIZATION error whose original bytes name a person
        sendRaw(t.users.name(), "u-4", Arrays.copyOf(whole, whole.length - 3));
    }

    /** An event time an hour ago: well inside grace and clock skew. */
    private static Instant soon() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    }

    private <V extends SpecificRecord> byte[] serialize(Topic<String, V> topic, V value) {
        return topic.valueSerde().serializer().serialize(topic.name(), value);
    }

    private <V extends SpecificRecord> void send(Topic<String, V> topic, String key, V value) throws Exception {
        sendRaw(topic.name(), key, serialize(topic, value));
    }

    private void sendRaw(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
                .get();
    }

    /**
     * Starts the topology with every topic named under {@code prefix}, so that runs share no topic.
     *
     * @param applicationId null for a new application; an earlier run's to restart it
     */
    private Run start(PiiMode mode, String key, String prefix, String applicationId) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        for (TopicSetting topic : MeteringConfig.topics()) {
            settings.put(MeteringConfig.TOPIC_PREFIX + topic.configName(), prefix + "." + topic.defaultName());
        }
        settings.put(MeteringConfig.PII_MODE, mode.name());
        if (mode == PiiMode.HASH) {
            // the key as a mounted Secret file, as production reads it
            Path keyFile = Files.writeString(stateDir.resolve(prefix + ".key"), key + "\n");
            settings.put(MeteringConfig.PII_HASH_KEY_FILE, keyFile.toString());
        }
        settings.put(MeteringConfig.EMIT_INTERVAL_MS, "200");
        settings.put(MeteringConfig.AUDIT_INTERVAL_MS, "1000");
        boolean restart = applicationId != null;
        String id = restart ? applicationId : prefix + "-app";
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(id).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingErrorHandler.class.getName());
        props.put("schema.registry.url", "mock://" + scope);
        props.putAll(settings);
        MeteringConfig config = new MeteringConfig(props);
        RegistryAvroSerdes serdes = RegistryAvroSerdes.of(InMemorySchemaRegistry.forScope(scope));
        TopicCatalog topics = new TopicCatalog(config, serdes);
        if (!restart) {
            Map<String, Integer> partitions = new LinkedHashMap<>();
            topics.inputs().forEach(input -> partitions.put(input.name(), 1));
            topics.goldOutputs().forEach(output -> partitions.put(output.name(), 2));
            partitions.put(topics.deadLetters.name(), 1);
            partitions.put(topics.planCatalog.name(), 1);
            kafka.createTopics(partitions, List.of(topics.planCatalog.name()));
        }
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            kafka.bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all"),
                    new ByteArraySerializer(),
                    new ByteArraySerializer());
        }
        Run run = new Run(id, topics, new KafkaStreams(GoldTopology.build(config, serdes, props), props));
        runs.add(run);
        run.start();
        return run;
    }

    /** One Kafka Streams instance of the topology and a reader of everything it writes. */
    private static final class Run implements AutoCloseable {

        final String applicationId;
        final TopicCatalog topics;
        private final KafkaStreams streams;
        private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        private ItOutputReader reader;
        private boolean closed;

        Run(String applicationId, TopicCatalog topics, KafkaStreams streams) {
            this.applicationId = applicationId;
            this.topics = topics;
            this.streams = streams;
        }

        void start() throws InterruptedException {
            CountDownLatch running = new CountDownLatch(1);
            streams.setStateListener((next, previous) -> {
                if (next == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.setUncaughtExceptionHandler(exception -> {
                uncaught.add(exception);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            assertThat(running.await(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .as("Kafka Streams RUNNING")
                    .isTrue();
            List<String> names = new ArrayList<>();
            topics.goldOutputs().forEach(output -> names.add(output.name()));
            names.add(topics.deadLetters.name());
            reader = new ItOutputReader(kafka.bootstrapServers(), names);
        }

        /** Waits until the event totals count the given accepted profiles and the broken one is an error. */
        void awaitUsersCounted(long users) {
            Topic<EventTotalsKey, EventTotals> totals = topics.output(EventTotalsOutput.INSTANCE);
            boolean done = reader.pollUntil(Instant.now().plus(DEADLINE), () -> {
                long counted = reader.table(totals).entrySet().stream()
                        .filter(entry -> entry.getKey().getStream().equals("users")
                                && entry.getKey().getPeriod().name().equals("DAILY"))
                        .mapToLong(entry -> entry.getValue().getEventCount())
                        .sum();
                return counted >= users
                        && !reader.raw(topics.auditErrors.name()).isEmpty()
                        && !reader.raw(topics.deadLetters.name()).isEmpty();
            });
            assertThat(uncaught).as("uncaught exceptions").isEmpty();
            assertThat(done)
                    .as("%d profiles counted and the broken one an error", users)
                    .isTrue();
        }

        /** Every gold output the registry lists and the process audit: raw bytes and decoded rows. */
        PiiScan scanGold(PiiMode mode, String key) {
            PiiScan scan = new PiiScan(mode, key);
            List<String> leaks = new ArrayList<>();
            List<Topic<? extends SpecificRecord, ? extends SpecificRecord>> gold =
                    new ArrayList<>(topics.outputTables());
            gold.add(topics.auditProcess);
            for (Topic<? extends SpecificRecord, ? extends SpecificRecord> topic : gold) {
                for (ConsumerRecord<byte[], byte[]> record : reader.raw(topic.name())) {
                    // Avro writes a string as its UTF-8 bytes: a plain value would be there as such
                    String bytes = utf8(record.key()) + utf8(record.value());
                    if (mode != PiiMode.KEEP) {
                        PiiScan.PLAIN.stream()
                                .filter(bytes::contains)
                                .forEach(plain -> leaks.add(topic.name() + ": " + plain));
                    }
                    scan.row(
                            topic.configName(),
                            decode(topic, true, record.key()),
                            decode(topic, false, record.value()));
                }
            }
            assertThat(leaks)
                    .as("plain personal values in the raw bytes of gold topics under " + mode)
                    .isEmpty();
            return scan;
        }

        void assertErrorsKeepTheOriginalBytesButNoNameInTheirDescription() {
            List<Map.Entry<ErrorAuditKey, ErrorAudit>> errors = reader.log(topics.auditErrors);
            assertThat(errors).extracting(e -> e.getValue().getErrorType()).containsExactly(ErrorType.DESERIALIZATION);
            ErrorAudit error = errors.get(0).getValue();
            assertThat(error.getErrorDescription()).doesNotContain("Edsger", "Dijkstra", "ewd@tue.example");
            byte[] original = new byte[error.getOriginalValue().remaining()];
            error.getOriginalValue().duplicate().get(original);
            assertThat(utf8(original)).contains("Edsger Dijkstra", "ewd@tue.example");
            ConsumerRecord<byte[], byte[]> deadLetter =
                    reader.raw(topics.deadLetters.name()).get(0);
            assertThat(deadLetter.value()).isEqualTo(original);
        }

        private static Object decode(Topic<?, ?> topic, boolean isKey, byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            return isKey
                    ? topic.keySerde().deserializer().deserialize(topic.name(), bytes)
                    : topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
        }

        private static String utf8(byte[] bytes) {
            return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (reader != null) {
                reader.close();
            }
            // Leaving the group lets the restarted instance take the tasks over at once, not after the session timeout.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(20)));
        }
    }
}
