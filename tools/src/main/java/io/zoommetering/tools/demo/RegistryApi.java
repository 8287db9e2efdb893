package io.zoommetering.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.serdes.registry.SchemaNotFoundException;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * Confluent's Schema Registry REST API over the demo's in-memory registry, so that any Confluent-compatible client
 * outside the demo's JVM (Java serdes, librdkafka-based clients, kcat) shares its schema ids with the processor:
 *
 * <ul>
 *   <li>{@code GET /subjects}, {@code GET /subjects/{subject}/versions},
 *       {@code GET /subjects/{subject}/versions/{version|latest}} and its {@code /schema};
 *   <li>{@code POST /subjects/{subject}/versions} registers (checked for BACKWARD compatibility with the latest
 *       version, Confluent's default; 409 when it is not), {@code POST /subjects/{subject}} looks a schema up;
 *   <li>{@code GET /schemas/ids/{id}} (and {@code /schema}), {@code GET /schemas/ids/{id}/versions};
 *   <li>{@code POST /compatibility/subjects/{subject}/versions/{version|latest}}: {@code {"is_compatible": ...}};
 *   <li>{@code GET /config}: {@code {"compatibilityLevel": "BACKWARD"}}; {@code GET /}: {@code {}}.
 * </ul>
 *
 * <p>Errors are Confluent's JSON, {@code {"error_code": 40401, "message": "..."}}: 40401 subject, 40402 version,
 * 40403 schema not found, 42201 invalid schema (Avro only), 42202 invalid version, 409 incompatible, 405 for methods
 * the demo does not offer (deletes, config changes). Only AVRO schemas: the gold and input topics are Avro.
 * Registrations go through {@code writer} (the demo's journal), reads come from {@code store}.
 */
public final class RegistryApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String COMPATIBILITY = "BACKWARD";

    private static final Pattern SUBJECTS = Pattern.compile("/subjects/?");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)/?");
    private static final Pattern VERSIONS = Pattern.compile("/subjects/([^/]+)/versions/?");
    private static final Pattern VERSION = Pattern.compile("/subjects/([^/]+)/versions/([^/]+)(/schema)?/?");
    private static final Pattern SCHEMA_BY_ID = Pattern.compile("/schemas/ids/(\\d+)(/schema|/versions)?/?");
    private static final Pattern COMPATIBILITY_CHECK =
            Pattern.compile("/compatibility/subjects/([^/]+)/versions/([^/]+)/?");
    private static final Pattern CONFIG = Pattern.compile("/config/?");

    private final InMemorySchemaRegistry store;
    private final SchemaRegistryClient writer;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "schema-registry-api");
        thread.setDaemon(true);
        return thread;
    });

    private RegistryApi(InMemorySchemaRegistry store, SchemaRegistryClient writer, HttpServer server) {
        this.store = store;
        this.writer = writer;
        this.server = server;
    }

    /**
     * Serves the API on {@code host:port} (0: any free port).
     *
     * @param writer registers into {@code store} (it may journal on the way)
     */
    public static RegistryApi start(InMemorySchemaRegistry store, SchemaRegistryClient writer, String host, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 50);
            RegistryApi api = new RegistryApi(store, writer, server);
            server.createContext("/", api::handle);
            server.setExecutor(api.executor);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot serve the Schema Registry API on " + host + ":" + port
                            + " (in use? choose another with --registry-port, 0 for any free port)",
                    e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** An error answer of the API. */
    private static final class ApiError extends RuntimeException {
        final int status;
        final int code;

        ApiError(int status, int code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                respond(
                        exchange,
                        200,
                        answer(
                                exchange.getRequestMethod(),
                                exchange.getRequestURI().getRawPath(),
                                exchange));
            } catch (ApiError e) {
                respond(exchange, e.status, error(e.code, e.getMessage()));
            } catch (SchemaNotFoundException e) {
                respond(exchange, 404, error(e.errorCode(), e.getMessage()));
            } catch (RuntimeException e) {
                respond(exchange, 500, error(50001, "Error in the backend data store: " + e));
            }
        }
    }

    private Object answer(String method, String path, HttpExchange exchange) throws IOException {
        Matcher matcher;
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");
        if (path.equals("/") && get) {
            return Map.of();
        }
        if (CONFIG.matcher(path).matches() && get) {
            return Map.of("compatibilityLevel", COMPATIBILITY);
        }
        if (SUBJECTS.matcher(path).matches() && get) {
            return store.subjects();
        }
        if ((matcher = VERSIONS.matcher(path)).matches()) {
            String subject = decode(matcher.group(1));
            if (get) {
                List<Integer> versions = new ArrayList<>();
                for (int i = 1; i <= store.versions(subject).size(); i++) {
                    versions.add(i);
                }
                return versions;
            }
            if (post) {
                Schema schema = schema(exchange);
                checkCompatible(subject, schema);
                return Map.of("id", writer.register(subject, schema));
            }
        }
        if ((matcher = VERSION.matcher(path)).matches() && get) {
            String subject = decode(matcher.group(1));
            List<Integer> versions = store.versions(subject);
            int version = version(matcher.group(2), versions);
            Schema schema = store.getById(versions.get(version - 1));
            return matcher.group(3) != null ? JSON.readTree(schema.toString()) : version(subject, version, versions);
        }
        if ((matcher = SUBJECT.matcher(path)).matches() && post) {
            String subject = decode(matcher.group(1));
            int id = store.getId(subject, schema(exchange));
            return version(subject, store.versions(subject).indexOf(id) + 1, store.versions(subject));
        }
        if ((matcher = SCHEMA_BY_ID.matcher(path)).matches() && get) {
            int id = Integer.parseInt(matcher.group(1));
            Schema schema = store.getById(id);
            if ("/schema".equals(matcher.group(2))) {
                return JSON.readTree(schema.toString());
            }
            if ("/versions".equals(matcher.group(2))) {
                List<Map<String, Object>> uses = new ArrayList<>();
                for (String subject : store.subjects()) {
                    int index = store.versions(subject).indexOf(id);
                    if (index >= 0) {
                        Map<String, Object> use = new LinkedHashMap<>();
                        use.put("subject", subject);
                        use.put("version", index + 1);
                        uses.add(use);
                    }
                }
                return uses;
            }
            return Map.of("schema", schema.toString());
        }
        if ((matcher = COMPATIBILITY_CHECK.matcher(path)).matches() && post) {
            String subject = decode(matcher.group(1));
            List<Integer> versions = store.versions(subject);
            int version = version(matcher.group(2), versions);
            Schema schema = schema(exchange);
            return Map.of("is_compatible", compatible(schema, store.getById(versions.get(version - 1))));
        }
        boolean known = path.equals("/")
                || CONFIG.matcher(path).matches()
                || SUBJECTS.matcher(path).matches()
                || SUBJECT.matcher(path).matches()
                || VERSIONS.matcher(path).matches()
                || VERSION.matcher(path).matches()
                || SCHEMA_BY_ID.matcher(path).matches()
                || COMPATIBILITY_CHECK.matcher(path).matches();
        if (known) {
            throw new ApiError(
                    405,
                    405,
                    "HTTP 405 Method Not Allowed (the demo's registry does not offer " + method + " " + path + ")");
        }
        throw new ApiError(404, 404, "HTTP 404 Not Found");
    }

    /** Registering under a subject that has versions: the new schema must read what the latest one wrote. */
    private void checkCompatible(String subject, Schema schema) {
        if (!store.subjects().contains(subject)) {
            return;
        }
        List<Integer> versions = store.versions(subject);
        Schema latest = store.getById(versions.get(versions.size() - 1));
        if (!latest.equals(schema) && !compatible(schema, latest)) {
            throw new ApiError(
                    409,
                    409,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\" (compatibility " + COMPATIBILITY + ")");
        }
    }

    private static boolean compatible(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                        .getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    private Map<String, Object> version(String subject, int version, List<Integer> versions) {
        int id = versions.get(version - 1);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subject", subject);
        answer.put("version", version);
        answer.put("id", id);
        answer.put("schema", store.getById(id).toString());
        return answer;
    }

    /** A version number, or latest; 42202 when it is neither, 40402 when the subject has no such version. */
    private static int version(String text, List<Integer> versions) {
        int version;
        if (text.equals("latest") || text.equals("-1")) {
            version = versions.size();
        } else {
            try {
                version = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new ApiError(
                        422,
                        42202,
                        "The specified version '" + text + "' is not a valid version id. Allowed values"
                                + " are between [1, 2^31-1] and the string \"latest\"");
            }
        }
        if (version < 1 || version > versions.size()) {
            throw new ApiError(404, 40402, "Version " + text + " not found.");
        }
        return version;
    }

    private static Schema schema(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            throw new ApiError(422, 42201, "Invalid schema: the request body is not JSON");
        }
        if (body == null || !body.path("schema").isTextual()) {
            throw new ApiError(422, 42201, "Invalid schema: the request has no \"schema\" string");
        }
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new ApiError(422, 42201, "Invalid schema: the demo's registry holds AVRO schemas, not " + type);
        }
        try {
            return new Schema.Parser()
                    .setValidateDefaults(false)
                    .parse(body.get("schema").asText());
        } catch (SchemaParseException e) {
            throw new ApiError(422, 42201, "Invalid schema: " + e.getMessage());
        }
    }

    private static Map<String, Object> error(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("message", message);
        return body;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
