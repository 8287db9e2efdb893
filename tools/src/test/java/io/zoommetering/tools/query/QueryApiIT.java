package io.zoommetering.tools.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.processor.MeteringApp;
import io.zoommetering.app.query.AvroJson;
import io.zoommetering.tools.demo.ProcessingProgress;
import io.zoommetering.tools.demo.Replay;
import io.zoommetering.tools.demo.SequencedTimestamps;
import io.zoommetering.tools.events.EventProducer;
import io.zoommetering.tools.testing.Poll;
import io.zoommetering.tools.testing.ReferenceRun;
import io.zoommetering.tools.testing.RestRegistry;
import io.zoommetering.topology.reference.GoldReference;
import io.zoommetering.topology.topics.Topic;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
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
 * The query API of two instances of one application on a real KRaft broker, each advertising its HTTP endpoint as
 * {@code application.server}: both answer every output's full table (each merging the other's rows), equal to the
 * batch reference; a point query for a key the other instance owns is forwarded to it; pages, filters and errors
 * behave as described; the per-account outputs answer {@code ?user_id=} (the forecast {@code ?stream=&plan_type=})
 * from either instance with the records last written to their gold topics; 503 with a reason while the group
 * rebalances; every answer matches the OpenAPI description.
 */
@Tag("integration")
class QueryApiIT {

    private static final Duration PROCESSING = Duration.ofSeconds(120);
    /** The outputs keyed by account that are read from the account stage's ledger stores. */
    private static final List<String> PER_ACCOUNT =
            List.of("churn-risk", "account-usage", "plan-suggestions", "dim-user");

    private static KafkaClusterTestKit cluster;
    private static RestRegistry registry;

