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
                .containsEntry("producer.compression.type", "lz4")
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
}
