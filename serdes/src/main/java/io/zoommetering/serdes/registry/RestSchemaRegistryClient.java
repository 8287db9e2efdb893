package io.zoommetering.serdes.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A {@link SchemaRegistryClient} speaking Confluent's REST API ({@code application/vnd.schemaregistry.v1+json}).
 *
 * <p>Answers are cached for the life of the client, in both directions: an id, once known, always names the same
 * schema, and a schema registered under a subject keeps its id. Timeouts, retries, authentication and TLS are those
 * of {@link SchemaRegistryClientConfig}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private final RegistryHttp http;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(Map<String, ?> configs) {
        this(new SchemaRegistryClientConfig(configs));
    }

    public RestSchemaRegistryClient(SchemaRegistryClientConfig config) {
        this.http = new RegistryHttp(config);
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer known = idsOf(subject).get(schema);
        if (known != null) {
            return known;
        }
        JsonNode answer = http.post("/subjects/" + encode(subject) + "/versions", Map.of("schema", schema.toString()));
        return remember(subject, schema, id(answer, "POST /subjects/" + subject + "/versions"));
    }

    @Override
    public int getId(String subject, Schema schema) {
        Integer known = idsOf(subject).get(schema);
        if (known != null) {
            return known;
        }
        JsonNode answer = http.post("/subjects/" + encode(subject), Map.of("schema", schema.toString()));
        return remember(subject, schema, id(answer, "POST /subjects/" + subject));
    }

    @Override
    public Schema getById(int id) {
        Schema known = schemasById.get(id);
        if (known != null) {
            return known;
        }
        String call = "GET /schemas/ids/" + id;
        JsonNode answer = http.get("/schemas/ids/" + id);
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(call + ": schema " + id + " is " + type + ", not AVRO", 200, 0, null);
        }
        if (!answer.path("schema").isTextual()) {
            throw new SchemaRegistryException(call + ": the answer has no \"schema\"", 200, 0, null);
        }
        Schema schema;
        try {
            // Defaults are not validated: a schema another producer registered must still be readable here.
            schema = new Schema.Parser()
                    .setValidateDefaults(false)
                    .parse(answer.get("schema").asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    call + ": schema " + id + " does not parse: " + e.getMessage(), 200, 0, e);
        }
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    private ConcurrentMap<Schema, Integer> idsOf(String subject) {
        return idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    }

    private int remember(String subject, Schema schema, int id) {
        idsOf(subject).put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    private static int id(JsonNode answer, String call) {
        if (!answer.path("id").canConvertToInt()) {
            throw new SchemaRegistryException(call + ": the answer has no integer \"id\": " + answer, 200, 0, null);
        }
        return answer.get("id").asInt();
    }

    /** A subject is one path segment: encode it as such (URLEncoder writes form encoding, '+' for a space). */
    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
