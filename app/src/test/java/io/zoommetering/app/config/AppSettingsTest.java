package io.zoommetering.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.topology.aggregate.EmitMode;
import io.zoommetering.topology.pii.PiiMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {

    @Test
    void shouldStartFromTheProductionDefaults() {
        AppSettings settings = AppSettings.load(StreamsDefaults.production(), null, Map.of(), Map.of());

        assertThat(settings.streams())
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry("producer.acks", "all")
                .containsEntry("producer.compression.type", "none")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
        assertThat(settings.metering().emitMode()).isEqualTo(EmitMode.EVERY_UPDATE);
        assertThat(settings.app().httpPort()).isEqualTo(8080);
    }

    @Test
    void shouldLetTheFileOverrideDefaultsTheEnvironmentTheFileAndFlagsTheEnvironment(@TempDir Path dir)
            throws IOException {
        // Given each layer setting what the one below set
        Path file = Files.writeString(
                dir.resolve("app.properties"),
                String.join(
                        "\n",
                        "application.id=from-file",
                        "zm.grace=PT1H",
                        "zm.http.port=9001",
                        "commit.interval.ms=500"),
                StandardCharsets.UTF_8);
        Map<String, String> environment = Map.of("ZM_GRACE", "PT2H", "ZM_HTTP_PORT", "9002");
        Map<String, String> flags = Map.of("zm.http.port", "9003");

        // When the settings are loaded
        AppSettings settings = AppSettings.load(StreamsDefaults.production(), file, environment, flags);

        // Then the highest layer wins for each key
        assertThat(settings.applicationId()).isEqualTo("from-file");
        assertThat(settings.streams()).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500");
        assertThat(settings.metering().grace()).hasHours(2);
        assertThat(settings.app().httpPort()).isEqualTo(9003);
        assertThat(settings.layers().sourceOf("zm.grace")).isEqualTo("environment variable ZM_GRACE");
    }

    @Test
    void shouldKeepZmAndRegistrySettingsOutOfTheKafkaProperties() {
        AppSettings settings = AppSettings.load(
                StreamsDefaults.production(),
                null,
                Map.of("SCHEMA_REGISTRY_URL", "http://registry:8081"),
                Map.of("zm.emit.mode", "FINAL", "schema.registry.max.retries", "5"));

        assertThat(settings.streams()).doesNotContainKeys("zm.emit.mode", "schema.registry.url", "max.retries");
        assertThat(settings.registry())
                .containsEntry("schema.registry.url", "http://registry:8081")
                .containsEntry("max.retries", "5");
        assertThat(settings.streamsWithHandlerSettings())
                .containsEntry("zm.emit.mode", "FINAL")
                .containsEntry("schema.registry.url", "http://registry:8081");
    }

    @Test
    void shouldNameTheSettingAndWhereItsBadValueCameFrom() {
        assertThatThrownBy(() -> AppSettings.load(
                        StreamsDefaults.production(), null, Map.of("ZM_EMIT_MODE", "SOMETIMES"), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("zm.emit.mode")
                .hasMessageContaining("environment variable ZM_EMIT_MODE");
    }

    @Test
    void shouldRefuseAnUnknownZmSettingRatherThanIgnoreATypo() {
        assertThatThrownBy(() ->
                        AppSettings.load(StreamsDefaults.production(), null, Map.of(), Map.of("zm.emit.mod", "FINAL")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("Unknown setting zm.emit.mod (command line)");
    }

    @Test
    void shouldRefuseABadKafkaStreamsValue() {
        assertThatThrownBy(() -> AppSettings.load(
                        StreamsDefaults.production(),
                        null,
                        Map.of(),
                        Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "twice")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    }

    @Test
    void shouldRefuseACommitIntervalLongerThanTheTransactionTimeout() {
        assertThatThrownBy(() -> AppSettings.load(
                        StreamsDefaults.production(),
                        null,
                        Map.of(),
                        Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "15000")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("commit.interval.ms");
    }

    @Test
    void shouldRefuseAReplicationFactorOfZero() {
        assertThatThrownBy(() -> AppSettings.load(
                        StreamsDefaults.production(), null, Map.of(), Map.of(AppConfig.TOPICS_REPLICATION, "0")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining(AppConfig.TOPICS_REPLICATION);
    }

    @Test
    void shouldReportAMissingSettingsFile(@TempDir Path dir) {
        assertThatThrownBy(() -> AppSettings.load(
                        StreamsDefaults.production(), dir.resolve("missing.properties"), Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("missing.properties");
    }

    private static final String KEY = "a-secret-hmac-key-of-32-bytes-xx";

    @Test
    void shouldTakeTheHashKeyFromTheEnvironmentAndKeepItOutOfTheKafkaProperties() {
        AppSettings settings = AppSettings.load(
                StreamsDefaults.production(),
                null,
                Map.of("ZM_PII_MODE", "HASH", "ZM_PII_HASH_KEY", KEY),
                Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "pii"));

        assertThat(settings.metering().piiMode()).isEqualTo(PiiMode.HASH);
        assertThat(settings.streams().toString()).doesNotContain(KEY);
        assertThat(settings.streamsWithHandlerSettings().toString()).doesNotContain(KEY);
        assertThat(settings.metering().values().toString()).doesNotContain(KEY);
    }

    @Test
    void shouldRefuseTheHashKeyFromASettingsFileOrAFlagWithoutShowingIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("zm.properties"), "zm.pii.hash.key=" + KEY + "\n");

        assertThatThrownBy(() -> AppSettings.load(StreamsDefaults.production(), file, Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("zm.pii.hash.key is set by file " + file)
                .hasMessageContaining("ZM_PII_HASH_KEY")
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(() ->
                        AppSettings.load(StreamsDefaults.production(), null, Map.of(), Map.of("zm.pii.hash.key", KEY)))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("command line")
                .hasMessageNotContaining(KEY);
    }

    private static final String PASSWORD = "pa\"ss\\word-of-the-processor";

    @Test
    void shouldLogInWithScramOverTlsWithThePasswordFromAFile(@TempDir Path dir) throws IOException {
        Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n");

        AppSettings settings = AppSettings.load(
                StreamsDefaults.production(),
                null,
                Map.of("ZM_KAFKA_SASL_USERNAME", "metering", "ZM_KAFKA_SASL_PASSWORD_FILE", password.toString()),
                Map.of());

        assertThat(settings.clientSettings())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        // Kafka's own parser reads back the user and the password, quotes and backslashes included
        AppConfigurationEntry login = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password((String)
                        settings.clientSettings().get("sasl.jaas.config"))))
                .configurationEntries()
                .get(0);
        assertThat(login.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(login.getOptions().get("username")).isEqualTo("metering");
        assertThat(login.getOptions().get("password")).isEqualTo(PASSWORD);
        // and what Kafka Streams logs of its config hides it
        assertThat(new StreamsConfig(settings.streams()).values().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void shouldTakeTheKafkaPasswordFromTheEnvironmentAndKeepAnExplicitMechanism() {
        AppSettings settings = AppSettings.load(
                StreamsDefaults.production(),
                null,
                Map.of(
                        "ZM_KAFKA_SASL_USERNAME", "metering",
                        "ZM_KAFKA_SASL_PASSWORD", PASSWORD,
                        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256"),
                Map.of());

        assertThat(settings.clientSettings()).containsEntry("sasl.mechanism", "SCRAM-SHA-256");
        assertThat((String) settings.clientSettings().get("sasl.jaas.config")).contains("username=\"metering\"");
    }

    @Test
    void shouldRefuseTheKafkaPasswordFromASettingsFileOrAnAmbiguousLoginWithoutShowingIt(@TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("zm.properties"), "zm.kafka.sasl.password=" + PASSWORD + "\n");
        assertThatThrownBy(() -> AppSettings.load(StreamsDefaults.production(), file, Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("zm.kafka.sasl.password is set by file " + file)
                .hasMessageContaining("ZM_KAFKA_SASL_PASSWORD")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> AppSettings.load(
                        StreamsDefaults.production(), null, Map.of("ZM_KAFKA_SASL_USERNAME", "metering"), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("no password");
        assertThatThrownBy(() -> AppSettings.load(
                        StreamsDefaults.production(),
                        null,
                        Map.of(
                                "ZM_KAFKA_SASL_USERNAME", "metering",
                                "ZM_KAFKA_SASL_PASSWORD", PASSWORD,
                                "KAFKA_SASL_JAAS_CONFIG", "x required;"),
                        Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("Both zm.kafka.sasl.username and sasl.jaas.config")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> AppSettings.load(
                        StreamsDefaults.production(), null, Map.of("ZM_KAFKA_SASL_PASSWORD", PASSWORD), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("no zm.kafka.sasl.username")
                .hasMessageNotContaining(PASSWORD);
    }
}
