package io.zoommetering.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.config.AppConfig;
import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.config.StreamsDefaults;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.app.export.GoldExport;
import io.zoommetering.app.processor.MeteringApp;
import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.serdes.registry.SchemaRegistryUnavailableException;
import io.zoommetering.tools.demo.ProcessingProgress;
import io.zoommetering.tools.demo.Replay;
import io.zoommetering.tools.demo.SequencedTimestamps;
import io.zoommetering.tools.events.EventProducer;
import io.zoommetering.tools.testing.Poll;
import io.zoommetering.tools.testing.ReferenceRun;
import io.zoommetering.topology.errors.ErrorRecords;
import io.zoommetering.topology.reference.GoldReference;
import io.zoommetering.topology.reference.InputRecord;
import io.zoommetering.topology.reference.RandomEventSets;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input at volume on a real broker, mixed into a generated set the batch reference computes: random bytes,
 * truncated frames, unknown schema ids, values of 3 MB, a plan claiming a map of two billion entries, a flood of
 * tombstones, and a Schema Registry outage in the middle of the run. The processor stays up (never a fatal error),
 * every gold table equals the batch reference, every bad record is one error record (exactly once) with its bytes
 * (a value over {@link ErrorRecords#MAX_ORIGINAL_VALUE_BYTES} with its first bytes, its size and hash).
 *
 * <p>(Deeply nested values cannot be sent: the input schemas are not recursive, so the nesting a value can have is
 * the schema's; the collection attack is the claimed map size.)
 */
@Tag("integration")
class BadInputIT {

    private static final int INPUT_MAX_BYTES = 8 * 1024 * 1024;
    private static final int LARGE_VALUE_BYTES = 3 * 1024 * 1024;

    private static KafkaClusterTestKit cluster;

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
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldCountEveryGoodRecordAndTurnEveryBadOneIntoOneErrorRecordThroughAnOutage(@TempDir Path dir)
            throws Exception {
        // Given a generated set with bad records mixed in, and its batch reference
        String scope = "bad-input-it-" + UUID.randomUUID();
        InMemorySchemaRegistry backing = InMemorySchemaRegistry.forScope(scope);
        OutageRegistry registry = new OutageRegistry(backing);
        Random random = new Random(17);
        List<InputRecord> good = ReferenceRun.withinSkew(RandomEventSets.generate(largestSeed()));
        Mixed mixed = mix(good, RegistryAvroSerdes.of(backing), random);
        ReferenceRun run = ReferenceRun.of(mixed.records);
        assertThat(run.expectedErrors()).as("errors of the reference").hasSizeGreaterThan(mixed.bad.size());

        // and the processor, its inputs taking records of up to 8 MB, its error topics Kafka's default of 1 MiB
        Map<String, String> flags = new HashMap<>();
        flags.put("bootstrap.servers", cluster.bootstrapServers());
        flags.put("application.id", "bad-input-" + UUID.randomUUID());
        flags.put("state.dir", dir.resolve("state").toString());
        flags.put("num.standby.replicas", "0");
        flags.put("replication.factor", "1");
        flags.put("commit.interval.ms", "200");
        flags.put(AppConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        flags.put(AppConfig.HTTP_PORT, "-1");
        flags.put(AppConfig.TOPICS_PARTITIONS, "1");
        flags.put(AppConfig.TOPICS_REPLICATION, "1");
        flags.put(AppConfig.TOPICS_INPUT_CONFIGS, "max.message.bytes=" + INPUT_MAX_BYTES);
        flags.put("zm.emit.interval.ms", "250");
        AppSettings settings = AppSettings.load(StreamsDefaults.production(), null, Map.of(), flags);
        List<KafkaStreams.State> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (MeteringApp app = new MeteringApp(settings, registry, null);
                EventProducer producer = new EventProducer(
                        SequencedTimestamps.wrap(
                                new KafkaProducer<>(producerProperties()),
                                Instant.now().toEpochMilli() - 100_000),
                        backing);
                ProcessingProgress progress = new ProcessingProgress(
                        Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers())),
                        settings.applicationId(),
                        app.sourceTopics(),
                        TopicTypes.defaults().goldOutputs().stream()
                                .filter(topic -> !topic.equals("gold.audit.process"))
                                .toList())) {
            app.prepare();
            app.start();
            app.awaitRunning(Duration.ofSeconds(90));

            // When the records are produced, catalog runs first, and the registry is down while the middle part is
            // processed (records of new schema ids then cannot be read, records of known ones still can)
            List<List<EventRecord>> parts = Replay.parts(run.records(), "zoom.plans");
            int outagePart = parts.size() / 2;
            while (parts.get(outagePart).stream().noneMatch(BadInputIT::ofAnUnknownSchemaId)) {
                outagePart = (outagePart + 1) % parts.size();
            }
            for (int i = 0; i < parts.size(); i++) {
                if (i == outagePart) {
                    registry.down.set(true);
                }
                producer.produce(parts.get(i));
                if (i == outagePart) {
                    // the processor met the outage, and its stream thread was replaced at least once
                    Poll.until(
                            Duration.ofSeconds(60),
                            "the processor asks the registry twice",
                            () -> registry.refusals.get() >= 2);
                    registry.down.set(false);
                }
                progress.awaitIdle(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(120),
                        Duration.ofMillis(100),
                        () -> app.fatalError() != null);
            }

            // Then it never stopped
            assertThat(app.fatalError()).as("fatal error").isNull();
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(registry.refusals.get())
                    .as("lookups refused during the outage")
                    .isGreaterThanOrEqualTo(2);

            // and every gold table equals the batch reference of the good records
            Map<String, Map<Object, IndexedRecord>> exported = new GoldExport(
                            GoldExport.consumerProperties(cluster.bootstrapServers()), backing, TopicTypes.defaults())
                    .read(withErrors(GoldReference.TABLES), Duration.ofSeconds(60));
            for (String table : GoldReference.TABLES) {
                Map<SpecificRecord, Map<String, Object>> rows = new HashMap<>();
                exported.getOrDefault(table, Map.of())
                        .forEach((key, value) ->
                                rows.put((SpecificRecord) key, ReferenceRun.withoutLineage((SpecificRecord) value)));
                assertThat(rows).as(table).isEqualTo(run.reference().table(table));
            }

            // and every bad record is one error record, with the reference's type and the bytes it was sent with
            Map<Object, IndexedRecord> errors = exported.getOrDefault("gold.audit.errors", Map.of());
            Map<SpecificRecord, Map<String, Object>> errorRows = new HashMap<>();
            errors.forEach((key, value) ->
                    errorRows.put((SpecificRecord) key, ReferenceRun.withoutLineage((SpecificRecord) value)));
            assertThat(ReferenceRun.errorsOf(errorRows)).containsExactlyInAnyOrderElementsOf(run.expectedErrors());
            assertThat(committedRecords("gold.audit.errors"))
                    .as("error records written (each key once: exactly once)")
                    .isEqualTo(run.expectedErrors().size());
            for (Bad bad : mixed.bad) {
                ErrorAudit error = (ErrorAudit) errors.get(new ErrorAuditKey(bad.topic, 0, mixed.offsets.get(bad)));
                assertThat(error).as(bad.what).isNotNull();
                byte[] kept = bytes(error.getOriginalValue());
                if (bad.value.length > ErrorRecords.MAX_ORIGINAL_VALUE_BYTES) {
                    assertThat(kept).as(bad.what).isEqualTo(Arrays.copyOf(bad.value, kept.length));
                    assertThat(error.getErrorDescription())
                            .as(bad.what)
                            .contains("original value of " + bad.value.length + " bytes");
                } else {
                    assertThat(kept).as(bad.what).isEqualTo(bad.value);
                }
            }
        } finally {
            InMemorySchemaRegistry.dropScope(scope);
        }
    }

    /** A bad record as sent. */
    private record Bad(String topic, byte[] value, String what) {}

    /** The records to produce, in order, the bad ones among them and their offsets (one partition per topic). */
    private record Mixed(List<InputRecord> records, List<Bad> bad, Map<Bad, Long> offsets) {}

    /**
     * The good records with, at random places: 300 values of random bytes, 100 truncated frames of good records,
     * 50 frames of unknown schema ids, 4 values of 3 MB, a plan claiming a map of two billion entries, and 2,000
     * tombstones.
     */
    private static Mixed mix(List<InputRecord> good, RegistryAvroSerdes serdes, Random random) throws Exception {
        List<String> activity = good.stream()
                .map(InputRecord::topic)
                .filter(topic -> !topic.equals("zoom.plans"))
                .distinct()
                .sorted()
                .toList();
        List<Bad> bad = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] value = new byte[random.nextInt(200)];
            random.nextBytes(value);
            if (value.length > 0 && value[0] == 0) {
                value[0] = 1; // not the magic byte: random bytes, not a frame
            }
            bad.add(new Bad(pick(activity, random), value, "random bytes " + i));
        }
        List<InputRecord> encodable =
                good.stream().filter(record -> record.value() != null).toList();
        for (int i = 0; i < 100; i++) {
            InputRecord record = encodable.get(random.nextInt(encodable.size()));
            byte[] whole = encode(serdes, record);
            bad.add(new Bad(
                    record.topic(), Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1)), "truncated " + i));
        }
        for (int i = 0; i < 50; i++) {
            byte[] value = new byte[5 + random.nextInt(100)];
            random.nextBytes(value);
            ByteBuffer.wrap(value).put((byte) 0).putInt(1_000_000 + i);
            bad.add(new Bad(pick(activity, random), value, "unknown schema id " + (1_000_000 + i)));
        }
        for (int i = 0; i < 4; i++) {
            byte[] value = new byte[LARGE_VALUE_BYTES];
            random.nextBytes(value);
            value[0] = 1;
            bad.add(new Bad(pick(activity, random), value, "3 MB of random bytes " + i));
        }
        bad.add(new Bad("zoom.plans", planClaimingAHugeMap(serdes), "a plan claiming a map of 2^31-1 entries"));
        List<InputRecord> records = new ArrayList<>(good);
        for (Bad b : bad) {
            records.add(
                    place(records, b.topic, random), InputRecord.garbage(b.topic, "bad-" + bad.indexOf(b), b.value));
        }
        for (int i = 0; i < 2_000; i++) {
            String topic = pick(activity, random);
            records.add(place(records, topic, random), InputRecord.tombstone(topic, "tombstone-" + i));
        }
        Map<Bad, Long> offsets = new HashMap<>();
        Map<String, Long> next = new HashMap<>();
        for (InputRecord record : records) {
            long offset = next.merge(record.topic(), 1L, Long::sum) - 1;
            if (record.isGarbage()) {
                for (Bad b : bad) {
                    if (b.topic.equals(record.topic()) && Arrays.equals(b.value, record.rawValue())) {
                        offsets.put(b, offset);
                    }
                }
            }
        }
        assertThat(offsets).hasSameSizeAs(bad);
        return new Mixed(records, bad, offsets);
    }

    /** A place for a record of {@code topic}: after the first catalog run (the plans the activity needs). */
    private static int place(List<InputRecord> records, String topic, Random random) {
        int firstActivity = 0;
        while (firstActivity < records.size()
                && records.get(firstActivity).topic().equals("zoom.plans")) {
            firstActivity++;
        }
        return firstActivity + random.nextInt(records.size() - firstActivity + 1);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] encode(RegistryAvroSerdes serdes, InputRecord record) {
        Class type = record.value().getClass();
        return serdes.forValues(type).serializer().serialize(record.topic(), record.value());
    }

    /**
     * A framed plan of a registered schema id whose first map says it has Integer.MAX_VALUE entries and then ends:
     * a decoder that believed the count would allocate gigabytes before finding out.
     */
    private static byte[] planClaimingAHugeMap(RegistryAvroSerdes serdes) throws Exception {
        Plan plan = Plan.newBuilder()
                .setEventId("p-huge")
                .setEventTime(Instant.parse("2026-03-01T00:00:00Z"))
                .setPlanType(io.zoommetering.avro.common.PlanType.PRO)
                .setMonthlyPrice(new java.math.BigDecimal("10.00"))
                .setCurrency("USD")
                .build();
        byte[] framed = serdes.forValues(Plan.class).serializer().serialize("zoom.plans", plan);
        // the three empty maps are the last three bytes (a block count of 0 each): claim a huge first map instead
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(framed, 0, framed.length - 3);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        encoder.writeMapStart();
        encoder.setItemCount(Integer.MAX_VALUE);
        encoder.flush();
        return out.toByteArray();
    }

    private static boolean ofAnUnknownSchemaId(EventRecord record) {
        byte[] value = record.rawValue();
        return value != null
                && value.length >= 5
                && value[0] == 0
                && ByteBuffer.wrap(value, 1, 4).getInt() >= 1_000_000;
    }

    private static String pick(List<String> topics, Random random) {
        return topics.get(random.nextInt(topics.size()));
    }

    private static long largestSeed() {
        long best = 1;
        int size = -1;
        for (long seed = 1; seed <= 8; seed++) {
            int n = RandomEventSets.generate(seed).size();
            if (n > size) {
                size = n;
                best = seed;
            }
        }
        return best;
    }

    private static Properties producerProperties() {
        Properties props = EventProducer.properties(cluster.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(INPUT_MAX_BYTES));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        return props;
    }

    private static List<String> withErrors(List<String> tables) {
        List<String> topics = new ArrayList<>(tables);
        topics.add("gold.audit.errors");
        return topics;
    }

    /** Committed records of a one-partition topic. */
    private static long committedRecords(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(200))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** The registry the processor sees: the test's, or, while {@link #down}, one that cannot be reached. */
    private static final class OutageRegistry implements SchemaRegistryClient {

        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger refusals = new AtomicInteger();
        private final SchemaRegistryClient registry;

        OutageRegistry(SchemaRegistryClient registry) {
            this.registry = registry;
        }

        @Override
        public int register(String subject, Schema schema) {
            return registry.register(subject, schema);
        }

        @Override
        public int getId(String subject, Schema schema) {
            return registry.getId(subject, schema);
        }

        @Override
        public Schema getById(int id) {
            if (down.get()) {
                refusals.incrementAndGet();
                throw new SchemaRegistryUnavailableException("connection refused (outage of the test)", 0, 0, null);
            }
            return registry.getById(id);
        }
    }
}
