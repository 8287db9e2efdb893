package io.zoommetering.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExportCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void refusesToRunWithoutACluster() {
        assertThat(run("export", "--schema-registry", "mock://x")).isEqualTo(2);
        assertThat(err.toString()).contains("--bootstrap-servers");
    }

    @Test
    void explainsItself() {
        assertThat(run("export", "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "Usage: zoom-metering export",
                        "--bootstrap-servers",
                        "--schema-registry",
                        "--topics",
                        "--to-file",
                        "latest value per key");
    }

    @Test
    void durationsReadLikePeopleWriteThem() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(converter.convert("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("pt1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
