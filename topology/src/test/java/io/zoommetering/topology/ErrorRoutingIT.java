package io.zoommetering.topology;

import static io.zoommetering.topology.Events.attendance;
import static io.zoommetering.topology.Events.billing;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.license;
import static io.zoommetering.topology.Events.oneOff;
import static io.zoommetering.topology.Events.serviceStatus;
import static io.zoommetering.topology.Events.started;
import static io.zoommetering.topology.Events.ticket;
import static io.zoommetering.topology.Events.user;
import static io.zoommetering.topology.Events.webinar;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.avro.audit.ProcessAudit;
import io.zoommetering.avro.audit.ProcessAuditKey;
import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.OverageAlert;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.internal.AccountEnvelope;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.internal.FeatureActivity;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.errors.DeadLetters;
import io.zoommetering.topology.errors.ProcessingErrorHandler;
import io.zoommetering.topology.output.eventtotals.EventTotalsOutput;
import io.zoommetering.topology.output.overagealerts.OverageAlertsOutput;
import io.zoommetering.topology.reference.GoldReference;
import io.zoommetering.topology.reference.InputRecord;
import io.zoommetering.topology.reference.ReferenceSettings;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import io.zoommetering.topology.topics.Topic;
import io.zoommetering.topology.topics.TopicSetting;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, error topics and the process audit, on a real broker: the gold topology under Kafka Streams with
 * exactly_once_v2, fed by a real producer with good records mixed with every kind of bad one. Nothing stops the
 * application, every good record counts (the gold tables equal the batch reference), every bad record is on
 * gold.audit.errors and zoom-metering.dead-letters with its original bytes, and the process audit balances.
 */
@Tag("integration")
class ErrorRoutingIT {

    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final Set<String> LINEAGE = Set.of("load_date", "update_date", "source_system");
    private static final String TRACE_HEADER = "trace-id";
    private static final Pattern ACCEPTED = Pattern.compile("accepted=(\\d+)");

    private static KafkaItCluster kafka;

    @TempDir
    Path stateDir;

