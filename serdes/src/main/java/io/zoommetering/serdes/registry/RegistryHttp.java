package io.zoommetering.serdes.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One JSON call to the Schema Registry's REST API, with the retry policy of {@link SchemaRegistryClientConfig}:
 * I/O errors, timeouts and 5xx are retried with exponential back-off and jitter, on the next configured URL, within
 * a total deadline; 4xx answers are final. Every wait is bounded, so a call never hangs.
 */
final class RegistryHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final List<URI> bases;
    private final Optional<String> authorization;
    private final Duration requestTimeout;
    private final Duration totalTimeout;
    private final int maxRetries;
    private final long retryWaitMs;
    private final long retryMaxWaitMs;
    /** The URL that answered last; failover moves on from it. */
    private volatile int preferred;

    RegistryHttp(SchemaRegistryClientConfig config) {
        this.bases = config.restUrls();
        this.authorization = config.authorization();
        this.requestTimeout = config.requestTimeout();
        this.totalTimeout = config.totalTimeout();
        this.maxRetries = config.maxRetries();
        this.retryWaitMs = config.retryWait().toMillis();
        this.retryMaxWaitMs = config.retryMaxWait().toMillis();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .sslContext(config.sslContext())
                .build();
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        try {
            return call("POST", path, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request body of POST " + path, e);
        }
    }

    private JsonNode call(String method, String path, String body) {
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        SchemaRegistryUnavailableException failure = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0 && !backOff(attempt, deadline)) {
                break;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            int base = Math.floorMod(preferred + attempt, bases.size());
            Duration timeout = Duration.ofNanos(Math.min(remaining, requestTimeout.toNanos()));
            try {
                JsonNode answer = attempt(method, base, path, body, timeout);
                preferred = base;
                return answer;
            } catch (SchemaRegistryUnavailableException e) {
                failure = e;
            }
        }
        if (failure == null) {
            failure = new SchemaRegistryUnavailableException(
                    method + " " + path + ": no attempt within " + totalTimeout.toMillis() + " ms", 0, 0, null);
        }
        throw failure;
    }

    /** One request; throws {@link SchemaRegistryUnavailableException} for what deserves another attempt. */
    private JsonNode attempt(String method, int base, String path, String body, Duration timeout) {
        URI uri = URI.create(bases.get(base) + path);
        String call = method + " " + uri;
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", ACCEPT);
        authorization.ifPresent(value -> request.header("Authorization", value));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", CONTENT_TYPE).POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        CompletableFuture<HttpResponse<String>> pending =
                client.sendAsync(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(call, timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut(call, timeout, e.getCause());
            }
            if (e.getCause() instanceof IOException) {
                throw new SchemaRegistryUnavailableException(call + ": " + e.getCause(), 0, 0, e.getCause());
            }
            throw new SchemaRegistryException(call + ": " + e.getCause(), 0, 0, e.getCause());
        } catch (InterruptedException e) {
            // Unavailable, and not retried: the interrupt, restored, stops the back-off.
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new SchemaRegistryUnavailableException(call + ": interrupted", 0, 0, e);
        }
        return answer(call, response);
    }

    /** The client's own timer and the wait on its future race: either way, the answer did not come in time. */
    private static SchemaRegistryUnavailableException timedOut(String call, Duration timeout, Throwable cause) {
        return new SchemaRegistryUnavailableException(
                call + ": no answer within " + timeout.toMillis() + " ms", 0, 0, cause);
    }

    private static JsonNode answer(String call, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json = readJson(response.body());
        if (status / 100 == 2) {
            if (json == null) {
                throw new SchemaRegistryException(
                        call + ": HTTP " + status + " with a body that is not JSON", status, 0, null);
            }
            return json;
        }
        int errorCode = json == null ? 0 : json.path("error_code").asInt(0);
        String message = call + ": HTTP " + status + (errorCode != 0 ? " (" + errorCode + ")" : "") + ": "
                + (json != null && json.hasNonNull("message")
                        ? json.get("message").asText()
                        : abbreviate(response.body()));
        if (status >= 500) {
            throw new SchemaRegistryUnavailableException(message, status, errorCode, null);
        }
        if (status == 404) {
            throw new SchemaNotFoundException(message, errorCode);
        }
        throw new SchemaRegistryException(message, status, errorCode, null);
    }

    /** Sleeps before retry {@code attempt}; false when the deadline leaves no time for it, or on interrupt. */
    private boolean backOff(int attempt, long deadline) {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        long ceiling = Math.min(retryMaxWaitMs, retryWaitMs << Math.min(attempt - 1, 20));
        long waitMs = ceiling <= 1 ? ceiling : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs) >= deadline) {
            return false;
        }
        try {
            Thread.sleep(waitMs);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
