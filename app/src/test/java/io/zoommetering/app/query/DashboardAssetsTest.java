package io.zoommetering.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.http.AppMetrics;
import io.zoommetering.app.http.HttpEndpoints;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardAssetsTest {

    /** Any absolute or protocol-relative address; the SVG namespace is a name, never fetched. */
    private static final Pattern ADDRESS = Pattern.compile("(https?:)?//[a-zA-Z0-9.-]+");

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void shouldServeThePageAndItsFilesFromTheJar() throws Exception {
        try (AppMetrics metrics = new AppMetrics();
                HttpEndpoints http = HttpEndpoints.start(
                        "127.0.0.1", 0, metrics, () -> true, () -> "RUNNING", Map.of("/", new DashboardAssets()))) {
            HttpResponse<String> page = get(http, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("/dashboard/dashboard.js", "/dashboard/dashboard.css");
            assertThat(get(http, "/dashboard/dashboard.js").body()).contains("const SECTIONS");
            assertThat(get(http, "/dashboard/dashboard.css").statusCode()).isEqualTo(200);
            assertThat(get(http, "/dashboard/missing.js").statusCode()).isEqualTo(404);
            assertThat(get(http, "/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldLoadNothingFromOutsideTheJar() throws Exception {
        for (String file : List.of("index.html", "dashboard.js", "dashboard.css")) {
            String text;
            try (InputStream in = DashboardAssets.class.getResourceAsStream(DashboardAssets.ROOT + file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher addresses = ADDRESS.matcher(text);
            while (addresses.find()) {
                assertThat(addresses.group()).as(file).isEqualTo("http://www.w3.org");
            }
            assertThat(text).as(file).doesNotContain("@import", "@font-face", "url(");
        }
    }

    private HttpResponse<String> get(HttpEndpoints http, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
