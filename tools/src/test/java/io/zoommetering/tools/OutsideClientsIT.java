package io.zoommetering.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.events.EventFiles;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.ops.Repository;
import io.zoommetering.avro.usage.User;
import io.zoommetering.tools.generator.GeneratedEvent;
import io.zoommetering.tools.generator.GeneratorSettings;
import io.zoommetering.tools.generator.LiveStream;
import io.zoommetering.tools.generator.TrafficGenerator;
import io.zoommetering.tools.testing.AppProcess;
import io.zoommetering.tools.testing.OutsideProducer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a Kafka with a Schema Registry for clients outside its JVM: a producer in a process of its own writes a
 * new user through the demo's Kafka port and registry API, and the production jar's {@code export}, a consumer in a
 * third process, finds that user in {@code gold.dim.user} through the same two ports.
 */
@Tag("integration")
class OutsideClientsIT {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void anOutsideProducersRecordsReachTheGoldTopics(@TempDir Path dir) throws Exception {
        int kafkaPort = freePort();
        int registryPort = freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String registry = "http://127.0.0.1:" + registryPort;
        try (AppProcess demo = AppProcess.start(
                AppProcess.TOOLS_JAR,
                dir.resolve("demo.log"),
                "demo",
                "--kafka-port",
                Integer.toString(kafkaPort),
                "--registry-port",
                Integer.toString(registryPort),
                "--http-port",
                "0",
                "--backfill",
                "0s",
                "--events-per-second",
                "5",
                "--duration",
                "4m",
                "--data-dir",
                dir.resolve("data").toString())) {
            // Given the demo, running (its topics exist once it names its dashboard)
            awaitOutput(demo, "Dashboard:", Duration.ofMinutes(2));

            // When another process produces a user of its own through the demo's two ports
            String userId = "outside-" + UUID.randomUUID();
            Path events = dir.resolve("outside.jsonl");
            EventFiles.write(events, List.of(outsideUser(userId)));
            Process producer = new ProcessBuilder(
                            javaBinary(),
                            "-cp",
                            AppProcess.TOOLS_JAR
                                    + java.io.File.pathSeparator
                                    + Repository.root().resolve("tools/target/test-classes"),
                            OutsideProducer.class.getName(),
                            bootstrap,
                            registry,
                            events.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("producer.log").toFile())
                    .start();
            assertThat(producer.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(producer.exitValue())
                    .as(Files.readString(dir.resolve("producer.log")))
                    .isZero();

            // Then the production jar's export, a third process, reads the user's dimension row from gold.dim.user
            Path export = dir.resolve("gold.jsonl");
            String exported = "";
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!exported.contains(userId) && System.nanoTime() < deadline && demo.isAlive()) {
                Process reader = new ProcessBuilder(
                                javaBinary(),
                                "-jar",
                                AppProcess.PROCESSOR_JAR.toString(),
                                "export",
                                "--bootstrap-servers",
                                bootstrap,
                                "--schema-registry",
                                registry,
                                "--topics",
                                "gold.dim.user,gold.audit.errors",
                                "--to-file",
                                export.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("export.log").toFile())
                        .start();
                reader.waitFor(90, TimeUnit.SECONDS);
                exported = Files.exists(export) ? Files.readString(export) : "";
                if (!exported.contains(userId)) {
                    Thread.sleep(2_000);
                }
            }
            assertThat(exported.lines().filter(line -> line.contains(userId)).toList())
                    .as("export log: %s%ndemo: %s", Files.readString(dir.resolve("export.log")), demo.output())
                    .anyMatch(line -> line.contains("gold.dim.user"));
        }
    }

    /** A user profile at the current time (on time for the live demo), made like the generator makes them. */
    private static EventRecord outsideUser(String userId) {
        LiveStream stream = new TrafficGenerator(
                        GeneratorSettings.defaults().withUsers(3).clean())
                .liveEvents(Clock.systemUTC(), instant -> {}, Duration.ZERO);
        while (true) {
            GeneratedEvent event = stream.next();
            if (event.record().value() instanceof User user) {
                User outside = User.newBuilder(user)
                        .setUserId(userId)
                        .setEventId(userId)
                        .setEventTime(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                        .build();
                return EventRecord.of(event.record().topic(), userId, outside);
            }
        }
    }

    private static void awaitOutput(AppProcess process, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.output().contains(text)) {
            assertThat(process.isAlive()).as(process.output()).isTrue();
            assertThat(System.nanoTime())
                    .as("%s within %s: %s", text, timeout, process.output())
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
