package io.zoommetering.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.Main;
import io.zoommetering.app.config.AppConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Jib configuration of app/pom.xml, read statically: what every build of the image gets. */
class ImageConfigTest {

    private final ImageConfig image = ImageConfig.fromPom();

    @Test
    void shouldPinTheBaseImageByDigest() {
        assertThat(image.baseImage())
                .startsWith("gcr.io/distroless/java17-debian12:nonroot@sha256:")
                .matches(".+@sha256:[0-9a-f]{64}");
    }

    @Test
    void shouldRunTheProcessorByDefault() {
        assertThat(image.mainClass()).isEqualTo(Main.class.getName());
        assertThat(image.args()).containsExactly("run");
        assertThat(Main.commandLine(Map.of()).getSubcommands()).containsKey("run");
    }

    @Test
    void shouldRunAsANonRootUser() {
        assertThat(image.user()).matches("[0-9]+:[0-9]+");
        assertThat(image.uid()).isPositive();
    }

    @Test
    void shouldExposeTheHttpPortTheProcessorListensOnByDefault() {
        Object defaultPort = AppConfig.configDef().defaultValues().get(AppConfig.HTTP_PORT);
        assertThat(image.ports()).containsExactly(String.valueOf(defaultPort));
    }

    @Test
    void shouldSizeTheHeapFromTheContainersMemoryAndExitWhenItRunsOut() {
        assertThat(image.maxRamFraction()).isPresent();
        assertThat(image.maxRamFraction().getAsDouble()).isBetween(0.25, 0.75);
        assertThat(image.jvmFlags()).contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void shouldBuildTheImageOnlyWhenAProfileAsksForIt() {
        assertThat(image.boundOutsideProfiles())
                .as("jib-maven-plugin in <build><plugins>")
                .isFalse();
    }

    @Test
    void shouldNameTheImageAfterTheProjectVersion() {
        assertThat(image.name()).isEqualTo("zoom-metering:" + image.version());
    }
}