    private final ApiClient api = new ApiClient();

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
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldAnswerFromEitherInstanceWhatTheBatchReferenceComputes(@TempDir Path dir) throws Exception {
        // Given a random event set of the property test (the catalog, then the activity) and its batch reference
        ReferenceRun run = ReferenceRun.largestOf(
                LongStream.rangeClosed(1, 30), set -> parts(set).size() == 2);
        List<List<EventRecord>> parts = Replay.parts(run.records(), "zoom.plans");
        String applicationId = "query-api-" + UUID.randomUUID();
        AppSettings first = QueryProcessor.settings(
                cluster.bootstrapServers(),
                registry.url(),
                applicationId,
                dir.resolve("a"),
                QueryProcessor.freePort(),
                true);
        AppSettings second = QueryProcessor.settings(
                cluster.bootstrapServers(),
                registry.url(),
                applicationId,
                dir.resolve("b"),
                QueryProcessor.freePort(),
                true);
        try (MeteringApp topics = new MeteringApp(first, registry.client(), null)) {
            topics.prepare();
        }
        try (EventProducer producer = new EventProducer(
                        SequencedTimestamps.wrap(
                                new KafkaProducer<>(EventProducer.properties(cluster.bootstrapServers())),
                                Instant.now().toEpochMilli() - 100_000),
                        registry.client());
                ProcessingProgress progress = QueryProcessor.progress(first, registry.client())) {
            // and processed by a first instance, which stopped: a restarted instance has the whole catalog in its
            // global store before it processes anything
            try (QueryProcessor catalog = QueryProcessor.start(first, registry.client())) {
                producer.produce(parts.get(0));
                producer.flush();
                progress.awaitIdle(Duration.ofSeconds(1), PROCESSING, Duration.ofMillis(100));
            }

            // When two instances start
            try (QueryProcessor a = QueryProcessor.start(first, registry.client());
                    QueryProcessor b = QueryProcessor.start(second, registry.client())) {
                // Then while they rebalance they answer 503 with a reason, and 200 once both run
                AtomicReference<String> notReady = new AtomicReference<>();
                Poll.until(Duration.ofSeconds(90), () -> "both instances answer 200; last 503: " + notReady, () -> {
                    boolean ready = true;
                    for (QueryProcessor instance : List.of(a, b)) {
                        ApiClient.Answer answer = api.get(instance.base(), "/api/v1/outputs/active-users");
                        if (answer.status() == 503) {
                            notReady.compareAndSet(
                                    null, answer.body().get("error").asText());
                        }
                        ready &= answer.status() == 200 && instance.app().state() == KafkaStreams.State.RUNNING;
                    }
                    return ready;
                });
                assertThat(notReady.get())
                        .as("a 503 with its reason before both ran")
                        .isNotBlank();

                // and once the activity is processed
                producer.produce(parts.get(1));
                producer.flush();
                progress.awaitIdle(Duration.ofSeconds(2), PROCESSING, Duration.ofMillis(100));
                Poll.until(
                        Duration.ofSeconds(30),
                        "both instances running",
                        () -> a.app().isRunning() && b.app().isRunning());

                // every queryable output's rows are the same from either instance, and the batch reference's
                JsonNode listing = api.get(a.base(), "/api/v1/outputs").body().get("outputs");
                List<String> compared = new ArrayList<>();
                for (JsonNode output : listing) {
                    if (!output.get("queryable").asBoolean()
                            || !GoldReference.TABLES.contains(
                                    output.get("topic").asText())) {
                        continue;
                    }
                    String path = "/api/v1/outputs/" + output.get("name").asText();
                    JsonNode fromA = allPages(a.base(), path, 10_000);
                    assertThat(fromA).as(path + " from either instance").isEqualTo(allPages(b.base(), path, 10_000));
                    var expected = GoldJson.ofReference(
                            run.reference().table(output.get("topic").asText()));
                    if (output.has("note")) {
                        // gold.dim.user: the stores keep each user's current version
                        expected.values().removeIf(value -> !"true".equals(value.get("is_current")));
                    }
                    assertThat(GoldJson.ofApi(fromA)).as(path).isEqualTo(expected);
                    compared.add(output.get("name").asText());
                }
                assertThat(compared)
                        .contains("active-users", "mrr", "usage-by-product", "event-totals")
                        .containsAll(PER_ACCOUNT);

                // and each per-account output's rows, listed and asked by user_id of either instance (the one not
                // owning the account forwards), are the very records last written to its gold topic
                for (String name : PER_ACCOUNT) {
                    String output = "/api/v1/outputs/" + name;
                    Map<JsonNode, JsonNode> onTopic = goldTable(a.app(), name);
                    if (name.equals("dim-user")) {
                        onTopic.values()
                                .removeIf(value -> !value.get("is_current").asBoolean());
                    }
                    if (!name.equals("plan-suggestions")) {
                        assertThat(onTopic).as("rows on the topic of %s", name).isNotEmpty();
                    }
                    assertThat(table(allPages(b.base(), output, 7))).as(output).isEqualTo(onTopic);
                    Set<String> ownedByA = accounts(api.rows(a.base(), output + "?local=true"));
                    Set<String> ownedByB = accounts(api.rows(b.base(), output + "?local=true"));
                    Set<String> onBoth = new HashSet<>(ownedByA);
                    onBoth.retainAll(ownedByB);
                    assertThat(onBoth)
                            .as("accounts of %s on both instances", name)
                            .isEmpty();
                    if (!onTopic.isEmpty()) {
                        assertThat(ownedByA)
                                .as("accounts of %s on instance a", name)
                                .isNotEmpty();
                        assertThat(ownedByB)
                                .as("accounts of %s on instance b", name)
                                .isNotEmpty();
                    }
                    Map<String, Map<JsonNode, JsonNode>> byAccount = new TreeMap<>();
                    onTopic.forEach((key, value) -> byAccount
                            .computeIfAbsent(key.get("user_id").asText(), account -> new HashMap<>())
                            .put(key, value));
                    for (var account : byAccount.entrySet()) {
                        String asked =
                                output + "?user_id=" + URLEncoder.encode(account.getKey(), StandardCharsets.UTF_8);
                        for (QueryProcessor instance : List.of(a, b)) {
                            assertThat(table(api.rows(instance.base(), asked)))
                                    .as("%s of %s", asked, instance.base())
                                    .isEqualTo(account.getValue());
                        }
                    }
                    assertThat(api.rows(a.base(), output + "?user_id=no-such-account"))
                            .isEmpty();
                }

                // and the forecast's rows, listed and asked by series (stream and plan_type) of either instance, are
                // the records last written to gold.forecast from each series' newest closed hour
                Map<JsonNode, JsonNode> forecasts = goldTable(a.app(), "forecast");
                Map<List<String>, String> newest = new HashMap<>();
                forecasts.forEach((key, value) -> newest.merge(
                        series(key), value.get("origin_hour").asText(), (x, y) -> x.compareTo(y) >= 0 ? x : y));
                forecasts
                        .entrySet()
                        .removeIf(entry -> !entry.getValue()
                                .get("origin_hour")
                                .asText()
                                .equals(newest.get(series(entry.getKey()))));
                assertThat(forecasts).as("forecasts on the topic").isNotEmpty();
                assertThat(table(allPages(b.base(), "/api/v1/outputs/forecast", 7)))
                        .as("/api/v1/outputs/forecast")
                        .isEqualTo(forecasts);
                for (List<String> series : newest.keySet()) {
                    Map<JsonNode, JsonNode> ofSeries = new HashMap<>(forecasts);
                    ofSeries.keySet().removeIf(key -> !series(key).equals(series));
                    String asked = "/api/v1/outputs/forecast?stream="
                            + URLEncoder.encode(series.get(0), StandardCharsets.UTF_8) + "&plan_type="
                            + URLEncoder.encode(series.get(1), StandardCharsets.UTF_8);
                    for (QueryProcessor instance : List.of(a, b)) {
                        assertThat(table(api.rows(instance.base(), asked)))
                                .as("%s of %s", asked, instance.base())
                                .isEqualTo(ofSeries);
                    }
                }

                // and each instance holds some of the rows: a point query asked of the other is forwarded
                String path = "/api/v1/outputs/active-users";
                JsonNode localA = api.get(a.base(), path + "?local=true").body();
                JsonNode localB = api.get(b.base(), path + "?local=true").body();
                assertThat(partitions(localA))
                        .as("each instance owns a partition")
                        .isNotEmpty();
                assertThat(partitions(localB)).isNotEmpty().doesNotContainAnyElementsOf(partitions(localA));
                for (var pair : List.of(List.of(localA, b), List.of(localB, a))) {
                    JsonNode owned = (JsonNode) pair.get(0);
                    QueryProcessor other = (QueryProcessor) pair.get(1);
                    assertThat(owned.get("rows")).isNotEmpty();
                    for (JsonNode row : owned.get("rows")) {
                        JsonNode answer = api.rows(other.base(), path + "?" + query(row.get("key")));
                        assertThat(answer)
                                .as("key %s asked of the other instance", row.get("key"))
                                .hasSize(1);
                        assertThat(answer.get(0)).isEqualTo(row);
                    }
                }

                // and pages of 3 rows, concatenated, are the whole table
                JsonNode whole = allPages(a.base(), path, 10_000);
                assertThat(allPages(a.base(), path, 3)).isEqualTo(whole);

                // and a filter by key fields and days keeps the keys of those days
                Set<String> days = new HashSet<>();
                whole.forEach(
                        row -> days.add(row.get("key").get("activity_date").asText()));
                String day = days.stream().sorted().toList().get(days.size() / 2);
                JsonNode filtered = api.rows(b.base(), path + "?period_type=DAILY&from=" + day + "&to=" + day);
                List<JsonNode> expected = new ArrayList<>();
                whole.forEach(row -> {
                    if (row.get("key").get("period_type").asText().equals("DAILY")
                            && row.get("key").get("activity_date").asText().equals(day)) {
                        expected.add(row);
                    }
                });
                assertThat(filtered).containsExactlyElementsOf(expected).hasSize(1);

                // and the error records of the activity by type are the reference's, counted once over both
                // instances (the catalog's were counted by the first instance, which stopped)
                Map<String, Long> errors = new TreeMap<>();
                api.rows(a.base(), "/api/v1/errors")
                        .forEach(row -> errors.merge(
                                row.get("key").get("error_type").asText(),
                                row.get("value").get("error_count").asLong(),
                                Long::sum));
                assertThat(errors)
                        .isEqualTo(new TreeMap<>(run.reference().errors().stream()
                                .filter(error -> !error.topic().equals("zoom.plans"))
                                .collect(Collectors.groupingBy(
                                        error -> String.valueOf(error.errorType()), Collectors.counting()))));

                // and what cannot be answered says why
                assertThat(api.get(a.base(), path + "?no_such_field=1").status())
                        .isEqualTo(400);
                assertThat(api.get(a.base(), path + "?period_type=YEARLY").status())
                        .isEqualTo(400);
                assertThat(api.get(a.base(), "/api/v1/outputs/no-such-output").status())
                        .isEqualTo(404);
                assertThat(api.get(a.base(), "/api/v1/outputs/dim-meeting").status())
                        .isEqualTo(501);
            }
        }
    }

