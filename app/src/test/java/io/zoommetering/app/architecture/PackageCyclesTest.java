package io.zoommetering.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packages of the processor's main code use each other one way: no package reaches itself again. */
class PackageCyclesTest {

    @Test
    void appMainCodeHasNoPackageCycle() {
        PackageGraph graph = PackageGraph.of(Path.of("src", "main", "java"));

        assertThat(graph.packages()).contains("io.zoommetering.app", "io.zoommetering.app.cli");
        assertThat(graph.cycles()).isEmpty();
        // Main is the top: it uses the commands, and nothing uses its package.
        assertThat(graph.usedBy("io.zoommetering.app")).contains("io.zoommetering.app.cli");
        graph.packages().forEach(name -> assertThat(graph.usedBy(name)).as(name).doesNotContain("io.zoommetering.app"));
    }

    @Test
    void findsACycleThroughImportsStaticImportsAndQualifiedNames(@TempDir Path root) throws IOException {
        write(root, "a/A.java", "package a;\nimport static b.B.run;\n/** c.C is only named here. */\nclass A {}\n");
        write(root, "b/B.java", "package b;\nclass B { Object c = new c.C(); String s = \"a.A\"; }\n");
        write(root, "c/C.java", "package c;\nimport a.A;\nimport java.util.List;\nclass C {}\n");
        write(root, "d/D.java", "package d;\nimport a.A;\nclass D {}\n");

        PackageGraph graph = PackageGraph.of(root);

        assertThat(graph.usedBy("a")).containsExactly("b");
        assertThat(graph.usedBy("b")).containsExactly("c");
        assertThat(graph.usedBy("c")).containsExactly("a");
        assertThat(graph.cycles())
                .singleElement()
                .asString()
                .startsWith("a <-> b <-> c:")
                .contains("c -> a in [c/C.java]");
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
