package io.zoommetering.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Every PromQL query of the alert rules (deploy/prometheus/rules) and the dashboards (deploy/grafana/dashboards). */
public final class QueriedMetrics {

    /** Series Prometheus makes itself, not the processor. */
    static final Set<String> PROMETHEUS_SERIES =
            Set.of("up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds", "scrape_samples_scraped");

    /** A query and where it is written. */
    public record Query(String where, String expression) {}

    private QueriedMetrics() {}

    public static List<Query> queries() {
        List<Query> queries = new ArrayList<>(ruleQueries());
        queries.addAll(dashboardQueries());
        return queries;
    }

    static List<Query> ruleQueries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : files("deploy/prometheus/rules", ".yml")) {
            JsonNode groups = read(file, Repository.YAML).get("groups");
            for (JsonNode group : groups) {
                for (JsonNode rule : group.get("rules")) {
                    String name = rule.has("alert")
                            ? "alert " + rule.get("alert").asText()
                            : "record " + rule.get("record").asText();
                    queries.add(new Query(
                            file.getFileName() + ": " + name, rule.get("expr").asText()));
                }
            }
        }
        return queries;
    }

    static List<Query> dashboardQueries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : files("deploy/grafana/dashboards", ".json")) {
            JsonNode dashboard = read(file, Repository.JSON);
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query(
                            file.getFileName() + ": panel \""
                                    + panel.get("title").asText() + "\"",
                            target.get("expr").asText()));
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("type").asText().equals("query")) {
                    JsonNode query = variable.get("query");
                    queries.add(new Query(
                            file.getFileName() + ": variable "
                                    + variable.get("name").asText(),
                            query.isTextual()
                                    ? query.asText()
                                    : query.get("query").asText()));
                }
            }
        }
        return queries;
    }

    /** The panels of a dashboard, those inside collapsed rows too. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** The names the recording rules define (queries may read them; the processor does not export them). */
    static Set<String> recordedNames() {
        Set<String> names = new TreeSet<>();
        for (Path file : files("deploy/prometheus/rules", ".yml")) {
            for (JsonNode group : read(file, Repository.YAML).get("groups")) {
                for (JsonNode rule : group.get("rules")) {
                    if (rule.has("record")) {
                        names.add(rule.get("record").asText());
                    }
                }
            }
        }
        return names;
    }

    /** Each metric the processor must export, with the queries that read it. */
    public static Map<String, Set<String>> exportedNamesRequired() {
        Set<String> recorded = recordedNames();
        Map<String, Set<String>> required = new TreeMap<>();
        for (Query query : queries()) {
            for (String name : PromQl.metricNames(query.expression())) {
                if (!recorded.contains(name) && !PROMETHEUS_SERIES.contains(name)) {
                    required.computeIfAbsent(name, n -> new TreeSet<>()).add(query.where());
                }
            }
        }
        return required;
    }

    private static List<Path> files(String directory, String suffix) {
        try (Stream<Path> files = Files.list(Repository.file(directory))) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
