package io.zoommetering.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.zoommetering.app.Main;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml against what it runs: pinned images, a KRaft broker of the build's Kafka version, health
 * checks behind every start-up dependency, and the processor and generator given commands and settings the
 * application accepts. (CI also runs `docker-compose config`, which checks it against the Compose schema.)
 */
class ComposeFileTest {

    private static final Pattern EXACT_VERSION =
            Pattern.compile("[a-z0-9./-]+:v?[0-9]+\\.[0-9]+\\.[0-9]+" + "(@sha256:[0-9a-f]{64})?");
    private static final Pattern KAFKA_VERSION = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>");

    private final JsonNode services = Repository.yaml("docker-compose.yml").get("services");
    private final ImageConfig image = ImageConfig.fromPom();

    @Test
    void shouldPinEveryImageToAnExactVersion() {
        services.properties().forEach(service -> {
            String name = service.getValue().get("image").asText();
            if (name.startsWith("zoom-metering:")) {
                assertThat(name).as(service.getKey()).isEqualTo(image.name());
                assertThat(service.getValue().get("pull_policy").asText()).isEqualTo("never");
            } else {
                assertThat(name).as(service.getKey()).matches(EXACT_VERSION);
            }
        });
    }

    @Test
    void shouldRunKafkaInKraftModeAtTheVersionTheBuildUses() {
        JsonNode kafka = services.get("kafka");
        Matcher version = KAFKA_VERSION.matcher(Repository.text("pom.xml"));
        assertThat(version.find()).isTrue();

        assertThat(kafka.get("image").asText()).isEqualTo("apache/kafka:" + version.group(1));
        assertThat(kafka.get("environment").get("KAFKA_PROCESS_ROLES").asText()).contains("controller");
        services.properties().forEach(service -> {
            assertThat(service.getValue().get("image").asText()).doesNotContainIgnoringCase("zookeeper");
            assertThat(environment(service.getValue()).keySet()).noneMatch(key -> key.contains("ZOOKEEPER"));
        });
    }

    @Test
    void shouldStartEachServiceOnlyWhenWhatItNeedsIsHealthy() {
        services.properties().forEach(service -> {
            JsonNode dependsOn = service.getValue().get("depends_on");
            if (dependsOn == null) {
                return;
            }
            dependsOn.properties().forEach(dependency -> {
                String condition = dependency.getValue().get("condition").asText();
                assertThat(condition)
                        .as(service.getKey() + " -> " + dependency.getKey())
                        .isIn("service_healthy", "service_started");
                if (condition.equals("service_healthy")) {
                    assertThat(services.get(dependency.getKey()).get("healthcheck"))
                            .as(dependency.getKey())
                            .isNotNull();
                }
            });
        });
        assertThat(condition("metering", "kafka")).isEqualTo("service_healthy");
        assertThat(condition("metering", "schema-registry")).isEqualTo("service_healthy");
        assertThat(condition("generator", "schema-registry")).isEqualTo("service_healthy");
        assertThat(condition("grafana", "prometheus")).isEqualTo("service_healthy");
    }

    @Test
    void shouldRunTheProcessorWithTheImagesCommand() {
        List<String> run = Repository.strings(services.get("metering").get("command"));

        assertThat(run).isEqualTo(image.args());
        assertThatCode(() -> Main.commandLine(Map.of()).parseArgs(run.toArray(String[]::new)))
                .doesNotThrowAnyException();
        // The generator's command is the tools' (tools' ComposeGeneratorTest).
    }

    @Test
    void shouldGiveTheProcessorSettingsItKnows() {
        JsonNode metering = services.get("metering");
        Map<String, String> env = environment(metering);

        assertThat(ProcessorEnvironment.unknownVariables(env)).isEmpty();
        assertThatCode(() -> ProcessorEnvironment.load(env)).doesNotThrowAnyException();
        assertThat(env)
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", internalKafkaListener())
                .containsEntry("SCHEMA_REGISTRY_URL", registryUrl())
                .containsEntry("ZM_HTTP_PORT", image.ports().get(0))
                .containsKey("KAFKA_GROUP_INSTANCE_ID");
        String port = image.ports().get(0);
        assertThat(Repository.strings(metering.get("ports"))).contains(port + ":" + port);
        String volume = Repository.strings(metering.get("volumes")).get(0);
        assertThat(env.get("KAFKA_STATE_DIR"))
                .as("state.dir on the named volume")
                .startsWith(volume.substring(volume.indexOf(':') + 1) + "/");
    }

    @Test
    void shouldScrapeTheProcessorAndProvisionGrafanaFromThisRepository() {
        JsonNode scrape = Repository.yaml("deploy/prometheus/prometheus.yml")
                .get("scrape_configs")
                .get(0);
        assertThat(Repository.strings(scrape.get("static_configs").get(0).get("targets")))
                .containsExactly(
                        "metering:" + environment(services.get("metering")).get("ZM_HTTP_PORT"));
        assertThat(scrape.get("metrics_path").asText()).isEqualTo("/metrics");

        List<String> mounts = new ArrayList<>();
        mounts.addAll(Repository.strings(services.get("prometheus").get("volumes")));
        mounts.addAll(Repository.strings(services.get("grafana").get("volumes")));
        mounts.stream()
                .filter(mount -> mount.startsWith("./"))
                .forEach(mount -> assertThat(
                                Files.isDirectory(Repository.root().resolve(mount.substring(2, mount.indexOf(':')))))
                        .as(mount)
                        .isTrue());
        JsonNode datasource = Repository.yaml("deploy/grafana/provisioning/datasources/prometheus.yml")
                .get("datasources")
                .get(0);
        assertThat(datasource.get("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(Repository.strings(services.get("prometheus").get("ports"))).contains("9090:9090");
        String home = environment(services.get("grafana")).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(home).startsWith("/var/lib/grafana/dashboards/");
        assertThat(Files.exists(Repository.root()
                        .resolve("deploy/grafana/dashboards")
                        .resolve(home.substring("/var/lib/grafana/dashboards/".length()))))
                .as(home)
                .isTrue();
    }

    private String condition(String service, String dependency) {
        return services.get(service)
                .get("depends_on")
                .get(dependency)
                .get("condition")
                .asText();
    }

    /** The listener that containers reach the broker on. */
    private String internalKafkaListener() {
        String advertised = environment(services.get("kafka")).get("KAFKA_ADVERTISED_LISTENERS");
        for (String listener : advertised.split(",")) {
            if (listener.startsWith("INTERNAL://")) {
                return listener.substring("INTERNAL://".length());
            }
        }
        throw new AssertionError("no INTERNAL listener in " + advertised);
    }

    private String registryUrl() {
        String listener = environment(services.get("schema-registry")).get("SCHEMA_REGISTRY_LISTENERS");
        return "http://schema-registry:" + listener.substring(listener.lastIndexOf(':') + 1);
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        if (service.get("environment") == null) {
            return env;
        }
        service.get("environment")
                .properties()
                .forEach(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        return env;
    }
}
