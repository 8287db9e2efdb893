package io.zoommetering.tools.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.architecture.PackageGraph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The packages of the tools' main code use each other one way (their uses of app's packages point out of it). */
class PackageCyclesTest {

    @Test
    void toolsMainCodeHasNoPackageCycle() {
        PackageGraph graph = PackageGraph.of(Path.of("src", "main", "java"));

        assertThat(graph.packages()).contains("io.zoommetering.tools", "io.zoommetering.tools.generator");
        assertThat(graph.cycles()).isEmpty();
        graph.packages()
                .forEach(name -> assertThat(graph.usedBy(name)).as(name).doesNotContain("io.zoommetering.tools"));
    }
}
