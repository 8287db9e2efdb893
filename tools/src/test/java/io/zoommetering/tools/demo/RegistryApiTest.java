package io.zoommetering.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.serdes.registry.RestSchemaRegistryClient;
import io.zoommetering.serdes.registry.SchemaNotFoundException;
import io.zoommetering.serdes.registry.SchemaRegistryClientConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's Schema Registry REST API, spoken to by the project's own REST client (what the processor and its
 * serdes use against a Confluent registry) and by plain HTTP as any other client would.
 */
class RegistryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USERS = "zoom.users-value";

    private final HttpClient http = HttpClient.newHttpClient();
    private InMemorySchemaRegistry store;
    private RegistryApi api;
    private RestSchemaRegistryClient client;

    @BeforeEach
    void start(@TempDir Path dir) {
        store = new InMemorySchemaRegistry();
        api = RegistryApi.start(store, JournaledRegistry.open(store, dir.resolve("schemas.journal")), "127.0.0.1", 0);
        client = new RestSchemaRegistryClient(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, url("")));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theProjectsRestClientRegistersLooksUpAndReadsBackIds() {
        int id = client.register(USERS, User.getClassSchema());
        assertThat(client.register(USERS, User.getClassSchema()))
                .as("registered again: same id")
                .isEqualTo(id);
        assertThat(client.register("zoom.meetings-value", Meeting.getClassSchema()))
                .isNotEqualTo(id);
        assertThat(client.getId(USERS, User.getClassSchema())).isEqualTo(id);
        assertThat(client.getById(id)).isEqualTo(User.getClassSchema());
        // what the demo's processor sees, in its own JVM, is the same registry
        assertThat(store.getById(id)).isEqualTo(User.getClassSchema());
        assertThatThrownBy(() -> client.getById(999))
                .isInstanceOf(SchemaNotFoundException.class)
                .satisfies(e ->
                        assertThat(((SchemaNotFoundException) e).errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> client.getId("nobody-value", User.getClassSchema()))
                .isInstanceOf(SchemaNotFoundException.class)
                .satisfies(e ->
                        assertThat(((SchemaNotFoundException) e).errorCode()).isEqualTo(40401));
    }

    @Test
    void subjectsVersionsAndSchemasByIdReadAsConfluentsDo() throws Exception {
        int users = store.register(USERS, User.getClassSchema());
        int meetings = store.register("zoom.meetings-value", Meeting.getClassSchema());

        assertThat(get("/subjects").body()).isEqualTo("[\"zoom.users-value\",\"zoom.meetings-value\"]");
        assertThat(get("/subjects/zoom.users-value/versions").body()).isEqualTo("[1]");
        JsonNode latest = json(get("/subjects/zoom.meetings-value/versions/latest"));
        assertThat(latest.get("subject").asText()).isEqualTo("zoom.meetings-value");
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("id").asInt()).isEqualTo(meetings);
        assertThat(new Schema.Parser().parse(latest.get("schema").asText())).isEqualTo(Meeting.getClassSchema());
        assertThat(new Schema.Parser()
                        .parse(get("/subjects/zoom.users-value/versions/1/schema")
                                .body()))
                .isEqualTo(User.getClassSchema());
        assertThat(new Schema.Parser()
                        .parse(json(get("/schemas/ids/" + users)).get("schema").asText()))
                .isEqualTo(User.getClassSchema());
        assertThat(json(get("/schemas/ids/" + users + "/versions")).toString())
                .isEqualTo("[{\"subject\":\"zoom.users-value\",\"version\":1}]");
        assertThat(json(get("/config")).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(get("/").body()).isEqualTo("{}");
        assertThat(get("/subjects").headers().firstValue("Content-Type"))
                .contains("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void compatibilityIsCheckedAgainstAVersionAndOnRegistration() throws Exception {
        Schema v1 = record(SchemaBuilder.record("Thing").fields().requiredString("id"));
        Schema withDefault = record(SchemaBuilder.record("Thing")
                .fields()
                .requiredString("id")
                .name("size")
                .type()
                .intType()
                .intDefault(0));
        Schema withRequired = record(
                SchemaBuilder.record("Thing").fields().requiredString("id").requiredInt("size"));
        client.register("things-value", v1);

        assertThat(json(post("/compatibility/subjects/things-value/versions/latest", withDefault))
                        .get("is_compatible")
                        .asBoolean())
                .isTrue();
        assertThat(json(post("/compatibility/subjects/things-value/versions/1", withRequired))
                        .get("is_compatible")
                        .asBoolean())
                .isFalse();
        // a new field without a default cannot read the old records: refused, as Confluent's BACKWARD does
        HttpResponse<String> refused = post("/subjects/things-value/versions", withRequired);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("error_code").asInt()).isEqualTo(409);
        assertThat(client.register("things-value", withDefault)).isPositive();
        assertThat(get("/subjects/things-value/versions").body()).isEqualTo("[1,2]");
    }

    @Test
    void errorsAreConfluentsJson() throws Exception {
        assertError(get("/subjects/nobody-value/versions"), 404, 40401);
        client.register(USERS, User.getClassSchema());
        assertError(get("/subjects/zoom.users-value/versions/7"), 404, 40402);
        assertError(get("/subjects/zoom.users-value/versions/first"), 422, 42202);
        assertError(get("/schemas/ids/42"), 404, 40403);
        assertError(send("POST", "/subjects/x-value/versions", "{\"schema\": \"{not avro\"}"), 422, 42201);
        assertError(
                send(
                        "POST",
                        "/subjects/x-value/versions",
                        "{\"schema\": \"syntax = \\\"proto3\\\";\", \"schemaType\":" + " \"PROTOBUF\"}"),
                422,
                42201);
        assertError(send("DELETE", "/subjects/zoom.users-value", null), 405, 405);
        assertError(get("/nothing/here"), 404, 404);
    }

    private static Schema record(org.apache.avro.SchemaBuilder.FieldAssembler<Schema> fields) {
        return fields.endRecord();
    }

    private void assertError(HttpResponse<String> response, int status, int code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("error_code").asInt()).as(response.body()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + api.port() + path;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    private HttpResponse<String> post(String path, Schema schema) throws Exception {
        return send("POST", path, JSON.writeValueAsString(Map.of("schema", schema.toString())));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
