package io.zoommetering.tools.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of the query API that checks every answer against the OpenAPI description the same server serves: the
 * 200 body against its path's response schema, any other against the Error schema.
 */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Schema> schemas = new HashMap<>();
    private JsonNode openApi;

    record Answer(int status, JsonNode body) {}

    /** GET {@code path} (with its query) from {@code base}, its body validated against the OpenAPI description. */
    Answer get(String base, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        List<Error> errors = schemaOf(base, path, response.statusCode()).validate(body);
        assertThat(errors)
                .as(
                        "%s answered %d, checked against the OpenAPI description: %s",
                        pathAndQuery, response.statusCode(), response.body())
                .isEmpty();
        return new Answer(response.statusCode(), body);
    }

    /** The rows of a 200 answer. */
    JsonNode rows(String base, String pathAndQuery) throws IOException, InterruptedException {
        Answer answer = get(base, pathAndQuery);
        assertThat(answer.status()).as("%s: %s", pathAndQuery, answer.body()).isEqualTo(200);
        return answer.body().get("rows");
    }

    private Schema schemaOf(String base, String path, int status) throws IOException, InterruptedException {
        if (openApi == null) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.json"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            openApi = JSON.readTree(response.body());
            assertThat(openApi.path("openapi").asText()).isEqualTo("3.1.0");
        }
        String key = path + " " + status;
        if (!schemas.containsKey(key)) {
            JsonNode paths = openApi.path("paths");
            // A name without a path of its own (an entity output, no output) is described by the template.
            String described =
                    !paths.has(path) && path.startsWith("/api/v1/outputs/") ? "/api/v1/outputs/{name}" : path;
            JsonNode operation = paths.path(described).path("get");
            assertThat(operation.isMissingNode())
                    .as("the OpenAPI description has the path %s", path)
                    .isFalse();
            JsonNode response = operation.path("responses").path(Integer.toString(status));
            assertThat(response.isMissingNode())
                    .as("the OpenAPI description has the answer %d of %s", status, path)
                    .isFalse();
            // The response's schema, with the document's components beside it so that its $refs resolve.
            ObjectNode schema = ((ObjectNode)
                            response.path("content").path("application/json").path("schema"))
                    .deepCopy();
            schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            schema.set("components", openApi.get("components"));
            schemas.put(
                    key,
                    SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                            .getSchema(JSON.writeValueAsString(schema)));
        }
        return schemas.get(key);
    }
}
