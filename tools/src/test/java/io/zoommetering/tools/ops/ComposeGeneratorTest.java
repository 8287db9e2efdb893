package io.zoommetering.tools.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.zoommetering.app.ops.Repository;
import io.zoommetering.tools.ToolsMain;
import io.zoommetering.tools.testing.AppProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compose file's generator: the tools jar that {@code package} builds, run by the Java of the processor's image
 * (which holds no tool), with a command the tools accept, producing to the processor's cluster and registry.
 */
class ComposeGeneratorTest {

    private static final String MOUNTED_JAR = "/tools/zoom-metering-tools.jar";

    private final JsonNode services = Repository.yaml("docker-compose.yml").get("services");
    private final JsonNode generator = services.get("generator");

    @Test
    void shouldRunTheToolsJarThatPackageBuilds() {
        assertThat(Repository.strings(generator.get("entrypoint"))).containsExactly("java", "-jar", MOUNTED_JAR);
        String mount = Repository.root().relativize(AppProcess.TOOLS_JAR) + ":" + MOUNTED_JAR + ":ro";
        assertThat(Repository.strings(generator.get("volumes"))).containsExactly("./" + mount);
        assertThat(generator.get("image").asText())
                .isEqualTo(services.get("metering").get("image").asText());
    }

    @Test
    void shouldGenerateIntoTheProcessorsClusterWithACommandTheToolsAccept() {
        List<String> generate = Repository.strings(generator.get("command"));
        JsonNode metering = services.get("metering").get("environment");

        assertThat(generate.get(0)).isEqualTo("generate");
        assertThatCode(() -> ToolsMain.commandLine(Map.of()).parseArgs(generate.toArray(String[]::new)))
                .doesNotThrowAnyException();
        assertThat(generate)
                .containsSubsequence(
                        "--bootstrap-servers",
                        metering.get("KAFKA_BOOTSTRAP_SERVERS").asText());
        assertThat(generate)
                .containsSubsequence(
                        "--schema-registry", metering.get("SCHEMA_REGISTRY_URL").asText());
    }
}
