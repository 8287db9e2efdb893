package io.zoommetering.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The production jar (app/target/zoom-metering.jar, what {@code run} ships as) holds the processor only: no Kafka
 * broker, controller or raft log (the tools' embedded broker), no Scala, no class of the tools.
 */
class ProductionJarIT {

    /** The broker's artifacts, which only the tools may depend on: their jars in the image, their poms in a jar. */
    static final List<String> BROKER_ARTIFACTS = List.of(
            "kafka_2.13",
            "kafka-server",
            "kafka-server-common",
            "kafka-metadata",
            "kafka-raft",
            "kafka-storage",
            "kafka-storage-api",
            "kafka-group-coordinator",
            "kafka-transaction-coordinator",
            "kafka-coordinator-common",
            "kafka-share-coordinator",
            "scala-library");
    /**
     * Packages of the broker's jars. kafka-clients itself ships interfaces under org/apache/kafka/server (authorizer,
     * policy, quota, telemetry plugins), so that package is checked by what is beside them.
     */
    private static final List<String> BROKER_PACKAGES = List.of(
            "kafka/server/",
            "kafka/raft/",
            "kafka/log/",
            "kafka/cluster/",
            "kafka/coordinator/",
            "org/apache/kafka/raft/",
            "org/apache/kafka/metadata/",
            "org/apache/kafka/controller/",
            "org/apache/kafka/storage/",
            "org/apache/kafka/image/",
            "scala/",
            "io/zoommetering/tools/");

    private static final Set<String> CLIENT_SERVER_PLUGINS = Set.of("authorizer", "policy", "quota", "telemetry");

    private static final Path JAR = Repository.root().resolve("app/target/zoom-metering.jar");

    @Test
    void shouldHoldNoBrokerAndNoTool() throws IOException {
        assertThat(JAR).exists();
        Set<String> names = new TreeSet<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jar.stream().map(ZipEntry::getName).forEach(names::add);
        }

        assertThat(names).contains("io/zoommetering/app/Main.class", "io/zoommetering/app/processor/MeteringApp.class");
        assertThat(names).noneMatch(name -> BROKER_PACKAGES.stream().anyMatch(name::startsWith));
        assertThat(names)
                .filteredOn(name -> name.startsWith("org/apache/kafka/server/") && name.endsWith(".class"))
                .allMatch(name -> CLIENT_SERVER_PLUGINS.contains(name.split("/")[4]));
        assertThat(names)
                .noneMatch(name -> BROKER_ARTIFACTS.stream()
                        .anyMatch(artifact -> name.startsWith("META-INF/maven/org.apache.kafka/" + artifact + "/")
                                || name.startsWith("META-INF/maven/org.scala-lang/" + artifact + "/")));
    }
}
