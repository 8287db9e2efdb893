package io.zoommetering.app.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The web dashboard: {@code GET /} and {@code /dashboard/*}, files from the jar only (no CDN, no external font),
 * which read the query API from the browser.
 */
public final class DashboardAssets implements HttpHandler {

    static final String ROOT = "/io/zoommetering/app/dashboard/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String file = path.equals("/") ? "index.html" : path.substring(path.lastIndexOf('/') + 1);
            boolean known = (path.equals("/") || path.equals("/dashboard/" + file)) && FILES.containsKey(file);
            if (!"GET".equals(exchange.getRequestMethod()) || !known) {
                byte[] body = ("Not found. Endpoints: / (dashboard), " + QueryApi.PREFIX
                                + "openapi.json, /metrics, /health/live, /health/ready\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            byte[] body;
            try (InputStream in = DashboardAssets.class.getResourceAsStream(ROOT + file)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks " + ROOT + file);
                }
                body = in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", FILES.get(file));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
