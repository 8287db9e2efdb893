package io.zoommetering.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.tools.testing.AppProcess;
import io.zoommetering.tools.testing.Poll;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery time as a new user meets it (docs/RELIABILITY.md, "Recovery time"): {@code demo --data-dir D}, killed with
 * SIGKILL, started again on D. Its broker comes back with the group as it was, the dead member in it; a dynamic
 * member would sit in REBALANCING until that member's session timed out. The demo is a static member, so it takes
 * its tasks back at once; under exactly-once its tasks were not closed cleanly, so it restores them from their
 * changelogs first. A clean restart (SIGTERM) on the same state, which restores nothing, bounds the cost of that
 * restore (the difference also holds the recovery of the demo's own broker, killed with it).
 *
 * <p>{@code -Dreliability.long=true}: about 100 MB of changelogs before the kill, for a restore cost worth
 * extrapolating (not for CI).
 */
@Tag("integration")
class DemoRestartIT {

    private static final boolean LONG = Boolean.getBoolean("reliability.long");
    /** Longer than anything the restart may take: a restart that waits it out fails the test. */
    private static final Duration SESSION_TIMEOUT = Duration.ofMinutes(3);

    private static final long CHANGELOG_BYTES = LONG ? 100L * 1024 * 1024 : 1024 * 1024;
    private static final Pattern BROKER = Pattern.compile("Embedded Kafka at (\\S+),");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aDemoKilledWithSigkillResumesOnItsDataDirectoryWithoutWaitingOutItsOldSession(@TempDir Path dir)
            throws Exception {
        int port = freePort();
        Path data = dir.resolve("data");
        long changelogBytes;
        // Given a demo on its data directory that has built some state
        try (AppProcess first = demo(dir, "first", data, port)) {
            awaitReady(first, port, Duration.ofMinutes(5));
            Poll.until(
                    Duration.ofMinutes(LONG ? 15 : 3),
                    () -> "the changelogs hold " + CHANGELOG_BYTES + " bytes\n" + first.output(),
                    () -> changelogBytes(first.output()) >= CHANGELOG_BYTES);
            changelogBytes = changelogBytes(first.output());

            // When it is killed with SIGKILL
            first.kill();
        }

        // Then, started again on the same directory, it is ready well before the old member's session expires
        Duration afterKill;
        try (AppProcess second = demo(dir, "after-kill", data, port)) {
            afterKill = awaitReady(second, port, SESSION_TIMEOUT);
            assertThat(afterKill).as(second.output()).isLessThan(SESSION_TIMEOUT);
            assertThat(second.stop(Duration.ofSeconds(60))).as(second.output()).isZero();
        }

        // and a clean restart on the same state, with nothing to restore, tells what the restore cost
        Duration afterStop;
        try (AppProcess third = demo(dir, "after-stop", data, port)) {
            afterStop = awaitReady(third, port, SESSION_TIMEOUT);
            assertThat(third.stop(Duration.ofSeconds(60))).as(third.output()).isZero();
        }
        // (the difference is the restore of the corrupted tasks, plus what a killed broker and a killed
        // transactional producer cost on restart: the demo's broker is in the killed process)
        System.out.printf(
                "RELIABILITY demo restart | changelogs %.1f MB | start to ready after SIGKILL %d ms, after SIGTERM"
                        + " %d ms | difference %d ms%n",
                changelogBytes / (1024.0 * 1024.0),
                afterKill.toMillis(),
                afterStop.toMillis(),
                afterKill.minus(afterStop).toMillis());
    }

    private static AppProcess demo(Path dir, String name, Path data, int port) throws Exception {
        return AppProcess.start(
                AppProcess.TOOLS_JAR,
                dir.resolve(name + ".log"),
                "demo",
                "--data-dir",
                data.toString(),
                "--http-port",
                Integer.toString(port),
                "--events-per-second",
                LONG ? "3000" : "300",
                "--refresh",
                "PT30S",
                "-D",
                "consumer.session.timeout.ms=" + SESSION_TIMEOUT.toMillis());
    }

    /** The bytes in the demo's changelog topics, on its embedded broker. */
    private static long changelogBytes(String output) throws Exception {
        Matcher broker = BROKER.matcher(output);
        if (!broker.find()) {
            return 0;
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.group(1)))) {
            long bytes = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(
                            admin.describeCluster().nodes().get().stream()
                                    .map(node -> node.id())
                                    .toList())
                    .allDescriptions()
                    .get()
                    .values()) {
                for (LogDirDescription logDir : dirs.values()) {
                    bytes += logDir.replicaInfos().entrySet().stream()
                            .filter(entry -> entry.getKey().topic().endsWith("-changelog"))
                            .mapToLong(entry -> entry.getValue().size())
                            .sum();
                }
            }
            return bytes;
        }
    }

    /** Waits until the demo answers 200 on /health/ready (Kafka Streams RUNNING); how long that took. */
    private Duration awaitReady(AppProcess demo, int port, Duration timeout) throws Exception {
        long started = System.nanoTime();
        Poll.until(timeout, () -> "the demo is ready\n" + demo.output(), () -> {
            assertThat(demo.isAlive()).as(demo.output()).isTrue();
            try {
                return http.send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
