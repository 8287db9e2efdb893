package io.zoommetering.tools.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zoommetering.app.ops.QueriedMetrics;
import io.zoommetering.app.ops.Repository;
import io.zoommetering.tools.testing.AppProcess;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package: {@code OPS_PROMETHEUS}, set by deploy/ci/ops.sh, or {@code prometheus} on the
 * PATH) scrapes the running demo every second with the alert and recording rules of deploy/prometheus/rules loaded,
 * and every PromQL expression of those rules and of the Grafana dashboard is evaluated through its HTTP API: each
 * must parse and return at least one series.
 *
 * <p>An alert's expression returns series only while it fires, so what is evaluated is what it measures: each
 * operand of a top-level {@code and}/{@code or}/{@code unless} on its own, with every comparison to a number as a
 * {@code bool} comparison (a series per input series, 0 or 1), and {@code absent(x)} as {@code x}. Grafana's
 * variables take the values "All" gives them; {@code label_values(selector, label)} is the selector grouped by the
 * label.
 */
@Tag("integration")
class PrometheusIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(240);

    private static final Pattern COMPARISON_TO_NUMBER = Pattern.compile("(==|!=|>=|<=|>|<)(\\s*)(?=-?[0-9.])");
    private static final Pattern ABSENT = Pattern.compile("^\\s*absent\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern SET_OPERATOR = Pattern.compile("\\b(and|or|unless)\\b");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyQueryOfTheRulesAndTheDashboardReturnsSeriesFromARealPrometheus(@TempDir Path dir) throws Exception {
        Path prometheus = prometheus();
        int demoPort = freePort();
        int prometheusPort = freePort();
        Path config = writeConfig(dir, demoPort);
        try (AppProcess demo = AppProcess.start(
                        AppProcess.TOOLS_JAR,
                        dir.resolve("demo.log"),
                        "demo",
                        "--http-port",
                        Integer.toString(demoPort),
                        "--kafka-port",
                        "0",
                        "--registry-port",
                        "-1",
                        // Three complete months of a few accounts: plan suggestions need them, the forecast a
                        // day of closed hours, churn risk weeks of usage (about 10,000 records).
                        "--backfill",
                        "100d",
                        "--users",
                        "20",
                        // Live traffic for the rates; little, so a starved machine still gets through the history.
                        "--events-per-second",
                        "10",
                        "--duration",
                        "6m",
                        "--data-dir",
                        dir.resolve("data").toString());
                Server server = Server.start(
                        dir.resolve("prometheus.log"),
                        prometheus.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + prometheusPort,
                        "--log.level=warn")) {
            String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=";
            Map<String, String> queries = queries();
            Map<String, String> empty = new LinkedHashMap<>(queries);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!empty.isEmpty() && System.nanoTime() < deadline) {
                assertThat(demo.isAlive()).as(demo.output()).isTrue();
                assertThat(server.isAlive()).as(server.output()).isTrue();
                for (var it = empty.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<String, String> query = it.next();
                    Optional<JsonNode> answer = evaluate(api, query.getValue());
                    if (answer.isEmpty()) {
                        break; // Prometheus is not listening yet
                    }
                    JsonNode body = answer.get();
                    if (body.path("status").asText().equals("error")
                            && body.path("errorType").asText().equals("bad_data")) {
                        fail(query.getKey() + " does not parse: "
                                + body.path("error").asText() + "\n  " + query.getValue());
                    }
                    if (body.path("data").path("result").size() > 0) {
                        it.remove();
                    }
                }
                Thread.sleep(2_000);
            }
            List<String> explained = new ArrayList<>();
            empty.forEach((where, expression) -> explained.add(where + ": " + expression));
            assertThat(explained)
                    .as("queries without a series after %s (demo: %s, prometheus: %s)", DEADLINE, dir, server.output())
                    .isEmpty();
        }
    }

    /** Every query to evaluate, by where it is written, as described in the class comment. */
    static Map<String, String> queries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (QueriedMetrics.Query query : QueriedMetrics.queries()) {
            List<String> parts = measuredParts(grafanaResolved(query.expression()));
            for (int i = 0; i < parts.size(); i++) {
                queries.put(query.where() + (parts.size() > 1 ? " (part " + (i + 1) + ")" : ""), parts.get(i));
            }
        }
        return queries;
    }

    /** Grafana's variables as "All" sets them, its label_values() as a grouping. */
    static String grafanaResolved(String expression) {
        String resolved = expression
                .replaceAll("\\$__rate_interval|\\$__interval", "5m")
                .replace("$__range", "1h")
                .replaceAll("\\$\\{?[a-z_]+}?", ".*");
        Matcher labelValues = LABEL_VALUES.matcher(resolved);
        if (labelValues.matches()) {
            return "group by (" + labelValues.group(2) + ") (" + labelValues.group(1) + ")";
        }
        return resolved;
    }

    /** The operands of top-level set operators, each with bool comparisons and absent() unwrapped. */
    static List<String> measuredParts(String expression) {
        List<String> parts = new ArrayList<>();
        for (String operand : topLevelOperands(expression)) {
            Matcher absent = ABSENT.matcher(operand);
            String measured = absent.matches() ? absent.group(1) : operand;
            parts.add(COMPARISON_TO_NUMBER
                    .matcher(measured)
                    .replaceAll("$1 bool$2")
                    .trim());
        }
        return parts;
    }

    private static List<String> topLevelOperands(String expression) {
        List<String> operands = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (depth == 0) {
                Matcher operator = SET_OPERATOR.matcher(expression).region(i, expression.length());
                if (operator.lookingAt() && (i == 0 || !Character.isLetterOrDigit(expression.charAt(i - 1)))) {
                    operands.add(expression.substring(start, i));
                    start = operator.end();
                    i = operator.end() - 1;
                }
            }
        }
        operands.add(expression.substring(start));
        return operands;
    }

    private Optional<JsonNode> evaluate(String api, String expression) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(api + URLEncoder.encode(expression, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            return Optional.of(JSON.readTree(
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Prometheus's configuration: the demo scraped every second, the project's rules evaluated every second. */
    private static Path writeConfig(Path dir, int demoPort) throws IOException {
        Path rules = Repository.root().resolve("deploy/prometheus/rules");
        String yaml = String.join(
                "\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + rules.toAbsolutePath() + "/*.yml",
                "scrape_configs:",
                "  - job_name: zoom-metering",
                "    metrics_path: /metrics",
                "    static_configs:",
                "      - targets: [\"127.0.0.1:" + demoPort + "\"]",
                "");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, yaml);
        return config;
    }

    /** The prometheus binary of OPS_PROMETHEUS or the PATH; without one the test is skipped, on CI it fails. */
    private static Path prometheus() {
        String configured = System.getenv("OPS_PROMETHEUS");
        Optional<Path> found = Optional.empty();
        if (configured != null && !configured.isBlank()) {
            found = Optional.of(Path.of(configured));
        } else if (System.getenv("PATH") != null) {
            for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
                Path candidate = Path.of(entry, "prometheus");
                if (Files.isExecutable(candidate)) {
                    found = Optional.of(candidate);
                    break;
                }
            }
        }
        if (found.isEmpty() && System.getenv("CI") != null) {
            fail("Prometheus is needed: set OPS_PROMETHEUS (deploy/ci/ops.sh, ops_tools)");
        }
        assumeTrue(found.isPresent(), "no prometheus: set OPS_PROMETHEUS or put prometheus on the PATH");
        return found.get();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A child process with its output in a file. */
    private record Server(Process process, Path log) implements AutoCloseable {

        static Server start(Path log, String... command) throws IOException {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Server(process, log);
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
