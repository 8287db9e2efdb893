package io.zoommetering.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operational endpoints, on the JDK's HTTP server:
 * <ul>
 *   <li>{@code GET /metrics}: every meter in the Prometheus text format;</li>
 *   <li>{@code GET /health/live}: 200 while the process runs (a liveness probe);</li>
 *   <li>{@code GET /health/ready}: 200 while the processor is RUNNING, 503 otherwise (a readiness probe), with the
 *       current state in the body.</li>
 * </ul>
 * and the handlers given for further paths (the query API and the dashboard).
 */
public final class HttpEndpoints implements AutoCloseable {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoints(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param port   0 for any free port
     * @param ready  whether the processor is ready to serve (RUNNING)
     * @param status a word for the body of the health answers (the Streams state)
     */
    public static HttpEndpoints start(
            String host, int port, AppMetrics metrics, BooleanSupplier ready, Supplier<String> status)
            throws IOException {
        return start(host, port, metrics, ready, status, Map.of());
    }

    /** @param handlers further handlers by path prefix; one for {@code /} replaces the 404 answer */
    public static HttpEndpoints start(
            String host,
            int port,
            AppMetrics metrics,
            BooleanSupplier ready,
            Supplier<String> status,
            Map<String, HttpHandler> handlers)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()));
        server.createContext("/health/live", exchange -> respond(exchange, 200, PLAIN_TEXT, "LIVE\n"));
        server.createContext("/health/ready", exchange -> {
            boolean isReady = ready.getAsBoolean();
            String body = (isReady ? "READY " : "NOT READY ") + status.get() + "\n";
            respond(exchange, isReady ? 200 : 503, PLAIN_TEXT, body);
        });
        handlers.forEach(server::createContext);
        if (!handlers.containsKey("/")) {
            server.createContext(
                    "/",
                    exchange -> respond(
                            exchange,
                            404,
                            PLAIN_TEXT,
                            "Not found. Endpoints: /metrics, /health/live, /health/ready\n"));
        }
        // Four threads: an instance of the query API may wait on another's answer while serving its requests.
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "http-endpoints");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new HttpEndpoints(server, executor);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
