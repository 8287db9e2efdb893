package io.zoommetering.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.tools.testing.AppProcess;
import io.zoommetering.tools.testing.Poll;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
 * changelogs first. A clean restart (SIGTERM) on the same state restores nothing: since Kafka 4.3 each store keeps
 * its changelog offset, written on a clean close. Each restart is reported in its
 * steps, from the demo's own log: the JVM and its broker, the processor's start, rebalancing and restoring.
 *
 * <p>{@code -Dreliability.long=true}: about 100 MB of changelogs before the kill, for a restore cost worth
 * extrapolating (not for CI).
 */
@Tag("integration")
class DemoRestartIT {

    private static final boolean LONG = Boolean.getBoolean("reliability.long");
    /** Longer than anything the restart may take: a restart that waits it out fails the test. */
    private static final Duration SESSION_TIMEOUT = Duration.ofMinutes(3);

    /** State to build before the kill: a few days of backfilled history make a few MB of changelogs. */
    private static final long CHANGELOG_BYTES = LONG ? 100L * 1024 * 1024 : 1024 * 1024;

    private static final Pattern BROKER = Pattern.compile("Kafka \\(bootstrap servers\\): +(\\S+)");
    private static final Pattern TIME =
            Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T[0-9:.]+[+-]\\d{4}) ", Pattern.MULTILINE);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final Pattern RESTORED =
            Pattern.compile("Restored (\\d+) store partitions from their changelogs: (\\d+) records in (\\d+) ms");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aDemoKilledWithSigkillResumesOnItsDataDirectoryWithoutWaitingOutItsOldSession(@TempDir Path dir)
            throws Exception {
        int[] ports = {freePort(), freePort(), freePort()};
        Path data = dir.resolve("data");
        long changelogBytes;
        // Given a demo on its data directory that has built some state
        try (AppProcess first = demo(dir, "first", data, ports)) {
            awaitReady(first, ports[0], Duration.ofMinutes(5));
            Poll.until(
                    Duration.ofMinutes(LONG ? 20 : 5),
                    () -> "the changelogs hold " + CHANGELOG_BYTES + " bytes\n" + first.output(),
                    () -> changelogBytes(first.output()) >= CHANGELOG_BYTES);
            changelogBytes = changelogBytes(first.output());

            // When it is killed with SIGKILL
            first.kill();
        }

        // Then, started again on the same directory, it is ready well before the old member's session expires
        Restart afterKill;
        try (AppProcess second = demo(dir, "after-kill", data, ports)) {
            afterKill = restart(second, ports[0], data);
            assertThat(afterKill.total()).as(second.output()).isLessThan(SESSION_TIMEOUT);
            assertThat(afterKill.restoredRecords())
                    .as("records restored into the wiped stores")
                    .isPositive();
            assertThat(second.stop(Duration.ofSeconds(60))).as(second.output()).isZero();
        }

        // and a clean restart on the same state resumes from its checkpoints
        Restart afterStop;
        try (AppProcess third = demo(dir, "after-stop", data, ports)) {
            afterStop = restart(third, ports[0], data);
            assertThat(afterStop.restoredRecords())
                    .as("records restored after a clean close (its stores kept their changelog offsets)")
                    .isZero();
            assertThat(third.stop(Duration.ofSeconds(60))).as(third.output()).isZero();
        }
        System.out.printf(
                "RELIABILITY demo restart | changelogs %.1f MB | after SIGKILL %s | after SIGTERM %s%n",
                changelogBytes / (1024.0 * 1024.0), afterKill, afterStop);
    }

    /**
     * A restart in its steps, from the demo's log: start to broker ready (the JVM and the broker's log recovery),
     * to the processor's start (topics, registry, stores opened), to RUNNING (rebalance and restore); and what
     * the restore listener counted.
     */
    record Restart(
            Duration total,
            Duration broker,
            Duration processor,
            Duration rebalanceAndRestore,
            long restoredRecords,
            long restoreMillis) {
        @Override
        public String toString() {
            return "start to ready %d ms (JVM and broker %d ms, processor start %d ms, rebalance and restore %d ms;"
                            .formatted(
                                    total.toMillis(),
                                    broker.toMillis(),
                                    processor.toMillis(),
                                    rebalanceAndRestore.toMillis())
                    + " restored %d records in %d ms)".formatted(restoredRecords, restoreMillis);
        }
    }

    private Restart restart(AppProcess demo, int httpPort, Path data) throws Exception {
        Path log = data.resolve("demo.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        long started = System.currentTimeMillis();
        Duration total = awaitReady(demo, httpPort, SESSION_TIMEOUT);
        byte[] bytes = Files.readAllBytes(log);
        String lines = new String(bytes, (int) logStart, bytes.length - (int) logStart, StandardCharsets.UTF_8);
        long broker = timeOf(lines, "Embedded Kafka ready");
        long created = timeOf(lines, "Kafka Streams state CREATED -> REBALANCING");
        long running = timeOf(lines, "-> RUNNING");
        long records = 0;
        long restoreMillis = 0;
        Matcher restored = RESTORED.matcher(lines);
        while (restored.find()) {
            records += Long.parseLong(restored.group(2));
            restoreMillis += Long.parseLong(restored.group(3));
        }
        return new Restart(
                total,
                Duration.ofMillis(broker - started),
                Duration.ofMillis(created - broker),
                Duration.ofMillis(running - created),
                records,
                restoreMillis);
    }

    /** The time of the first line of the log containing {@code text}, in epoch milliseconds. */
    private static long timeOf(String lines, String text) {
        int at = lines.indexOf(text);
        assertThat(at).as("the demo's log has a line with %s:%n%s", text, lines).isNotNegative();
        int lineStart = lines.lastIndexOf('\n', at) + 1;
        Matcher time = TIME.matcher(lines.substring(lineStart, at));
        assertThat(time.find()).as(lines.substring(lineStart, at)).isTrue();
        return OffsetDateTime.parse(time.group(1), LOG_TIME).toInstant().toEpochMilli();
    }

    private static AppProcess demo(Path dir, String name, Path data, int[] ports) throws Exception {
        return AppProcess.start(
                AppProcess.TOOLS_JAR,
                dir.resolve(name + ".log"),
                // The long mode's restarted demo needs more than the usual 512 MiB: its traffic generator rebuilds
                // the simulated 35 days of 3,000 events/s in memory to continue those accounts (some 3 million
                // scheduled events, about 420 MB), and ran out of heap before its processor had restored.
                List.of(LONG ? "-Xmx2g" : "-Xmx512m"),
                "demo",
                "--data-dir",
                data.toString(),
                "--http-port",
                Integer.toString(ports[0]),
                "--kafka-port",
                Integer.toString(ports[1]),
                "--registry-port",
                Integer.toString(ports[2]),
                "--backfill",
                LONG ? "35d" : "7d",
                "--events-per-second",
                LONG ? "3000" : "300",
                "--refresh",
                "30s",
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
