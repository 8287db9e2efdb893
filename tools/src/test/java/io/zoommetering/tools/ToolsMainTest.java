package io.zoommetering.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.runtime.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ToolsMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        CommandLine cli = ToolsMain.commandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldDescribeEverySubcommand() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("demo", "generate", "bench");
        assertThat(run(Map.of(), "demo", "--help")).isZero();
        assertThat(out.toString()).contains("--input", "--export", "--duration", "--events-per-second");
        assertThat(run(Map.of(), "generate", "--help")).isZero();
        assertThat(run(Map.of(), "bench", "--help")).isZero();
    }

    @Test
    void shouldNameItselfAndItsVersion() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString()).startsWith("zoom-metering-tools ");
    }

    @Test
    void shouldExitWithAUsageErrorWithoutASubcommand() {
        assertThat(run(Map.of())).isEqualTo(ExitCodes.BAD_SETTINGS);
        assertThat(err.toString()).contains("Missing subcommand");
    }
}
