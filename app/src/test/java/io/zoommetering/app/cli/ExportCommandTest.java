package io.zoommetering.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    private int run(String... args) {
        CommandLine cli = Main.commandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
