package io.zoommetering.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.config.LayeredSettings.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void shouldMapKafkaVariablesToLowerCaseDottedProperties() {
        Map<String, Setting> settings = Environment.settings(
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                        "KAFKA_PRODUCER_LINGER_MS", "5"),
                AppSettings.knownKeys());

        assertThat(settings.get("bootstrap.servers"))
                .isEqualTo(new Setting("broker:9092", "environment variable KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(settings.get("producer.linger.ms").value()).isEqualTo("5");
    }

    @Test
    void shouldSkipTheLaunchersOwnKafkaVariables() {
        Map<String, Setting> settings = Environment.settings(
                Map.of("KAFKA_HEAP_OPTS", "-Xmx1g", "KAFKA_OPTS", "-Dx=y", "KAFKA_HOME", "/opt/kafka", "PATH", "/bin"),
                AppSettings.knownKeys());

        assertThat(settings).isEmpty();
    }

    @Test
    void shouldMapZmVariablesToKnownSettingsEvenWithDashesInTheirNames() {
        Map<String, Setting> settings = Environment.settings(
                Map.of(
                        "ZM_EMIT_MODE", "FINAL",
                        "ZM_TOPIC_FEATURE_USAGE", "usage.features",
                        "ZM_HTTP_PORT", "9000"),
                AppSettings.knownKeys());

        assertThat(settings.get("zm.emit.mode").value()).isEqualTo("FINAL");
        assertThat(settings.get("zm.topic.feature-usage").value()).isEqualTo("usage.features");
        assertThat(settings.get("zm.http.port").value()).isEqualTo("9000");
    }

    @Test
    void shouldMapSchemaRegistryVariables() {
        Map<String, Setting> settings = Environment.settings(
                Map.of(
                        "SCHEMA_REGISTRY_URL", "https://registry:8081",
                        "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "user:secret"),
                AppSettings.knownKeys());

        assertThat(settings.get("schema.registry.url").value()).isEqualTo("https://registry:8081");
        assertThat(settings.get("schema.registry.basic.auth.user.info").value()).isEqualTo("user:secret");
    }
}
