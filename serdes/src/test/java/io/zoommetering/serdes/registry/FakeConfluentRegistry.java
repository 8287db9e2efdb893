package io.zoommetering.serdes.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A Schema Registry on 127.0.0.1 that answers the three calls of Confluent's REST API as its documentation shows
 * them, errors included ({@code {"error_code":40403,"message":"Schema 7 not found"}}), and can be told to fail or
 * to stall. Schemas are identified by their text, which is what a client sends.
 */
public final class FakeConfluentRegistry implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String authorization, String contentType, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCHEMA_BY_ID = Pattern.compile("/schemas/ids/(-?\\d+)");
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Integer> scriptedFailures = new ConcurrentLinkedQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private volatile boolean stalled;

    private FakeConfluentRegistry(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeConfluentRegistry http() {
        try {
            return new FakeConfluentRegistry(HttpServer.create(loopback(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over TLS, with the certificate of {@code tls/registry-server.p12} (trusted by {@code tls/registry-trust.p12}). */
    public static FakeConfluentRegistry https() {
        try (InputStream in = FakeConfluentRegistry.class.getResourceAsStream("/tls/registry-server.p12")) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, "changeit".toCharArray());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, "changeit".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(loopback(), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            return new FakeConfluentRegistry(server);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Holds a schema under an id, as if another producer had registered it. */
    public void holds(int id, String schema) {
        schemasById.put(id, schema);
    }

    /** The next requests get these errors, one each, before the registry answers normally again. */
    public void failNext(int... statuses) {
        for (int status : statuses) {
            scriptedFailures.add(status);
        }
    }

    /** From now on no request is answered until {@link #close()}. */
    public void stall() {
        stalled = true;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(
                    method,
                    path,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body));
            if (stalled) {
                released.await(30, TimeUnit.SECONDS);
                return;
            }
            Integer failure = scriptedFailures.poll();
            if (failure != null) {
                respondError(exchange, failure);
                return;
            }
            route(exchange, method, path, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange exchange, String method, String path, String body) throws IOException {
        Matcher byId = SCHEMA_BY_ID.matcher(path);
        Matcher register = REGISTER.matcher(path);
        Matcher lookup = LOOKUP.matcher(path);
        if (method.equals("GET") && byId.matches()) {
            String schema = schemasById.get(Integer.parseInt(byId.group(1)));
            if (schema == null) {
                respond(
                        exchange,
                        404,
                        Map.of("error_code", 40403, "message", "Schema " + byId.group(1) + " not found"));
            } else {
                respond(exchange, 200, Map.of("schema", schema));
            }
        } else if (method.equals("POST") && register.matches()) {
            String schema = JSON.readTree(body).get("schema").asText();
            int id = schemasById.entrySet().stream()
                    .filter(e -> e.getValue().equals(schema))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseGet(nextId::getAndIncrement);
            schemasById.put(id, schema);
            idsBySubject
                    .computeIfAbsent(register.group(1), s -> new ConcurrentHashMap<>())
                    .put(schema, id);
            respond(exchange, 200, Map.of("id", id));
        } else if (method.equals("POST") && lookup.matches()) {
            String subject = lookup.group(1);
            String schema = JSON.readTree(body).get("schema").asText();
            Map<String, Integer> ids = idsBySubject.get(subject);
            if (ids == null) {
                respond(exchange, 404, Map.of("error_code", 40401, "message", "Subject '" + subject + "' not found."));
            } else if (!ids.containsKey(schema)) {
                respond(exchange, 404, Map.of("error_code", 40403, "message", "Schema not found"));
            } else {
                respond(
                        exchange,
                        200,
                        Map.of("subject", subject, "version", 1, "id", ids.get(schema), "schema", schema));
            }
        } else {
            respond(exchange, 404, Map.of("error_code", 404, "message", "HTTP 404 Not Found"));
        }
    }

    private static void respondError(HttpExchange exchange, int status) throws IOException {
        Map<Integer, JsonNode> documented = Map.of(
                401, JSON.valueToTree(Map.of("error_code", 401, "message", "Unauthorized")),
                409,
                        JSON.valueToTree(Map.of(
                                "error_code",
                                409,
                                "message",
                                "Schema being registered is incompatible with an earlier schema")),
                500, JSON.valueToTree(Map.of("error_code", 50001, "message", "Error in the backend data store")),
                503,
                        JSON.valueToTree(Map.of(
                                "error_code", 50003, "message", "Error while forwarding the request to the leader")));
        respond(exchange, status, documented.getOrDefault(status, JSON.valueToTree(Map.of("error_code", status))));
    }

    private static void respond(HttpExchange exchange, int status, Object json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
}