    /**
     * The latest record per key of an output's gold topic (read_committed, tombstones deleting), as the API writes
     * records, without update_date, which the API gives as the day of the answer.
     */
    private static Map<JsonNode, JsonNode> goldTable(MeteringApp app, String output) {
        Topic<? extends SpecificRecord, ? extends SpecificRecord> topic =
                app.topics().output(output);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<JsonNode, JsonNode> table = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(topic.name(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Set<TopicPartition> done = new HashSet<>();
            while (done.size() < partitions.size()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode key = AvroJson.of(topic.keySerde().deserializer().deserialize(topic.name(), record.key()));
                    if (record.value() == null) {
                        table.remove(key);
                    } else {
                        table.put(
                                key,
                                withoutUpdateDate(AvroJson.of(
                                        topic.valueSerde().deserializer().deserialize(topic.name(), record.value()))));
                    }
                }
                partitions.stream()
                        .filter(partition -> consumer.position(partition) >= ends.get(partition))
                        .forEach(done::add);
            }
        }
        return table;
    }

    /** The API's rows by key, without update_date. */
    private static Map<JsonNode, JsonNode> table(JsonNode rows) {
        Map<JsonNode, JsonNode> table = new HashMap<>();
        rows.forEach(row -> assertThat(table.put(row.get("key"), withoutUpdateDate(row.get("value"))))
                .as("one row of %s", row.get("key"))
                .isNull());
        return table;
    }

