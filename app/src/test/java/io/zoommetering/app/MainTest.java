package io.zoommetering.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.runtime.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        CommandLine cli = Main.commandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldDescribeEverySubcommand() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("run", "export");
        assertThat(run(Map.of(), "run", "--help")).isZero();
        assertThat(run(Map.of(), "export", "--help")).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers", "--schema-registry-url", "--to-file");
    }

    @Test
    void shouldHoldOnlyTheProcessorsCommands() {
        // The demo, the generator and the benchmark are zoom-metering-tools': not in the production jar.
        assertThat(Main.commandLine(Map.of()).getSubcommands()).containsOnlyKeys("run", "export", "help");
    }

    @Test
    void shouldNameItselfAndItsVersion() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString()).startsWith("zoom-metering ");
    }

    @Test
    void shouldExitWithAUsageErrorWithoutASubcommand() {
        assertThat(run(Map.of())).isEqualTo(ExitCodes.BAD_SETTINGS);
        assertThat(err.toString()).contains("Missing subcommand");
    }

    @Test
    void shouldExitTwoNamingTheSettingWhenAValueIsBad() {
        int code = run(Map.of("ZM_HTTP_PORT", "eighty"), "run");

        assertThat(code).isEqualTo(ExitCodes.BAD_SETTINGS);
        assertThat(err.toString()).contains("zm.http.port", "ZM_HTTP_PORT");
    }

    @Test
    void shouldRefuseToHashWithoutAKeyExitingTwoNamingTheSetting() {
        int code = run(Map.of("ZM_PII_MODE", "HASH"), "run", "--http-port", "-1");

        assertThat(code).isEqualTo(ExitCodes.BAD_SETTINGS);
        assertThat(err.toString()).contains("zm.pii.mode", "zm.pii.hash.key.file", "ZM_PII_HASH_KEY");
    }

    @Test
    void shouldRefuseAHashKeyOnTheCommandLineExitingTwoWithoutPrintingIt() {
        String key = "a-secret-hmac-key-of-32-bytes-xx";
        int code = run(Map.of(), "run", "--http-port", "-1", "-D", "zm.pii.hash.key=" + key);

        assertThat(code).isEqualTo(ExitCodes.BAD_SETTINGS);
        assertThat(err.toString()).contains("zm.pii.hash.key").doesNotContain(key);
    }

    @Test
    void shouldExitWithAClearMessageWhenTheSchemaRegistryIsUnreachable() {
        int code = run(
                Map.of(),
                "run",
                "--schema-registry-url",
                "http://127.0.0.1:1",
                "--http-port",
                "-1",
                "-D",
                "schema.registry.http.total.timeout.ms=2000",
                "-D",
                "schema.registry.max.retries=0");

        assertThat(code).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).contains("Schema Registry", "http://127.0.0.1:1");
    }

    @Test
    void shouldExitWithAClearMessageWhenKafkaIsUnreachable() {
        int code = run(
                Map.of(),
                "run",
                "--schema-registry-url",
                "mock://main-test",
                "--http-port",
                "-1",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "-D",
                "zm.startup.timeout.ms=2000");

        assertThat(code).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).contains("Kafka cluster at 127.0.0.1:1");
    }
}
