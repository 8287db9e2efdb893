package io.zoommetering.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The other instances of the application, asked over their own query API ({@code application.server} is where each
 * serves it) for the rows of their local stores only ({@code local=true}), so a request is forwarded at most once.
 */
final class Peers {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json;

    Peers(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The local answer of {@code host} to the same request.
     *
     * @throws Unavailable when it does not answer, or answers anything but 200 (its reason included)
     */
    JsonNode local(HostInfo host, String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .filter(param -> !param.getKey().equals("local"))
                .map(param -> encode(param.getKey()) + "=" + encode(param.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path + "?"
                + (query.isEmpty() ? "" : query + "&") + "local=true");
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = json.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new Unavailable("instance " + host + " answered " + response.statusCode() + ": "
                        + body.path("error").asText(response.body()));
            }
            return body;
        } catch (IOException e) {
            throw new Unavailable("instance " + host + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking instance " + host, e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