    private final String scope = "error-routing-it-" + UUID.randomUUID();
    private final String applicationId = "error-routing-it-" + UUID.randomUUID();
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
    private KafkaStreams streams;
    private KafkaProducer<byte[], byte[]> producer;
    private ItOutputReader reader;

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
        if (reader != null) {
            reader.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(20));
        }
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    @Timeout(value = 80, unit = TimeUnit.SECONDS)
    void shouldRouteEveryBadRecordToTheErrorTopicsCountEveryGoodOneAndBalanceTheAudit() throws Exception {
        // Given the gold topology on a real broker (default topic names, one partition per input topic so that
        // the order of each stream is the batch reference's), two account partitions, under exactly_once_v2
        Instant now = Instant.now();
        TopicCatalog topics = startApp(Map.of(MeteringConfig.ACCOUNT_PARTITIONS, 2));
        assertThat(topics.meetings.name()).isEqualTo("zoom.meetings");
        Batch catalogAndProfiles = new Batch(topics);
        Batch activity = catalogAndProfiles.continued();
        Instant base = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(4));
        plansAndUsers(catalogAndProfiles, base);
        activityWithBadRecords(activity, base, now);

        List<InputRecord> all = new ArrayList<>(catalogAndProfiles.reference);
        all.addAll(activity.reference);
        GoldReference expected = GoldReference.compute(all, ReferenceSettings.defaults(now));
        List<Bad> bad = new ArrayList<>(catalogAndProfiles.bad);
        bad.addAll(activity.bad);
        // (the reference agrees with how the records were meant: exactly the crafted bad records are errors)
        assertThat(expected.errors().stream().map(e -> e.topic() + "@" + e.offset() + ":" + e.errorType()))
                .as("the batch reference's errors")
                .containsExactlyInAnyOrderElementsOf(bad.stream()
                        .map(b -> b.topic + "@" + b.offset + ":" + b.type)
                        .toList());

        // When the plan catalog and the user profiles are sent, with a bad one of each and a duplicate, and have
        // been processed (the catalog is a global table and profiles answer "the plan as of" later records:
        // the reference processes them first, so the topology must have them before the activity arrives)
        reader = new ItOutputReader(kafka.bootstrapServers(), outputTopics(topics));
        send(catalogAndProfiles);
        awaitCatalog(List.of("PRO", "BUSINESS", "ENTERPRISE"));
        Map<SpecificRecord, Map<String, Object>> profileTotals = eventTotalsOf(
                expected.table(EventTotalsOutput.INSTANCE.topic().defaultName()), Set.of("users", "plans"));
        assertThat(reader.pollUntilEqual(
                        deadline(),
                        () -> eventTotalsOf(
                                withoutLineage(reader.table(topics.output(EventTotalsOutput.INSTANCE))),
                                Set.of("users", "plans")),
                        profileTotals))
                .as("event totals of users and plans before the activity")
                .isEqualTo(profileTotals);
        // and then the activity of several streams, mixed with garbage bytes, a bad magic byte, an unknown schema
        // id, truncated Avro, contract violations, a late record, a tombstone and duplicates
        send(activity);

        // Then every gold table read back (read_committed, latest value per key) equals the batch reference
        Instant deadline = deadline();
        for (Topic<? extends SpecificRecord, ? extends SpecificRecord> output : topics.goldOutputs()) {
            if (GoldReference.TABLES.contains(output.name())) {
                Map<SpecificRecord, Map<String, Object>> table = expected.table(output.name());
                if (GoldReference.FILLED_BY_DAYS.contains(output.name())) {
                    assertThat(table).as("reference %s", output.name()).isNotEmpty();
                }
                assertThat(reader.pollUntilEqual(deadline, () -> withoutLineage(reader.table(output)), table))
                        .as(output.name())
                        .isEqualTo(table);
            }
        }
        // and an alert was raised, once, for every product whose overage reached its threshold
        assertThat(expected.overageAlertCrossings()).isNotEmpty();
        reader.pollUntil(deadline, () -> alertKeys(topics).containsAll(expected.overageAlertCrossings()));
        List<ProductMeterKey> alerts = alertKeys(topics);
        assertThat(alerts)
                .as("overage alerts")
                .containsAll(expected.overageAlertCrossings())
                .doesNotHaveDuplicates();

        // and every bad record is on gold.audit.errors, once, with its type, where it was read and its bytes
        reader.pollUntil(deadline, () -> reader.raw(topics.auditErrors.name()).size() >= bad.size());
        List<Map.Entry<ErrorAuditKey, ErrorAudit>> errors = reader.log(topics.auditErrors);
        assertThat(errors.stream().map(Map.Entry::getKey).toList())
                .as("error keys")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(bad.stream()
                        .map(b -> new ErrorAuditKey(b.topic, 0, b.offset))
                        .toList());
        Map<ErrorAuditKey, ErrorAudit> errorsByKey =
                errors.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (Bad b : bad) {
            ErrorAudit error = errorsByKey.get(new ErrorAuditKey(b.topic, 0, b.offset));
            String what = b.topic + "@" + b.offset + " (" + b.what + ")";
            assertThat(error.getErrorType()).as(what).isEqualTo(b.type);
            assertThat(error.getSourceTable()).as(what).isEqualTo(b.topic);
            assertThat(error.getSourcePartition()).as(what).isEqualTo(0);
            assertThat(error.getSourceOffset()).as(what).isEqualTo(b.offset);
            assertThat(error.getErrorDescription()).as(what).isNotBlank().contains(b.reason);
            assertThat(bytes(error.getOriginalValue()))
                    .as(what + " value bytes")
                    .isEqualTo(b.sent.value);
            assertThat(bytes(error.getOriginalKey())).as(what + " key bytes").isEqualTo(utf8(b.sent.key));
            assertThat(error.getOriginalHeaders().stream()
                            .map(h -> h.getKey() + "=" + text(h.getValue()))
                            .toList())
                    .as(what + " headers")
                    .isEqualTo(b.sent.headers.stream()
                            .map(h -> h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8))
                            .toList());
        }

        // and on zoom-metering.dead-letters, once, exactly as read, with the zm.* headers
        reader.pollUntil(deadline, () -> reader.raw(topics.deadLetters.name()).size() >= bad.size());
        List<ConsumerRecord<byte[], byte[]>> letters = reader.raw(topics.deadLetters.name());
        assertThat(letters.stream()
                        .map(l -> header(l, DeadLetters.SOURCE_TOPIC) + "@" + header(l, DeadLetters.SOURCE_OFFSET))
                        .toList())
                .as("dead letters")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        bad.stream().map(b -> b.topic + "@" + b.offset).toList());
        for (Bad b : bad) {
            String what = b.topic + "@" + b.offset + " (" + b.what + ")";
            ConsumerRecord<byte[], byte[]> letter = letters.stream()
                    .filter(l -> b.topic.equals(header(l, DeadLetters.SOURCE_TOPIC))
                            && String.valueOf(b.offset).equals(header(l, DeadLetters.SOURCE_OFFSET)))
                    .findFirst()
                    .orElseThrow();
            assertThat(letter.value()).as(what + " value bytes").isEqualTo(b.sent.value);
            assertThat(letter.key()).as(what + " key bytes").isEqualTo(utf8(b.sent.key));
            assertThat(header(letter, DeadLetters.ERROR_TYPE)).as(what).isEqualTo(b.type.name());
            assertThat(header(letter, DeadLetters.SOURCE_PARTITION)).as(what).isEqualTo("0");
            assertThat(header(letter, DeadLetters.ERROR_DESCRIPTION)).as(what).contains(b.reason);
            for (Header original : b.sent.headers) {
                assertThat(letter.headers().lastHeader(original.key()))
                        .as(what + " " + original.key())
                        .isNotNull()
                        .extracting(Header::value)
                        .isEqualTo(original.value());
            }
        }

        // and the process audit balances, per input stream: Σ record_count of intake:<stream>#<p> = records sent
        // = accepted + duplicates + errors (the audit closes wall-clock intervals, so wait for the sums)
        Map<String, Long> sent = new TreeMap<>();
        all.forEach(record -> sent.merge(streamOf(record.topic()), 1L, Long::sum));
        assertThat(reader.pollUntilEqual(deadline, () -> auditSums(topics, 0), sent))
                .as("Σ record_count of the intake audit, per stream")
                .isEqualTo(sent);
        Map<String, Long> duplicates = auditSums(topics, 1);
        Map<String, Long> errorCounts = auditSums(topics, 2);
        Map<String, Long> accepted = auditSums(topics, 3);
        assertThat(duplicates.values().stream().mapToLong(Long::longValue).sum())
                .as("duplicates sent")
                .isEqualTo(5);
        expected.balances().forEach((topic, balance) -> {
            if (balance.read() == 0) {
                return;
            }
            String stream = streamOf(topic);
            long errorsExpected = balance.errors().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(balance.read()).as(stream).isEqualTo(balance.accepted() + balance.duplicates() + errorsExpected);
            assertThat(duplicates.getOrDefault(stream, 0L))
                    .as("%s duplicate_count", stream)
                    .isEqualTo(balance.duplicates());
            assertThat(errorCounts.getOrDefault(stream, 0L))
                    .as("%s error_count", stream)
                    .isEqualTo(errorsExpected);
            assertThat(accepted.getOrDefault(stream, 0L))
                    .as("%s accepted (audit_details)", stream)
                    .isEqualTo(balance.accepted());
            assertThat(sent.get(stream))
                    .as("%s read = accepted + duplicates + errors", stream)
                    .isEqualTo(balance.accepted()
                            + duplicates.getOrDefault(stream, 0L)
                            + errorCounts.getOrDefault(stream, 0L));
        });
        assertThat(errorCounts.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(bad.size());

        // and the application kept running through it all
        assertStillRunning();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldTurnAFailureAfterIntakeIntoAProcessingErrorInTheTransactionAndKeepRunning() throws Exception {
        // Given the gold topology under exactly_once_v2 with the ProcessingErrorHandler, every topic renamed (the
        // handler reads zm.topic.* from the Streams configuration)
        Map<String, Object> renamed = new HashMap<>();
        for (TopicSetting topic : MeteringConfig.topics()) {
            renamed.put(MeteringConfig.TOPIC_PREFIX + topic.configName(), "p." + topic.defaultName());
        }
        TopicCatalog topics = startApp(renamed);
        assertThat(topics.auditErrors.name()).isEqualTo("p.gold.audit.errors");
        reader = new ItOutputReader(kafka.bootstrapServers(), outputTopics(topics));
        Instant at = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
        User profile = user("u-1", PlanType.PRO, at);
        Batch first = new Batch(topics);
        first.good(topics.users, "u-1", profile);
        send(first);
        assertThat(reader.pollUntil(deadline(), () -> eventCount(topics, "users") == 1))
                .isTrue();

        // When a record reaches the account ledgers that makes them fail (a feature usage without user_id, which
        // intake would have rejected: it stands for a bug no rule foresaw; the ledgers throw a
        // NullPointerException before changing any state), then a good record follows it on the same partition.
        // (Not a ClassCastException: Kafka Streams takes one for a serde mistake and bypasses the handler.)
        String byAccount = applicationId + "-by-account-repartition";
        FeatureActivity userless = new FeatureActivity(null, at, "CHAT", 30L, "e-userless", 1, null);
        byte[] poison = RegistryAvroSerdes.of(InMemorySchemaRegistry.forScope(scope))
                .forValues(AccountEnvelope.class)
                .serializer()
                .serialize(byAccount, new AccountEnvelope("feature-usage", EnvelopeKind.CURRENT, userless));
        RecordMetadata poisoned = producer.send(new ProducerRecord<>(byAccount, 0, null, utf8("u-1"), poison))
                .get();
        Batch second = new Batch(topics);
        second.good(topics.featureUsage, "u-1", feature("u-1", "CHAT", 30, at.plusSeconds(60)));
        send(second);

        // Then it is a PROCESSING error on the error topic, with where it was read and the bytes read
        Instant deadline = deadline();
        assertThat(reader.pollUntil(
                        deadline,
                        () -> eventCount(topics, "feature-usage") == 1
                                && !reader.raw(topics.auditErrors.name()).isEmpty()
                                && !reader.raw(topics.deadLetters.name()).isEmpty()))
                .as("the error and the next record")
                .isTrue();
        List<Map.Entry<ErrorAuditKey, ErrorAudit>> errors = reader.log(topics.auditErrors);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getKey()).isEqualTo(new ErrorAuditKey(byAccount, 0, poisoned.offset()));
        ErrorAudit error = errors.get(0).getValue();
        assertThat(error.getErrorType()).isEqualTo(ErrorType.PROCESSING);
        assertThat(error.getSourceTable()).isEqualTo(byAccount);
        assertThat(error.getSourceOffset()).isEqualTo(poisoned.offset());
        assertThat(error.getErrorDescription()).contains("account-ledgers").contains("NullPointerException");
        assertThat(bytes(error.getOriginalValue())).isEqualTo(poison);
        assertThat(bytes(error.getOriginalKey())).isEqualTo(utf8("u-1"));
        // and a dead letter with the same bytes and the zm.* headers
        List<ConsumerRecord<byte[], byte[]>> letters = reader.raw(topics.deadLetters.name());
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).value()).isEqualTo(poison);
        assertThat(header(letters.get(0), DeadLetters.ERROR_TYPE)).isEqualTo("PROCESSING");
        assertThat(header(letters.get(0), DeadLetters.SOURCE_TOPIC)).isEqualTo(byAccount);
        assertThat(header(letters.get(0), DeadLetters.SOURCE_OFFSET)).isEqualTo(String.valueOf(poisoned.offset()));
        // and both were written in a transaction (exactly_once_v2): each partition holding one also holds a
        // commit marker after it, so its end offset is past the records a read_committed consumer sees
        for (String topic : List.of(topics.auditErrors.name(), topics.deadLetters.name())) {
            Map<Integer, Long> visible = reader.raw(topic).stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::partition, Collectors.counting()));
            Map<TopicPartition, Long> ends = reader.endOffsets(topic);
            visible.forEach((partition, count) -> assertThat(ends.get(new TopicPartition(topic, partition)))
                    .as("end offset of %s-%d", topic, partition)
                    .isGreaterThan(count));
        }
        // and the application went on: the record after the failure counted, and it is still running
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertStillRunning();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The records

    /** The plan catalog and the user profiles, with a bad record and a duplicate on each stream. */
    private static void plansAndUsers(Batch batch, Instant base) {
        TopicCatalog t = batch.topics;
        Instant catalogTime = base.minus(Duration.ofDays(1));
        Plan pro = Events.plan(
                PlanType.PRO,
                Map.of("meeting_minutes", 100L, "recording_minutes", 10L),
                Map.of("meeting_minutes", new BigDecimal("0.10"), "recording_minutes", new BigDecimal("0.05")),
                Map.of("meeting_minutes", 50L, "recording_minutes", 5L),
                catalogTime);
        batch.good(t.plans, "PRO", pro);
        batch.good(
                t.plans,
                "BUSINESS",
                Events.plan(PlanType.BUSINESS, "webinar_registrants", 50, "0.20", 10, catalogTime.plusSeconds(60)));
        batch.good(
                t.plans,
                "ENTERPRISE",
                Events.plan(PlanType.ENTERPRISE, "meeting_minutes", 1000, "0.05", 100, catalogTime.plusSeconds(120)));
        batch.bad(
                t.plans,
                "EDUCATION",
                Plan.newBuilder(Events.plan(
                                PlanType.EDUCATION, "meeting_minutes", 10, "0.01", 1, catalogTime.plusSeconds(180)))
                        .setCurrency("EUR")
                        .build(),
                ErrorType.VALIDATION,
                "currency EUR has no configured rate",
                "a plan in a currency without a rate");
        batch.good(t.plans, "PRO", pro); // a retried catalog record: a duplicate

        User first = user("u-1", PlanType.PRO, catalogTime);
        batch.good(t.users, "u-1", first);
        batch.good(t.users, "u-2", user("u-2", PlanType.BASIC, catalogTime));
        batch.good(t.users, "u-3", user("u-3", PlanType.BUSINESS, catalogTime));
        byte[] badMagic = batch.serialize(t.users, user("u-9", PlanType.PRO, catalogTime));
        badMagic[0] = 1;
        batch.raw(t.users, "u-9", badMagic, List.of(), ErrorType.DESERIALIZATION, "", "a bad magic byte");
        batch.good(t.users, "u-3", user("u-3", PlanType.ENTERPRISE, base.plus(Duration.ofDays(1)))); // an upgrade
        batch.good(t.users, "u-1", first); // a retry: a duplicate
    }

    /** Several streams of activity, mixed with every kind of bad record and with duplicates. */
    private static void activityWithBadRecords(Batch batch, Instant base, Instant now) {
        TopicCatalog t = batch.topics;
        Instant m1 = base.plus(Duration.ofHours(2));
        Instant m2 = base.plus(Duration.ofHours(26));
        Instant m4 = base.plus(Duration.ofHours(30));
        Instant m3 = base.plus(Duration.ofHours(50));
        batch.good(t.meetings, "m-1", started("m-1", "u-1", m1));
        Meeting m1Ended = ended("m-1", "u-1", m1, 150);
        batch.good(t.meetings, "m-1", m1Ended);
        batch.good(t.meetings, "m-2", started("m-2", "u-2", m2));
        batch.good(t.meetings, "m-2", ended("m-2", "u-2", m2, 45));
        batch.good(t.meetings, "m-2", ended("m-2", "u-2", m2, 60, m2.plus(Duration.ofHours(2)))); // a correction
        batch.good(t.meetings, "m-4", ended("m-4", "u-4", m4, 30)); // a host without a profile: UNKNOWN
        batch.good(t.meetings, "m-3", ended("m-3", "u-3", m3, 200)); // after u-3's upgrade: ENTERPRISE
        batch.good(t.meetings, "m-4", started("m-4", "u-4", m4)); // an older state, arriving later
        batch.good(t.meetings, "m-1", m1Ended); // a retry: a duplicate
        batch.bad(
                t.meetings,
                "m-5",
                Meeting.newBuilder(ended("m-5", "u-1", m3, 20))
                        .setDurationMinutes(null)
                        .build(),
                ErrorType.VALIDATION,
                "ENDED meeting without duration_minutes",
                "an ENDED meeting without duration");
        batch.tombstone(t.meetings, "m-6");
        batch.raw(
                t.meetings,
                "m-7",
                new byte[] {0x7f, 0x01, 0x02, 0x03, (byte) 0xff},
                List.of(new RecordHeader(TRACE_HEADER, utf8("t-42"))),
                ErrorType.DESERIALIZATION,
                "",
                "garbage bytes with a header");
        byte[] unknownId = batch.serialize(t.meetings, started("m-8", "u-1", m3));
        ByteBuffer.wrap(unknownId).putInt(1, 9999);
        batch.raw(t.meetings, "m-8", unknownId, List.of(), ErrorType.DESERIALIZATION, "", "unknown schema id 9999");

        batch.good(t.attendance, "m-1", attendance("m-1", "u-2", m1.plus(Duration.ofMinutes(10))));
        batch.good(t.attendance, "m-2", attendance("m-2", "u-3", m2.plus(Duration.ofMinutes(5))));

        FeatureUsage chat = feature("u-1", "CHAT", 30, base.plus(Duration.ofHours(3)));
        batch.good(t.featureUsage, "u-1", chat);
        batch.good(t.featureUsage, "u-3", feature("u-3", "RECORDING", 7200, base.plus(Duration.ofHours(20))));
        batch.good(t.featureUsage, "u-2", feature("u-2", "RECORDING", 1800, base.plus(Duration.ofHours(27))));
        batch.good(t.featureUsage, "u-1", feature("u-1", "RECORDING", 1200, base.plus(Duration.ofHours(72))));
        byte[] whole =
                batch.serialize(t.featureUsage, feature("u-2", "WHITEBOARD", 60, base.plus(Duration.ofHours(70))));
        batch.raw(
                t.featureUsage,
                "u-2",
                Arrays.copyOf(whole, whole.length / 2),
                List.of(),
                ErrorType.DESERIALIZATION,
                "",
                "truncated Avro");
        batch.bad(
                t.featureUsage,
                "u-2",
                feature("u-2", "CHAT", 10, base.plus(Duration.ofHours(40))),
                ErrorType.LATE_EVENT,
                "grace period",
                "32 hours behind stream time");
        batch.good(t.featureUsage, "u-1", chat); // a retry, late by now: still a duplicate, not a late record

        batch.good(t.webinars, "w-1", webinar("w-1", "u-3", base.plus(Duration.ofHours(22)), 80));
        batch.good(t.webinars, "w-2", webinar("w-2", "u-1", base.plus(Duration.ofHours(30)), 20));

        LocalDate serviceStart = LocalDate.ofInstant(base, ZoneOffset.UTC);
        batch.good(
                t.billingEvents,
                "u-1",
                billing(
                        "u-1",
                        BillingEventType.SUBSCRIPTION_FEE,
                        PlanType.PRO,
                        "120.00",
                        base.plus(Duration.ofHours(1)),
                        serviceStart,
                        serviceStart.plusMonths(3).minusDays(1)));
        BillingEvent addOn = oneOff(
                "u-2", BillingEventType.ADD_ON_PURCHASE, PlanType.BASIC, "15.50", base.plus(Duration.ofHours(5)));
        batch.good(t.billingEvents, "u-2", addOn);
        batch.good(
                t.billingEvents,
                "u-3",
                billing(
                        "u-3",
                        BillingEventType.UPGRADE,
                        PlanType.ENTERPRISE,
                        "300.00",
                        base.plus(Duration.ofHours(24)),
                        serviceStart.plusDays(1),
                        serviceStart.plusDays(1).plusMonths(1).minusDays(1)));
        batch.good(
                t.billingEvents,
                "u-1",
                oneOff("u-1", BillingEventType.REFUND, PlanType.PRO, "10.00", base.plus(Duration.ofHours(30))));
        batch.good(t.billingEvents, "u-2", addOn); // a retry: a duplicate
        batch.bad(
                t.billingEvents,
                "u-2",
                oneOff(
                        "u-2",
                        BillingEventType.ADD_ON_PURCHASE,
                        PlanType.BASIC,
                        "-5.00",
                        base.plus(Duration.ofHours(31))),
                ErrorType.VALIDATION,
                "amount is negative",
                "a negative amount");
        batch.bad(
                t.billingEvents,
                "u-1",
                BillingEvent.newBuilder(oneOff(
                                "u-1",
                                BillingEventType.ADD_ON_PURCHASE,
                                PlanType.PRO,
                                "9.99",
                                base.plus(Duration.ofHours(32))))
                        .setCurrency("EUR")
                        .build(),
                ErrorType.VALIDATION,
                "currency EUR has no configured rate",
                "an unknown currency");

        batch.good(t.supportTickets, "t-1", ticket("t-1", "u-1", base.plus(Duration.ofHours(4))));
        batch.good(t.licenses, "l-1", license("l-1", "u-1", base.plus(Duration.ofHours(1))));
        batch.good(t.serviceStatus, "api", serviceStatus("api", ComponentStatus.UP, base.plus(Duration.ofHours(1))));
        batch.good(
                t.serviceStatus, "api", serviceStatus("api", ComponentStatus.DEGRADED, base.plus(Duration.ofHours(6))));
        batch.bad(
                t.serviceStatus,
                "api",
                serviceStatus("api", ComponentStatus.DOWN, now.plus(Duration.ofDays(3))),
                ErrorType.VALIDATION,
                "clock skew",
                "an event time three days in the future");
    }

    /** One record as produced: key, value bytes (null for a tombstone), headers, and its offset (one partition). */
    private record Sent(String topic, String key, byte[] value, List<Header> headers, long offset) {}

    /** A record that must end up on the error topics. */
    private record Bad(String topic, long offset, ErrorType type, String reason, String what, Sent sent) {}

    /** Records to produce, in order, with the same records for the batch reference. */
    private static final class Batch {
        private final TopicCatalog topics;
        private final Map<String, Long> nextOffsets;
        private final List<Sent> records = new ArrayList<>();
        private final List<InputRecord> reference = new ArrayList<>();
        private final List<Bad> bad = new ArrayList<>();

        Batch(TopicCatalog topics) {
            this(topics, new HashMap<>());
        }

        private Batch(TopicCatalog topics, Map<String, Long> nextOffsets) {
            this.topics = topics;
            this.nextOffsets = nextOffsets;
        }

        /** A batch sent after this one: offsets go on. */
        Batch continued() {
            return new Batch(topics, nextOffsets);
        }

        <V extends SpecificRecord> byte[] serialize(Topic<String, V> topic, V value) {
            return topic.valueSerde().serializer().serialize(topic.name(), value);
        }

        <V extends SpecificRecord> void good(Topic<String, V> topic, String key, V value) {
            add(topic, key, serialize(topic, value), List.of(), InputRecord.of(topic.name(), key, value));
        }

        <V extends SpecificRecord> void bad(
                Topic<String, V> topic, String key, V value, ErrorType type, String reason, String what) {
            Sent sent = add(topic, key, serialize(topic, value), List.of(), InputRecord.of(topic.name(), key, value));
            bad.add(new Bad(topic.name(), sent.offset, type, reason, what, sent));
        }

        void raw(
                Topic<String, ?> topic,
                String key,
                byte[] bytes,
                List<Header> headers,
                ErrorType type,
                String reason,
                String what) {
            Sent sent = add(topic, key, bytes, headers, InputRecord.garbage(topic.name(), key, bytes));
            bad.add(new Bad(topic.name(), sent.offset, type, reason, what, sent));
        }

        void tombstone(Topic<String, ?> topic, String key) {
            Sent sent = add(topic, key, null, List.of(), InputRecord.tombstone(topic.name(), key));
            bad.add(new Bad(topic.name(), sent.offset, ErrorType.VALIDATION, "tombstone", "a tombstone", sent));
        }

        private Sent add(Topic<String, ?> topic, String key, byte[] value, List<Header> headers, InputRecord record) {
            long offset = nextOffsets.merge(topic.name(), 1L, Long::sum) - 1;
            Sent sent = new Sent(topic.name(), key, value, headers, offset);
            records.add(sent);
            reference.add(record);
            return sent;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The application and the broker

    private TopicCatalog startApp(Map<String, Object> settings) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingErrorHandler.class.getName());
        props.put("schema.registry.url", "mock://" + scope);
        props.put(MeteringConfig.EMIT_INTERVAL_MS, "200");
        props.put(MeteringConfig.AUDIT_INTERVAL_MS, "1000");
        props.putAll(settings);
        MeteringConfig config = new MeteringConfig(props);
        RegistryAvroSerdes serdes = RegistryAvroSerdes.of(InMemorySchemaRegistry.forScope(scope));
        TopicCatalog topics = new TopicCatalog(config, serdes);
        createTopics(topics);

        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        streams = new KafkaStreams(GoldTopology.build(config, serdes, props), props);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((next, previous) -> {
            states.add(next);
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
        return topics;
    }

    /** Inputs with one partition (the reference's order), outputs with two, the catalog compacted. */
    private static void createTopics(TopicCatalog topics) throws Exception {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        topics.inputs().forEach(input -> partitions.put(input.name(), 1));
        topics.goldOutputs().forEach(output -> partitions.put(output.name(), 2));
        partitions.put(topics.deadLetters.name(), 2);
        partitions.put(topics.planCatalog.name(), 1);
        kafka.createTopics(partitions, List.of(topics.planCatalog.name()));
    }

    private static List<String> outputTopics(TopicCatalog topics) {
        List<String> names = new ArrayList<>();
        topics.goldOutputs().forEach(output -> names.add(output.name()));
        names.add(topics.deadLetters.name());
        return names;
    }

    private void send(Batch batch) throws Exception {
        for (Sent sent : batch.records) {
            RecordMetadata metadata = producer.send(
                            new ProducerRecord<>(sent.topic, 0, null, utf8(sent.key), sent.value, sent.headers))
                    .get();
            assertThat(metadata.offset())
                    .as("offset of %s %s", sent.topic, sent.key)
                    .isEqualTo(sent.offset);
        }
    }

    /** Waits until the global plan catalog holds the given products. */
    private void awaitCatalog(List<String> products) {
        Instant deadline = deadline();
        List<String> missing = products;
        while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
            reader.poll(); // also paces the loop
            try {
                ReadOnlyKeyValueStore<String, Plan> catalog = streams.store(StoreQueryParameters.fromNameAndType(
                        GoldTopology.PLAN_CATALOG_STORE, QueryableStoreTypes.<String, Plan>keyValueStore()));
                missing = products.stream()
                        .filter(product -> catalog.get(product) == null)
                        .toList();
            } catch (InvalidStateStoreException e) {
                // not queryable yet: poll again
            }
        }
        assertThat(missing).as("products missing from the global plan catalog").isEmpty();
    }

    private void assertStillRunning() {
        assertThat(uncaught).as("uncaught exceptions").isEmpty();
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(states)
                .as("state transitions")
                .doesNotContain(
                        KafkaStreams.State.ERROR,
                        KafkaStreams.State.PENDING_ERROR,
                        KafkaStreams.State.PENDING_SHUTDOWN);
    }

    private static Instant deadline() {
        return Instant.now().plus(DEADLINE);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reading the outputs

    private long eventCount(TopicCatalog topics, String stream) {
        return reader.table(topics.output(EventTotalsOutput.INSTANCE)).entrySet().stream()
                .filter(e -> e.getKey().getStream().equals(stream) && e.getKey().getPeriod() == PeriodType.DAILY)
                .mapToLong(e -> e.getValue().getEventCount())
                .sum();
    }

    private List<ProductMeterKey> alertKeys(TopicCatalog topics) {
        List<Map.Entry<ProductMeterKey, OverageAlert>> alerts = reader.log(topics.output(OverageAlertsOutput.INSTANCE));
        return alerts.stream().map(Map.Entry::getKey).toList();
    }

    /**
     * Per input stream, a sum over the intake audit records (intake:&lt;stream&gt;#&lt;partition&gt;): 0 =
     * record_count, 1 = duplicate_count, 2 = error_count, 3 = accepted (from audit_details).
     */
    private Map<String, Long> auditSums(TopicCatalog topics, int figure) {
        Map<String, Long> sums = new TreeMap<>();
        for (Map.Entry<ProcessAuditKey, ProcessAudit> entry : reader.log(topics.auditProcess)) {
            ProcessAudit audit = entry.getValue();
            String process = audit.getProcessName();
            if (!process.startsWith("intake:")) {
                continue;
            }
            String stream = process.substring("intake:".length(), process.indexOf('#'));
            long value = switch (figure) {
                case 0 -> audit.getRecordCount();
                case 1 -> audit.getDuplicateCount();
                case 2 -> audit.getErrorCount();
                default -> accepted(audit.getAuditDetails());
            };
            sums.merge(stream, value, Long::sum);
        }
        return sums;
    }

    private static long accepted(String details) {
        Matcher matcher = ACCEPTED.matcher(details);
        assertThat(matcher.find())
                .as("accepted= in audit_details '%s'", details)
                .isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static Map<SpecificRecord, Map<String, Object>> eventTotalsOf(
            Map<SpecificRecord, Map<String, Object>> table, Set<String> streams) {
        Map<SpecificRecord, Map<String, Object>> rows = new HashMap<>();
        table.forEach((key, value) -> {
            if (streams.contains(((EventTotalsKey) key).getStream())) {
                rows.put(key, value);
            }
        });
        return rows;
    }

    private static Map<SpecificRecord, Map<String, Object>> withoutLineage(Map<?, ?> table) {
        Map<SpecificRecord, Map<String, Object>> rows = new HashMap<>();
        table.forEach((key, value) -> {
            SpecificRecord record = (SpecificRecord) value;
            Map<String, Object> fields = new HashMap<>();
            for (Schema.Field field : record.getSchema().getFields()) {
                if (!LINEAGE.contains(field.name())) {
                    fields.put(field.name(), record.get(field.pos()));
                }
            }
            rows.put((SpecificRecord) key, fields);
        });
        return rows;
    }

    private static String streamOf(String inputTopic) {
        return inputTopic.substring("zoom.".length());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = bytes(buffer);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
