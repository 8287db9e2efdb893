package io.zoommetering.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zoommetering.app.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image Jib built (app/target/jib-image.tar, by the image profiles of app/pom.xml; CI builds it on every run):
 * its configuration and content. A plain local `mvn verify` builds no image, and this test is then skipped.
 */
class ImageTarIT {

    private static final Path TAR = Repository.root().resolve("app/target/jib-image.tar");

    private static JsonNode config;
    private static Set<String> files;

    private final ImageConfig image = ImageConfig.fromPom();

    @BeforeAll
    static void readImage() throws IOException {
        if (!Files.exists(TAR) && System.getenv("OPS_IMAGE_BASE_TAR") != null) {
            fail("OPS_IMAGE_BASE_TAR is set, so the image-local-base profile should have built " + TAR);
        }
        assumeTrue(Files.exists(TAR), "no image built: mvn -Pimage package, or see deploy/ci/ops.sh");
        Map<String, byte[]> archive;
        try (InputStream in = Files.newInputStream(TAR)) {
            archive = Tar.read(in, name -> true);
        }
        JsonNode manifest =
                Repository.JSON.readTree(archive.get("manifest.json")).get(0);
        config = Repository.JSON
                .readTree(archive.get(manifest.get("Config").asText()))
                .get("config");
        files = new HashSet<>();
        for (JsonNode layer : manifest.get("Layers")) {
            files.addAll(Tar.read(new ByteArrayInputStream(archive.get(layer.asText())), name -> false)
                    .keySet());
        }
    }

    @Test
    void shouldStartTheProcessorWithTheConfiguredJvmFlags() {
        List<String> expected = new ArrayList<>();
        expected.add("java");
        expected.addAll(image.jvmFlags());
        expected.addAll(List.of("-cp", "@/app/jib-classpath-file", Main.class.getName()));

        assertThat(Repository.strings(config.get("Entrypoint"))).isEqualTo(expected);
        assertThat(Repository.strings(config.get("Cmd"))).isEqualTo(image.args());
    }

    @Test
    void shouldRunAsTheNonRootUserAndExposeTheHttpPort() {
        assertThat(config.get("User").asText()).isEqualTo(image.user());
        assertThat(config.get("ExposedPorts").has(image.ports().get(0) + "/tcp"))
                .isTrue();
    }

    @Test
    void shouldHoldTheApplicationAndAJavaRuntime() {
        assertThat(files)
                .contains(
                        "app/jib-classpath-file",
                        "app/jib-main-class-file",
                        "app/classes/" + Main.class.getName().replace('.', '/') + ".class");
        assertThat(files).anyMatch(name -> name.matches("(\\./)?app/libs/kafka-streams-.+\\.jar"));
        assertThat(files).anyMatch(name -> name.matches("(\\./)?usr/bin/java"));
    }

    @Test
    void shouldHoldNoBrokerAndNoTool() {
        // The tools' embedded broker and what it pulls in stay out of the processor's image.
        assertThat(files)
                .noneMatch(name -> ProductionJarIT.BROKER_ARTIFACTS.stream()
                        .anyMatch(artifact -> name.matches("(\\./)?app/libs/" + artifact + "-[0-9].*\\.jar")));
        assertThat(files).noneMatch(name -> name.matches("(\\./)?app/classes/io/zoommetering/tools/.*"));
    }
}
