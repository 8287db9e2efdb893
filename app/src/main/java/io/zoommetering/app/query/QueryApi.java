package io.zoommetering.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zoommetering.app.processor.MeteringApp;
import io.zoommetering.topology.aggregate.CombinerStores;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.registry.OutputRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API under {@code /api/v1/}: the current rows of the gold outputs, read from the processor's own state
 * stores (Kafka Streams interactive queries), never by reading topics.
 * <ul>
 *   <li>{@code GET /api/v1/outputs}: the outputs, and whether each is queryable;</li>
 *   <li>{@code GET /api/v1/outputs/{name}?<key field>=...&from=&to=&limit=&offset=}: rows sorted by key;</li>
 *   <li>{@code GET /api/v1/errors}: error records by stream and type, as counted since each instance started;</li>
 *   <li>{@code GET /api/v1/openapi.json}: the OpenAPI description of all of it.</li>
 * </ul>
 * The queryable outputs are the aggregates (the combiner's store), the per-account outputs whose ledgers keep
 * their rows and the forecast (its forecaster's store) ({@link RowSource}). With {@code application.server} set, a
 * request whose key fields decide one partition (an aggregate's every key field, a per-account output's
 * {@code user_id}, the forecast's {@code stream} and {@code plan_type}) goes to the instance owning it and a listing merges every instance's rows; without it this instance must own every partition. A partition that
 * is restoring or rebalancing makes the answer 503 with the reason, never a partial or stale answer.
 */
public final class QueryApi implements HttpHandler {

    public static final String PREFIX = "/api/v1/";
    static final String OUTPUTS = PREFIX + "outputs";
    static final String ERRORS = PREFIX + "errors";
    static final String OPENAPI = PREFIX + "openapi.json";
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 10_000;
    static final String REJECTED_METER = "zoom.metering.records.rejected";

    private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);

    private final MeteringApp app;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, GoldOutput> outputs = new LinkedHashMap<>();
    private final OutputRegistry registry;
    private final HostInfo self;
    private final Peers peers = new Peers(json);
    private final byte[] openApi;
    /** The partition count of each repartition topic a store reads, by topic name. */
    private final Map<String, Integer> partitions = new ConcurrentHashMap<>();

    /** @param meters where the intake's counters are ({@code zoom.metering.records.rejected}) */
    public QueryApi(MeteringApp app, MeterRegistry meters, Clock clock) {
        this.app = app;
        this.meters = meters;
        this.clock = clock;
        this.registry = OutputRegistry.selected(app.settings().metering().outputs());
        registry.outputs().forEach(output -> outputs.put(output.name(), output));
        String server = app.settings().streams().getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
        this.self = server == null || server.isBlank() ? null : HostInfo.buildFromEndpoint(server);
        try {
            this.openApi = json.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(OpenApiDocument.build(registry.outputs(), app.topics()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
            try {
                if (path.equals(OPENAPI)) {
                    send(exchange, 200, openApi);
                } else if (path.equals(OUTPUTS) || path.equals(OUTPUTS + "/")) {
                    send(exchange, 200, listing());
                } else if (path.startsWith(OUTPUTS + "/")) {
                    send(exchange, 200, rows(path, path.substring(OUTPUTS.length() + 1), params));
                } else if (path.equals(ERRORS)) {
                    send(exchange, 200, errors(params));
                } else {
                    send(exchange, 404, error("no such endpoint; see " + OPENAPI));
                }
            } catch (KeyFilter.BadRequest e) {
                send(exchange, 400, error(e.getMessage()));
            } catch (NotFound e) {
                send(exchange, 404, error(e.getMessage()));
            } catch (NotQueryable e) {
                send(exchange, 501, error(e.getMessage()));
            } catch (Unavailable | InvalidStateStoreException e) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                send(exchange, 503, error(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("The query API failed on {}", exchange.getRequestURI(), e);
                send(exchange, 500, error("internal error: " + e));
            }
        }
    }

    private ObjectNode listing() {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("outputs");
        for (GoldOutput output : outputs.values()) {
            ObjectNode entry = list.addObject();
            entry.put("name", output.name());
            entry.put("topic", app.topics().output(output.name()).name());
            ArrayNode keys = entry.putArray("key_fields");
            schemaOf(output.table().keyType()).getFields().forEach(field -> keys.add(field.name()));
            Optional<RowSource> source = RowSource.of(output);
            entry.put("queryable", source.isPresent());
            if (source.isEmpty()) {
                entry.put("reason", notQueryable(output));
            }
            source.flatMap(RowSource::note).ifPresent(note -> entry.put("note", note));
        }
        return body;
    }

    private ObjectNode rows(String path, String name, Map<String, String> params) {
        GoldOutput output = outputs.get(name);
        if (output == null) {
            throw new NotFound("no output is named " + name + "; the outputs: " + outputs.keySet());
        }
        RowSource source = RowSource.of(output).orElseThrow(() -> new NotQueryable(notQueryable(output)));
        Schema keySchema = schemaOf(output.table().keyType());
        KeyFilter filter =
                KeyFilter.parse(keySchema, params, app.settings().metering().reportingZone());
        int limit = number(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = number(params, "offset", 0, 0, Integer.MAX_VALUE);
        KafkaStreams streams = running();
        boolean local = "true".equals(params.get("local"));
        Optional<Object> routing = source.routingKey(filter);
        List<ObjectNode> rows = new ArrayList<>();
        Set<Integer> answered = new TreeSet<>();
        if (local) {
            Collection<Integer> own = routing.isPresent()
                    ? List.of(source.partition(routing.get(), partitionCount(source)))
                    : ownPartitions(streams, source);
            rows.addAll(source.rows(localStores(streams), filter, routing, own));
            answered.addAll(own);
        } else if (routing.isPresent()) {
            rows.addAll(routed(streams, path, params, source, filter, routing.get()));
        } else {
            for (HostInfo host : hosts(streams, source.store())) {
                if (self == null || host.equals(self)) {
                    Collection<Integer> own = ownPartitions(streams, source);
                    rows.addAll(source.rows(localStores(streams), filter, routing, own));
                    answered.addAll(own);
                } else {
                    JsonNode answer = peers.local(host, path, params);
                    answer.path("rows").forEach(row -> rows.add((ObjectNode) row));
                    answer.path("partitions").forEach(partition -> answered.add(partition.asInt()));
                }
            }
            Set<Integer> all = allPartitions(source);
            if (!answered.containsAll(all)) {
                Set<Integer> missing = new TreeSet<>(all);
                missing.removeAll(answered);
                throw new Unavailable("partitions " + missing + " of the store " + source.store()
                        + " have no running owner (the group is rebalancing)");
            }
        }
        rows.sort(Comparator.comparing((ObjectNode row) -> (ObjectNode) row.get("key"), new KeyOrder(keySchema)));
        ObjectNode body = json.createObjectNode();
        body.put("output", name);
        int from = local ? 0 : Math.min(offset, rows.size());
        int to = local ? rows.size() : Math.min(rows.size(), from + limit);
        body.putArray("rows").addAll(rows.subList(from, to));
        body.put("total", rows.size());
        body.put("offset", from);
        body.put("limit", local ? rows.size() : limit);
        if (to < rows.size()) {
            body.put("next_offset", to);
        } else {
            body.putNull("next_offset");
        }
        if (local) {
            ArrayNode list = body.putArray("partitions");
            answered.forEach(list::add);
        }
        return body;
    }

    /**
     * The rows of a request whose routing key (an aggregate's whole key, a per-account output's account, the
     * forecast's series) decides its one partition, from the instance owning that partition.
     */
    private List<ObjectNode> routed(
            KafkaStreams streams,
            String path,
            Map<String, String> params,
            RowSource source,
            KeyFilter filter,
            Object routing) {
        if (self == null) {
            return source.rows(
                    localStores(streams),
                    filter,
                    Optional.of(routing),
                    List.of(source.partition(routing, partitionCount(source))));
        }
        KeyQueryMetadata owner = source.owner(streams, routing);
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new Unavailable("the owner of " + routing + " is not known yet (the group is rebalancing)");
        }
        if (owner.activeHost().equals(self)) {
            return source.rows(localStores(streams), filter, Optional.of(routing), List.of(owner.partition()));
        }
        List<ObjectNode> rows = new ArrayList<>();
        peers.local(owner.activeHost(), path, params).path("rows").forEach(row -> rows.add((ObjectNode) row));
        return rows;
    }

    private ObjectNode errors(Map<String, String> params) {
        Map<List<String>, Long> counts = new TreeMap<>(
                Comparator.comparing((List<String> key) -> key.get(0)).thenComparing(key -> key.get(1)));
        for (Counter counter : meters.find(REJECTED_METER).counters()) {
            counts.merge(
                    List.of(counter.getId().getTag("stream"), counter.getId().getTag("error_type")),
                    (long) counter.count(),
                    Long::sum);
        }
        if (self != null && !"true".equals(params.get("local"))) {
            for (HostInfo host : hosts(running(), CombinerStores.COMBINED)) {
                if (!host.equals(self)) {
                    peers.local(host, ERRORS, params)
                            .path("rows")
                            .forEach(row -> counts.merge(
                                    List.of(
                                            row.path("key").path("stream").asText(),
                                            row.path("key").path("error_type").asText()),
                                    row.path("value").path("error_count").asLong(),
                                    Long::sum));
                }
            }
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode rows = body.putArray("rows");
        counts.forEach((key, count) -> {
            ObjectNode row = rows.addObject();
            row.putObject("key").put("stream", key.get(0)).put("error_type", key.get(1));
            row.putObject("value").put("error_count", count);
        });
        return body;
    }

    private KafkaStreams running() {
        KafkaStreams streams = app.streams();
        KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new Unavailable("Kafka Streams is " + state + ": the state stores are not all assigned and restored");
        }
        return streams;
    }

    private LocalStores localStores(KafkaStreams streams) {
        return new LocalStores(
                streams,
                registry.aggregates(),
                app.settings().metering(),
                LocalDate.ofInstant(clock.instant(), app.settings().metering().reportingZone()));
    }

    /** The instances hosting the store; this one alone without {@code application.server}. */
    private List<HostInfo> hosts(KafkaStreams streams, String store) {
        if (self == null) {
            return List.of(HostInfo.unavailable());
        }
        Collection<StreamsMetadata> metadata = streams.streamsMetadataForStore(store);
        return metadata.stream().map(StreamsMetadata::hostInfo).distinct().toList();
    }

    /** The partitions of the store that this instance owns as an active task. */
    private Collection<Integer> ownPartitions(KafkaStreams streams, RowSource source) {
        if (self == null) {
            return allPartitions(source);
        }
        String topic = topicOf(source);
        Set<Integer> own = new TreeSet<>();
        for (StreamsMetadata metadata : streams.streamsMetadataForStore(source.store())) {
            if (metadata.hostInfo().equals(self)) {
                metadata.topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(topic))
                        .map(TopicPartition::partition)
                        .forEach(own::add);
            }
        }
        return own;
    }

    private Set<Integer> allPartitions(RowSource source) {
        Set<Integer> all = new TreeSet<>();
        IntStream.range(0, partitionCount(source)).forEach(all::add);
        return all;
    }

    private String topicOf(RowSource source) {
        return app.settings().applicationId() + "-" + source.repartition() + "-repartition";
    }

    /** The partition count of a store's topic, looked up once: internal topics keep theirs while running. */
    private int partitionCount(RowSource source) {
        String topic = topicOf(source);
        Integer known = partitions.get(topic);
        if (known != null) {
            return known;
        }
        try (Admin admin = Admin.create(app.clientSettings())) {
            int count = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
            partitions.put(topic, count);
            return count;
        } catch (ExecutionException | TimeoutException e) {
            throw new Unavailable("cannot read the partitions of " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }

    private static String notQueryable(GoldOutput output) {
        return output.name() + " is an entity output (one row per entity, written by the account stage) whose"
                + " ledger keeps no store of its rows: they are on its topic, not in a queryable store";
    }

    private static Schema schemaOf(Class<?> type) {
        return SpecificData.get().getSchema(type);
    }

    private static int number(Map<String, String> params, String name, int fallback, int min, int max) {
        String text = params.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new KeyFilter.BadRequest(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new KeyFilter.BadRequest(name + " must be a number, not " + text);
        }
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (params.put(name, value) != null) {
                throw new KeyFilter.BadRequest("the parameter " + name + " is given twice");
            }
        }
        return params;
    }

    private ObjectNode error(String message) {
        return json.createObjectNode().put("error", message);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Keys in the order of their fields: numbers by value, text (ISO days and instants too) as text. */
    private record KeyOrder(Schema schema) implements Comparator<ObjectNode> {
        @Override
        public int compare(ObjectNode a, ObjectNode b) {
            for (Schema.Field field : schema.getFields()) {
                JsonNode x = a.path(field.name());
                JsonNode y = b.path(field.name());
                int order = x.isNumber() && y.isNumber()
                        ? Double.compare(x.asDouble(), y.asDouble())
                        : x.asText().compareTo(y.asText());
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private static final class NotQueryable extends RuntimeException {
        NotQueryable(String message) {
            super(message);
        }
    }
}
