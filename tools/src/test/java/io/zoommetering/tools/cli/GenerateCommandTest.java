package io.zoommetering.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.events.EventFiles;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.tools.ToolsMain;
import io.zoommetering.tools.generator.GeneratorSettings;
import io.zoommetering.tools.generator.TrafficGenerator;
import io.zoommetering.topology.config.MeteringConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class GenerateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void generatesTheBatchOfTheOptionsToAFile() throws IOException {
        Path file = dir.resolve("events.jsonl");
        int code = run(
                "generate",
                "--users",
                "40",
                "--days",
                "3",
                "--seed",
                "9",
                "--now",
                "2026-03-10T06:00:00Z",
                "--duplicates",
                "0.05",
                "--invalid",
                "0.02",
                "--to-file",
                file.toString());
        assertThat(code).as(err.toString()).isZero();
        List<EventRecord> expected = new TrafficGenerator(GeneratorSettings.defaults()
                        .withUsers(40)
                        .withDays(3)
                        .withSeed(9)
                        .withDuplicates(0.05)
                        .withInvalid(0.02))
                .batchList(Instant.parse("2026-03-10T06:00:00Z"));
        assertThat(EventFiles.read(file, TopicTypes.defaults())).containsExactlyElementsOf(expected);
        assertThat(err.toString())
                .contains("Generated " + expected.size() + " records", "zoom.meetings", "DUPLICATE=", "INVALID=");
    }

    @Test
    void writesToStandardOutputUnderTheConfiguredTopicNames() throws IOException {
        Path config = dir.resolve("zm.properties");
        Files.writeString(config, "zm.topic.meetings=acme.meetings\n");
        int code = run(
                "generate",
                "--users",
                "20",
                "--days",
                "1",
                "--start-date",
                "2026-03-04",
                "--now",
                "2026-03-10T00:00:00Z",
                "--config",
                config.toString(),
                "--to-file",
                "-");
        assertThat(code).as(err.toString()).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).startsWith("{\"topic\": \"zoom.plans\", \"key\": \"FREE\"");
        assertThat(out.toString()).contains("{\"topic\": \"acme.meetings\"").doesNotContain("\"zoom.meetings\"");
        TopicTypes renamed = TopicTypes.from(new MeteringConfig(Map.of("zm.topic.meetings", "acme.meetings")));
        assertThat(EventFiles.fromLine(lines[lines.length - 1], renamed)).isNotNull();
    }

    @Test
    void aLiveStreamRunsForItsDuration() throws IOException {
        Path file = dir.resolve("live.jsonl");
        long started = System.nanoTime();
        int code = run(
                "generate",
                "--live",
                "--users",
                "20",
                "--rate",
                "400",
                "--duration",
                "2s",
                "--to-file",
                file.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
        List<EventRecord> records = EventFiles.read(file, TopicTypes.defaults());
        assertThat(records.get(0).topic()).isEqualTo("zoom.plans");
        assertThat(records.size()).isBetween(500, 1_500);
    }

    @Test
    void refusesOptionsThatDoNotGoTogether() {
        assertThat(run("generate", "--users", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("Give either --to-file, or --bootstrap-servers with --schema-registry");
        assertThat(run("generate", "--to-file", "x", "--bootstrap-servers", "b:9092"))
                .isEqualTo(2);
        assertThat(run("generate", "--bootstrap-servers", "b:9092")).isEqualTo(2);
        assertThat(err.toString()).contains("--bootstrap-servers needs --schema-registry");
        assertThat(run("generate", "--duration", "1m", "--to-file", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration applies to --live only");
        assertThat(run("generate", "--live", "--duration", "soon", "--to-file", "x"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
        assertThat(run("generate", "--users", "0", "--to-file", dir.resolve("x").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("users must be at least 1");
        assertThat(run("generate", "--late", "2", "--to-file", dir.resolve("x").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("late must be a fraction between 0 and 1");
    }

    @Test
    void explainsItself() {
        assertThat(run("generate", "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "Usage: zoom-metering-tools generate",
                        "--users",
                        "--days",
                        "--seed",
                        "--rate",
                        "--duplicates",
                        "--corrections",
                        "--out-of-order",
                        "--late",
                        "--invalid",
                        "--to-file",
                        "--bootstrap-servers",
                        "--schema-registry",
                        "--duration",
                        "--live",
                        "Examples:");
    }

    private int run(String... args) {
        CommandLine cli = ToolsMain.commandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
