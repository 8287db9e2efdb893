package io.zoommetering.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.ops.Repository;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.registry.OutputRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The topology's layout (docs/ARCHITECTURE.md): no package cycle; the stages and the kit below the outputs never
 * reach up to an output or to the registry; and each output's value class is used by its own package only.
 */
class TopologyLayersTest {

    private static final String TOPOLOGY = "io.zoommetering.topology";
    private static final Path SOURCES = Repository.root().resolve("topology/src/main/java");

    private final PackageGraph graph = PackageGraph.of(SOURCES);

    @Test
    void hasNoPackageCycle() {
        assertThat(graph.packages()).contains(TOPOLOGY + ".registry", TOPOLOGY + ".output.signups");
        assertThat(graph.cycles()).isEmpty();
    }

    @Test
    void keepsTheKitBelowTheOutputsAndTheSettings() {
        for (String kit : Set.of("account", "aggregate", "audit", "money", "output", "state", "time", "topics")) {
            assertThat(graph.usedBy(TOPOLOGY + "." + kit))
                    .as(kit)
                    .noneMatch(used -> isOutput(used)
                            || used.equals(TOPOLOGY + ".registry")
                            || used.equals(TOPOLOGY + ".config")
                            || used.equals(TOPOLOGY));
        }
    }

    @Test
    void keepsIntakeAndErrorsApartFromTheOutputs() {
        for (String stage : Set.of("intake", "errors")) {
            assertThat(graph.usedBy(TOPOLOGY + "." + stage))
                    .as(stage)
                    .noneMatch(used -> isOutput(used) || used.equals(TOPOLOGY + ".registry"));
        }
    }

    private static boolean isOutput(String name) {
        return name.startsWith(TOPOLOGY + ".output.");
    }

    @Test
    void usesEachOutputsValueClassFromItsOwnPackageOnly() {
        for (GoldOutput output : OutputRegistry.OUTPUTS) {
            Class<?> value = output.table().valueType();
            Set<String> users = packagesNaming(value.getName());
            assertThat(users)
                    .as(value.getName())
                    .containsExactly(output.table().getClass().getPackageName());
        }
    }

    private static Set<String> packagesNaming(String className) {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String text = read(file);
                if (text.contains(className + ";")
                        || text.contains(className + ".")
                        || text.contains(className + " ")
                        || text.contains(className + ")")) {
                    packages.add(SOURCES.relativize(file.getParent()).toString().replace('/', '.'));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packages;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
