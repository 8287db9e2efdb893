package io.zoommetering.tools.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.ops.PromQl;
import io.zoommetering.app.ops.QueriedMetrics;
import io.zoommetering.app.ops.Repository;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every metric that the alert rules and the dashboard query is one the processor exports: the shaded jar runs
 * its demo (embedded broker, synthetic traffic, the processor with its /metrics endpoint) and /metrics is scraped
 * until each queried metric, with each label its selectors match on, has appeared.
 */
@Tag("integration")
class MetricNamesIT {

    private static final Path JAR = Repository.root().resolve("tools/target/zoom-metering-tools.jar");
    private static final Duration DEADLINE = Duration.ofSeconds(240);
    /** Labels Prometheus adds to every scraped series. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void shouldExportEveryMetricTheRulesAndTheDashboardQuery() throws Exception {
        Map<String, Set<String>> required = QueriedMetrics.exportedNamesRequired();
        Map<String, Set<String>> requiredLabels = requiredLabels();
        int port = freePort();
        Path dataDir = Files.createTempDirectory("metric-names-demo");
        Path log = Repository.root().resolve("tools/target/metric-names-demo.log");
        ProcessBuilder command = new ProcessBuilder(
                        javaBinary(),
                        "-Xmx512m",
                        "-jar",
                        JAR.toString(),
                        "demo",
                        "--http-port",
                        Integer.toString(port),
                        "--kafka-port",
                        "0",
                        "--registry-port",
                        "0",
                        // Three complete months of a few accounts: plan suggestions need them, the forecast a
                        // day of closed hours, churn risk weeks of usage (about 10,000 records).
                        "--backfill",
                        "100d",
                        "--users",
                        "20",
                        "--duration",
                        "6m",
                        "--refresh",
                        "30s",
                        // Live traffic for the rates; little, so a starved machine still gets through the history.
                        "--events-per-second",
                        "10",
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The processor reads its settings from these variables: none of this machine's may change the demo.
        command.environment()
                .keySet()
                .removeIf(name ->
                        name.startsWith("ZM_") || name.startsWith("KAFKA_") || name.startsWith("SCHEMA_REGISTRY_"));
        Process demo = command.start();
        Map<String, Set<String>> exported = Map.of();
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline && demo.isAlive()) {
                try {
                    exported = series(http.send(scrape, HttpResponse.BodyHandlers.ofString())
                            .body());
                    if (missing(required.keySet(), requiredLabels, exported).isEmpty()) {
                        break;
                    }
                } catch (IOException e) {
                    // Not listening yet.
                }
                Thread.sleep(2_000);
            }
        } finally {
            demo.destroy();
            if (!demo.waitFor(60, TimeUnit.SECONDS)) {
                demo.destroyForcibly().waitFor();
            }
            deleteRecursively(dataDir);
        }

        assertThat(exported)
                .as("the demo served /metrics (its output: " + log + ")")
                .isNotEmpty();
        List<String> missing = missing(required.keySet(), requiredLabels, exported);
        List<String> explained = new ArrayList<>();
        for (String item : missing) {
            String name = item.contains("{") ? item.substring(0, item.indexOf('{')) : item;
            explained.add(item + " read by " + required.getOrDefault(name, Set.of()));
        }
        assertThat(explained).as("queried but not exported").isEmpty();
    }

    private static List<String> missing(
            Set<String> names, Map<String, Set<String>> labels, Map<String, Set<String>> exported) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!exported.containsKey(name)) {
                missing.add(name);
                continue;
            }
            for (String label : labels.getOrDefault(name, Set.of())) {
                if (!TARGET_LABELS.contains(label) && !exported.get(name).contains(label)) {
                    missing.add(name + "{" + label + "}");
                }
            }
        }
        return missing;
    }

    /** For each metric the processor must export, the labels the queries' selectors match on. */
    private static Map<String, Set<String>> requiredLabels() {
        Map<String, Set<String>> labels = new TreeMap<>();
        for (QueriedMetrics.Query query : QueriedMetrics.queries()) {
            PromQl.selectorLabels(query.expression())
                    .forEach((name, used) ->
                            labels.computeIfAbsent(name, n -> new TreeSet<>()).addAll(used));
        }
        return labels;
    }

    /** Series names in a Prometheus text exposition, with the label names each carries. */
    private static Map<String, Set<String>> series(String exposition) {
        Map<String, Set<String>> series = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Set<String> labels = series.computeIfAbsent(sample.group(1), name -> new TreeSet<>());
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return series;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