    private static JsonNode withoutUpdateDate(JsonNode value) {
        ObjectNode copy = (ObjectNode) value.deepCopy();
        copy.remove("update_date");
        return copy;
    }

    private static List<String> series(JsonNode forecastKey) {
        return List.of(
                forecastKey.get("stream").asText(), forecastKey.get("plan_type").asText());
    }

    private static Set<String> accounts(JsonNode rows) {
        Set<String> accounts = new HashSet<>();
        rows.forEach(row -> accounts.add(row.get("key").get("user_id").asText()));
        return accounts;
    }

    private JsonNode allPages(String base, String path, int limit) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode page = api.get(base, path + "?limit=" + limit + "&offset=" + offset)
                    .body();
            page.get("rows").forEach(rows::add);
            if (page.get("next_offset").isNull()) {
                return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(rows);
            }
            offset = page.get("next_offset").asInt();
        }
    }

    private static Set<Integer> partitions(JsonNode local) {
        Set<Integer> partitions = new HashSet<>();
        local.get("partitions").forEach(partition -> partitions.add(partition.asInt()));
        return partitions;
    }

    private static String query(JsonNode key) {
        Map<String, String> params = new HashMap<>();
        key.fields()
                .forEachRemaining(
                        field -> params.put(field.getKey(), field.getValue().asText()));
        return params.entrySet().stream()
                .map(param -> param.getKey() + "=" + URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static List<List<EventRecord>> parts(List<io.zoommetering.topology.reference.InputRecord> set) {
        return Replay.parts(
                set.stream()
                        .map(record -> new EventRecord(record.topic(), record.key(), record.value(), record.rawValue()))
                        .toList(),
                "zoom.plans");
    }
}
