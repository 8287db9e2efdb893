package io.zoommetering.tools.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instances of {@code zoom-metering run}, each a child process (the production jar) with its own state directory,
 * HTTP port and stable {@code group.instance.id}, all of one application: killed with SIGKILL, stopped with
 * SIGTERM, and started again on the same state as an operator (or Kubernetes) would.
 */
public final class ProcessorFleet implements AutoCloseable {

    /** The consumer coordinator's INFO line naming the generation a member joined: one per rebalance it saw. */
    private static final Pattern JOINED =
            Pattern.compile("Successfully joined group with generation Generation\\{generationId=(\\d+)");

    private static final List<String> JVM_OPTIONS = List.of(
            // The consumer coordinator's INFO lines (joins, generations), to count rebalances.
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.internals.ConsumerCoordinator=info");

    private final Path dir;
    private final List<Instance> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param settings the settings every instance shares (bootstrap servers, registry, application.id, ...); each
     *                 gets its own state.dir and group.instance.id on top
     */
    public ProcessorFleet(Path dir, int size, Map<String, String> settings) throws IOException {
        this.dir = dir;
        for (int i = 0; i < size; i++) {
            Path home = Files.createDirectories(dir.resolve("instance-" + i));
            List<String> lines = new ArrayList<>();
            settings.forEach((key, value) -> lines.add(key + "=" + value));
            lines.add("state.dir=" + home.resolve("state"));
            lines.add("group.instance.id=" + settings.get("application.id") + "-" + i);
            Path file = Files.write(home.resolve("zoom-metering.properties"), lines, StandardCharsets.UTF_8);
            instances.add(new Instance(i, file, freePort()));
        }
    }

    public int size() {
        return instances.size();
    }

    /** Starts instance {@code i} (it must not be running). */
    public void start(int i) throws IOException {
        Instance instance = instances.get(i);
        instance.starts++;
        Path log = dir.resolve("instance-" + i + "-" + instance.starts + ".log");
        instance.logs.add(log);
        instance.process = AppProcess.start(
                AppProcess.PROCESSOR_JAR,
                log,
                JVM_OPTIONS,
                "run",
                "--config",
                instance.settings.toString(),
                "--http-port",
                Integer.toString(instance.port));
    }

    /** SIGKILL: no commit, no goodbye to the group, open transactions left open. */
    public void kill(int i) throws InterruptedException {
        instances.get(i).process.kill();
    }

    /** SIGTERM and the exit code (-1 when it did not exit within the timeout and was killed). */
    public int stop(int i, Duration timeout) throws InterruptedException {
        return instances.get(i).process.stop(timeout);
    }

    /** Waits until instance {@code i} answers 200 on /health/ready (Kafka Streams RUNNING); fails if it died. */
    public void awaitReady(int i, Duration timeout) throws Exception {
        Instance instance = instances.get(i);
        Poll.until(timeout, () -> "instance " + i + " is ready\n" + instance.process.output(), () -> isReady(i));
    }

    /** Whether instance {@code i} answers 200 on /health/ready now; fails if it died. */
    public boolean isReady(int i) throws Exception {
        Instance instance = instances.get(i);
        if (!instance.process.isAlive()) {
            throw new AssertionError("instance " + i + " died:\n" + instance.process.output());
        }
        return ready(instance.port);
    }

    /** Fails, with what it printed, when an instance that should run has died. */
    public void assertAlive() {
        for (Instance instance : instances) {
            if (instance.process != null && !instance.process.isAlive()) {
                throw new AssertionError("instance " + instance.index + " died:\n" + instance.process.output());
            }
        }
    }

    /** Every group generation any instance joined, in every run of it so far: one per rebalance. */
    public TreeSet<Integer> generationsJoined() throws IOException {
        TreeSet<Integer> generations = new TreeSet<>();
        for (Instance instance : instances) {
            for (Path log : instance.logs) {
                Matcher matcher = JOINED.matcher(Files.readString(log, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    generations.add(Integer.parseInt(matcher.group(1)));
                }
            }
        }
        return generations;
    }

    /** The output of the current run of instance {@code i}. */
    public String output(int i) {
        return instances.get(i).process.output();
    }

    private boolean ready(int port) throws Exception {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            // Not listening yet, or gone while answering: not ready.
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Instance instance : instances) {
            if (instance.process != null) {
                instance.process.close();
            }
        }
    }

    private static final class Instance {
        private final int index;
        private final Path settings;
        private final int port;
        private final List<Path> logs = new ArrayList<>();
        private AppProcess process;
        private int starts;

        private Instance(int index, Path settings, int port) {
            this.index = index;
            this.settings = settings;
            this.port = port;
        }
    }
}
