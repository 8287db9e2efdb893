package io.zoommetering.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zoommetering.tools.ToolsMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A smoke run of {@code bench} with a tiny input on the embedded broker: the report must hold both variants with
 * figures that make sense. No thresholds: how fast it runs here says nothing.
 */
@Tag("integration")
class BenchIT {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldReportBothVariantsWithSaneFiguresForATinyInput(@TempDir Path dir) throws Exception {
        // Given a tiny input: 2,000 events of 200 users, one round, a short latency phase
        Path report = dir.resolve("bench.json");

        // When the benchmark runs on an embedded broker
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        CommandLine cli = ToolsMain.commandLine(Map.of());
        cli.setOut(new PrintWriter(output, true, StandardCharsets.UTF_8));
        int exitCode = cli.execute(
                "bench",
                "--events",
                "2000",
                "--users",
                "200",
                "--rounds",
                "1",
                "--warmup-rounds",
                "0",
                "--guarantee",
                "exactly_once_v2",
                "--latency-duration",
                "PT6S",
                "--latency-warmup",
                "PT1S",
                "--latency-rate",
                "200",
                "--scale-users",
                "0",
                "--work-dir",
                dir.resolve("work").toString(),
                "--out",
                report.toString());

        // Then it exits 0, prints the table and writes a report of both variants
        String console = output.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(console).isZero();
        assertThat(console).contains("ratio gold / pass-through", "events/s, median");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.at("/input/events").asLong()).isEqualTo(2000);
        assertThat(json.at("/machine/availableProcessors").asInt()).isPositive();
        JsonNode exactlyOnce = json.at("/guarantees/0");
        assertThat(exactlyOnce.at("/guarantee").asText()).isEqualTo("exactly_once_v2");
        for (String variant : List.of("pass-through", "gold")) {
            JsonNode figures = exactlyOnce.at("/variants/" + variant);
            assertThat(figures.at("/eventsPerSecond/median").asDouble())
                    .as(variant)
                    .isPositive();
            assertThat(figures.at("/processCpuSecondsPerMillionEvents/median").asDouble())
                    .as(variant)
                    .isPositive();
            assertThat(figures.at("/streamsCpuSecondsPerMillionEvents/median").asDouble())
                    .as(variant)
                    .isPositive();
            assertThat(figures.at("/peakHeapBytes/max").asLong()).as(variant).isPositive();
            assertThat(figures.at("/liveHeapAtEndBytes/median").asLong())
                    .as(variant)
                    .isPositive();
            assertThat(figures.at("/rounds/0/outputOffsets").asLong())
                    .as(variant)
                    .isPositive();
        }
        // and the gold topology kept state, the pass-through none
        assertThat(exactlyOnce.at("/variants/gold/stateBytes/median").asLong()).isPositive();
        assertThat(exactlyOnce.at("/variants/gold/changelogBytes/median").asLong())
                .isPositive();
        assertThat(exactlyOnce.at("/variants/pass-through/stateBytes/median").asLong())
                .isZero();
        assertThat(exactlyOnce.at("/ratioGoldToPassThrough").asDouble()).isPositive();
        // and the latency phase matched records to gold rows
        JsonNode latency = exactlyOnce.at("/latency");
        assertThat(latency.at("/measured").asLong()).isPositive();
        assertThat(latency.at("/unmatched").asLong()).isZero();
        assertThat(latency.at("/p50Ms").asDouble()).isPositive();
        assertThat(latency.at("/maxMs").asDouble())
                .isGreaterThanOrEqualTo(latency.at("/p99Ms").asDouble());
        // and the temporary directories of the runs are gone
        assertThat(Files.list(dir.resolve("work").resolve("state")).toList()).isEmpty();
    }
}
