package io.zoommetering.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.cli.DurationOptions;
import io.zoommetering.app.runtime.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
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

    @Test
    void everyDurationOptionTakesTheOneSyntax() {
        List<String> checked = DurationOptions.accept(ToolsMain.commandLine(Map.of()), "10m", Duration.ofMinutes(10));
        DurationOptions.accept(ToolsMain.commandLine(Map.of()), "PT60S", Duration.ofSeconds(60));
        assertThat(checked)
                .contains(
                        "demo --duration",
                        "demo --refresh",
                        "demo --timeout",
                        "demo --backfill",
                        "generate --duration",
                        "bench --timeout");
    }

    @Test
    void aDurationWithoutAUnitIsRefusedWithAnExample() {
        assertThat(run(Map.of(), "demo", "--duration", "60")).isEqualTo(ExitCodes.BAD_SETTINGS);
        assertThat(err.toString()).contains("'60' has no unit; write 60s for seconds", "PT60S");
    }

    @Test
    void aDemoPortThatIsTakenStopsItBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThat(run(Map.of(), "demo", "--kafka-port", Integer.toString(port)))
                    .isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(err.toString()).contains("port " + port + " (--kafka-port) is in use", "0 for any free port");
            assertThat(run(Map.of(), "demo", "--kafka-port", "0", "--registry-port", Integer.toString(port)))
                    .isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(err.toString()).contains("(--registry-port) is in use");
        }
    }
}
