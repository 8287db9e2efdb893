package io.zoommetering.tools.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.serdes.registry.SchemaNotFoundException;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * The three calls of Confluent's Schema Registry REST API over an in-memory registry, on 127.0.0.1, so that a
 * processor in a child process and the test share schema ids.
 */
public final class RestRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Pattern SCHEMA_BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    private RestRegistry(HttpServer server) {
        this.server = server;
    }

    public static RestRegistry start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        RestRegistry rest = new RestRegistry(server);
        server.createContext("/", rest::handle);
        server.setExecutor(rest.executor);
        server.start();
        return rest;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The registry behind the API, for serdes in the test's own process. */
    public SchemaRegistryClient client() {
        return registry;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            try {
                Matcher byId = SCHEMA_BY_ID.matcher(path);
                Matcher register = REGISTER.matcher(path);
                Matcher lookup = LOOKUP.matcher(path);
                if (exchange.getRequestMethod().equals("GET") && byId.matches()) {
                    Schema schema = registry.getById(Integer.parseInt(byId.group(1)));
                    respond(exchange, 200, Map.of("schema", schema.toString()));
                } else if (exchange.getRequestMethod().equals("POST") && register.matches()) {
                    int id = registry.register(subject(register), schema(exchange));
                    respond(exchange, 200, Map.of("id", id));
                } else if (exchange.getRequestMethod().equals("POST") && lookup.matches()) {
                    Schema schema = schema(exchange);
                    int id = registry.getId(subject(lookup), schema);
                    respond(
                            exchange,
                            200,
                            Map.of("subject", subject(lookup), "id", id, "version", 1, "schema", schema.toString()));
                } else {
                    respond(exchange, 404, Map.of("error_code", 404, "message", "HTTP 404 Not Found"));
                }
            } catch (SchemaNotFoundException e) {
                respond(exchange, 404, Map.of("error_code", e.errorCode(), "message", e.getMessage()));
            } catch (RuntimeException e) {
                respond(exchange, 500, Map.of("error_code", 50001, "message", String.valueOf(e)));
            }
        }
    }

    private static String subject(Matcher matcher) {
        return URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }

    private static Schema schema(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        return new Schema.Parser()
                .setValidateDefaults(false)
                .parse(body.get("schema").asText());
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
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
