package io.zoommetering.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.tools.testing.ReferenceRun;
import io.zoommetering.topology.reference.GoldReference;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code demo --input --export} end to end: the embedded broker, the processor under exactly-once, and the export of
 * the gold topics; the export must hold exactly what the batch reference of the SPEC formulas computes.
 */
@Tag("integration")
class DemoReplayIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldExportTheGoldTablesOfTheBatchReferenceWhenReplayingAnEventFile(@TempDir Path dir) throws Exception {
        // Given an event file with duplicates, corrections, late, invalid and undecodable records
        ReferenceRun run = ReferenceRun.largestOf(
                LongStream.rangeClosed(1, 40),
                set -> true,
                // every table has rows, so every comparison below can fail
                reference -> GoldReference.FILLED_BY_DAYS.stream()
                        .noneMatch(table -> reference.table(table).isEmpty()));
        Path events = run.writeTo(dir.resolve("events.jsonl"));
        Path export = dir.resolve("gold.jsonl");

        // When the demo replays it and exports the gold topics
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        CommandLine cli = ToolsMain.commandLine(Map.of());
        cli.setOut(new PrintWriter(output, true, StandardCharsets.UTF_8));
        int exitCode = cli.execute(
                "demo",
                "--input",
                events.toString(),
                "--export",
                export.toString(),
                "--http-port",
                "-1",
                "--kafka-port",
                "0",
                "--registry-port",
                "-1",
                "--data-dir",
                dir.resolve("data").toString());

        // Then it exits 0 and every gold table equals the reference's, to the cent
        assertThat(exitCode).as(output.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, Map<SpecificRecord, Map<String, Object>>> tables = ReferenceRun.readExport(export);
        for (String table : GoldReference.TABLES) {
            assertThat(tables.getOrDefault(table, Map.of()))
                    .as(table)
                    .isEqualTo(run.reference().table(table));
        }
        // and every rejected record is on the error topic once, with the reference's reason
        assertThat(ReferenceRun.errorsOf(tables.getOrDefault("gold.audit.errors", Map.of())))
                .containsExactlyInAnyOrderElementsOf(run.expectedErrors());
    }
}
