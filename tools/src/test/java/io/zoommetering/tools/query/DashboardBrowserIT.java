package io.zoommetering.tools.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.tools.demo.ProcessingProgress;
import io.zoommetering.tools.demo.Replay;
import io.zoommetering.tools.demo.SequencedTimestamps;
import io.zoommetering.tools.events.EventProducer;
import io.zoommetering.tools.generator.GeneratorSettings;
import io.zoommetering.tools.generator.TrafficGenerator;
import io.zoommetering.tools.testing.Poll;
import io.zoommetering.tools.testing.RestRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web dashboard in a real headless Chromium (Debian's package, which {@code .ci/run} installs) over a processor
 * that processed five weeks of generated traffic: the page renders every section, and each figure it shows equals
 * the query API's answer for the rows it names. The screenshot is kept as {@code target/dashboard.png}.
 */
@Tag("integration")
class DashboardBrowserIT {

    private static final Duration PROCESSING = Duration.ofSeconds(180);
    /** A figure as the page renders it: where it comes from, and the text shown. */
    private static final Pattern FIGURE = Pattern.compile(
            "<span data-source=\"([^\"]*)\" data-key=\"([^\"]*)\" data-field=\"([^\"]*)\">([^<]*)</span>");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaClusterTestKit cluster;
    private static RestRegistry registry;

    private final ApiClient api = new ApiClient();
    /** The API's answers by request, asked once each: many figures come from one answer. */
    private final Map<String, JsonNode> answers = new java.util.HashMap<>();
    /** The fields of a source whose values are doubles (estimates), which the page shows rounded. */
    private final Set<String> estimates = new HashSet<>();

    private String base;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        registry = RestRegistry.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void shouldShowTheQueryApisFiguresInAHeadlessBrowser(@TempDir Path dir) throws Exception {
        // Given five weeks of generated traffic, processed: the catalog by a first instance (so that the next has
        // it in its global store from the start), then the rest
        List<EventRecord> records = new TrafficGenerator(
                        GeneratorSettings.defaults().withUsers(120).withDays(35).withSeed(16))
                .batchList(Instant.now());
        List<List<EventRecord>> parts = Replay.parts(records, "zoom.plans");
        AppSettings settings = QueryProcessor.settings(
                cluster.bootstrapServers(),
                registry.url(),
                "dashboard-" + UUID.randomUUID(),
                dir.resolve("state"),
                QueryProcessor.freePort(),
                false);
        try (EventProducer producer = new EventProducer(
                        SequencedTimestamps.wrap(
                                new KafkaProducer<>(EventProducer.properties(cluster.bootstrapServers())),
                                Instant.now().toEpochMilli() - records.size() - 1_000),
                        registry.client());
                ProcessingProgress progress = QueryProcessor.progress(settings, registry.client())) {
            try (QueryProcessor catalog = QueryProcessor.start(settings, registry.client())) {
                producer.produce(parts.get(0));
                producer.flush();
                progress.awaitIdle(Duration.ofSeconds(1), PROCESSING, Duration.ofMillis(100));
            }
            try (QueryProcessor processor = QueryProcessor.start(settings, registry.client())) {
                for (List<EventRecord> part : parts.subList(1, parts.size())) {
                    producer.produce(part);
                }
                producer.flush();
                progress.awaitIdle(Duration.ofSeconds(2), PROCESSING, Duration.ofMillis(200));
                Poll.until(
                        Duration.ofSeconds(30),
                        "the processor runs",
                        () -> processor.app().isRunning());

                // When a headless Chromium opens the dashboard and lets it render
                base = processor.base();
                String dom = chromium(dir, "--dump-dom", base + "/");

                // Then every section is drawn
                assertThat(dom)
                        .contains("data-rendered=\"")
                        .contains(
                                "section-active-users",
                                "section-meeting-minutes",
                                "section-mrr",
                                "section-revenue",
                                "section-usage",
                                "section-errors",
                                "section-event-totals",
                                "section-churn-risk",
                                "section-plan-suggestions",
                                "section-forecast");
                // and each figure on it is the query API's answer for the rows it names
                Matcher figures = FIGURE.matcher(dom);
                List<String> checked = new ArrayList<>();
                while (figures.find()) {
                    String source = unescape(figures.group(1));
                    JsonNode key = JSON.readTree(unescape(figures.group(2)));
                    String field = unescape(figures.group(3));
                    String shown = unescape(figures.group(4));
                    BigDecimal expected = sum(source, key, field);
                    if (shown.equals("–")) {
                        assertThat(expected)
                                .as("%s %s %s shown as none", source, key, field)
                                .isNull();
                    } else {
                        // an estimate (a double: the forecast's) is shown rounded to the digits it has
                        BigDecimal value = shown(shown);
                        assertThat(value)
                                .as("%s %s %s shown as %s", source, key, field, shown)
                                .isEqualByComparingTo(
                                        estimates.contains(source + " " + field)
                                                ? expected.setScale(value.scale(), RoundingMode.HALF_UP)
                                                : expected);
                    }
                    checked.add(source.substring(source.lastIndexOf('/') + 1));
                }
                assertThat(checked)
                        .as("figures checked")
                        .contains(
                                "active-users",
                                "meeting-minutes",
                                "mrr",
                                "revenue",
                                "usage-by-product",
                                "overage",
                                "errors",
                                "event-totals",
                                "churn-risk",
                                "forecast")
                        .hasSizeGreaterThan(30);

                // and a screenshot of it is kept with the build
                Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
                Files.deleteIfExists(screenshot);
                chromium(dir, "--screenshot=" + screenshot, processor.base() + "/");
                assertThat(screenshot).exists();
                assertThat(Files.size(screenshot)).isGreaterThan(10_000);
            }
        }
    }

    /**
     * The sum of {@code field} over the API's rows of {@code source} whose key has the given fields; null when no
     * such row has a value.
     */
    private BigDecimal sum(String source, JsonNode key, String field) {
        String query = source.endsWith("/errors")
                ? ""
                : "?"
                        + iterable(key.fields()).stream()
                                .map(entry -> entry.getKey() + "="
                                        + URLEncoder.encode(entry.getValue().asText(), StandardCharsets.UTF_8))
                                .collect(Collectors.joining("&"));
        BigDecimal sum = null;
        for (JsonNode row : answers.computeIfAbsent(source + query, this::rows)) {
            boolean matches = iterable(key.fields()).stream()
                    .allMatch(entry -> row.get("key")
                            .get(entry.getKey())
                            .asText()
                            .equals(entry.getValue().asText()));
            JsonNode value = row.get("value").get(field);
            if (value.isFloatingPointNumber()) {
                estimates.add(source + " " + field);
            }
            if (matches && !value.isNull()) {
                sum = (sum == null ? BigDecimal.ZERO : sum).add(new BigDecimal(value.asText()));
            }
        }
        return sum;
    }

    private JsonNode rows(String pathAndQuery) {
        try {
            return api.rows(base, pathAndQuery);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BigDecimal shown(String text) {
        return new BigDecimal(text.replace("$", "").replace(",", "").trim());
    }

    private static <T> List<T> iterable(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /**
     * Runs Debian's headless Chromium on the page with a virtual-time budget: the page's requests and scripts run,
     * then Chromium does what {@code action} asks (dump the DOM to standard output, or take a screenshot).
     */
    private static String chromium(Path dir, String action, String url) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(dir.resolve("chromium-" + UUID.randomUUID()));
        Path output = dir.resolve("chromium-" + UUID.randomUUID() + ".out");
        Process process = new ProcessBuilder(
                        "chromium",
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--user-data-dir=" + profile,
                        "--window-size=1440,1700",
                        "--hide-scrollbars",
                        "--virtual-time-budget=8000",
                        action,
                        url)
                .redirectOutput(output.toFile())
                .redirectError(dir.resolve("chromium.err").toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("chromium finished")
                .isTrue();
        assertThat(process.exitValue())
                .as("chromium: %s", Files.readString(dir.resolve("chromium.err")))
                .isZero();
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
