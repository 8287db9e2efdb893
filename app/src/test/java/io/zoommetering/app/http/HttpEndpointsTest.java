package io.zoommetering.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(HttpEndpoints http, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldBeReadyOnlyWhileTheProcessorRuns() throws Exception {
        AtomicBoolean running = new AtomicBoolean(false);
        try (AppMetrics metrics = new AppMetrics();
                HttpEndpoints http = HttpEndpoints.start(
                        "127.0.0.1", 0, metrics, running::get, () -> running.get() ? "RUNNING" : "REBALANCING")) {
            assertThat(get(http, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> notReady = get(http, "/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("REBALANCING");

            running.set(true);

            assertThat(get(http, "/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldServeJvmMetricsInThePrometheusFormat() throws Exception {
        try (AppMetrics metrics = new AppMetrics();
                HttpEndpoints http = HttpEndpoints.start("127.0.0.1", 0, metrics, () -> true, () -> "RUNNING")) {
            HttpResponse<String> scrape = get(http, "/metrics");

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(scrape.body()).contains("# TYPE jvm_memory_used_bytes gauge", "process_uptime_seconds");
            assertThat(get(http, "/nothing").statusCode()).isEqualTo(404);
        }
    }
}
