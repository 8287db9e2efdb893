package io.zoommetering.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard that docker compose provisions: well-formed, and querying what it claims to show. */
class DashboardTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+))");
    private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__interval", "__range");

    private final JsonNode dashboard = Repository.json("deploy/grafana/dashboards/zoom-metering.json");
    private final List<JsonNode> panels = QueriedMetrics.panels(dashboard);

    @Test
    void shouldGiveEveryPanelAUniqueIdATitleADescriptionAndAPlaceOfItsOwn() {
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        for (JsonNode panel : panels) {
            assertThat(ids.add(panel.get("id").asInt()))
                    .as("id of " + panel.get("title"))
                    .isTrue();
            assertThat(panel.get("title").asText()).isNotBlank();
            JsonNode grid = panel.get("gridPos");
            for (int x = grid.get("x").asInt();
                    x < grid.get("x").asInt() + grid.get("w").asInt();
                    x++) {
                for (int y = grid.get("y").asInt();
                        y < grid.get("y").asInt() + grid.get("h").asInt();
                        y++) {
                    assertThat(cells.add(x + "," + y))
                            .as("overlap at " + x + "," + y + ": " + panel.get("title"))
                            .isTrue();
                }
            }
            assertThat(grid.get("x").asInt() + grid.get("w").asInt()).isLessThanOrEqualTo(24);
            if (!panel.get("type").asText().equals("row")) {
                assertThat(panel.path("description").asText())
                        .as(panel.get("title").asText())
                        .isNotBlank();
                assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            }
        }
    }

    @Test
    void shouldQueryThroughTheDataSourceVariableAndDefineEveryVariableItUses() {
        Set<String> defined = new HashSet<>(GRAFANA_VARIABLES);
        dashboard
                .get("templating")
                .get("list")
                .forEach(variable -> defined.add(variable.get("name").asText()));
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
                Matcher used = VARIABLE.matcher(target.get("expr").asText());
                while (used.find()) {
                    String name = used.group(1) != null ? used.group(1) : used.group(2);
                    assertThat(defined)
                            .as("variable $" + name + " in " + panel.get("title"))
                            .contains(name);
                }
            }
        }
    }

    @Test
    void shouldCoverWhatAMeteringOnCallLooksAt() {
        assertThat(panels)
                .extracting(panel -> panel.get("title").asText())
                .contains(
                        "Kafka Streams state",
                        "Input records/s by stream",
                        "Gold output records/s by topic",
                        "Consumer lag by topic",
                        "Event-time lag of accepted records",
                        "Event-time lag of gold output",
                        "Rejected records/s by error type",
                        "Late records/s by stream",
                        "Duplicate records/s by stream",
                        "State on disk by store",
                        "Heap");
        assertThat(QueriedMetrics.exportedNamesRequired().keySet())
                .contains(
                        "kafka_stream_topic_records_consumed_total", "kafka_stream_topic_records_produced_total",
                        "kafka_consumer_fetch_manager_records_lag", "kafka_stream_state_total_sst_files_size",
                        "zoom_metering_records_rejected_total", "zoom_metering_records_duplicate_total",
                        "zoom_metering_event_time_lag_seconds_max", "jvm_memory_used_bytes");
    }
}
