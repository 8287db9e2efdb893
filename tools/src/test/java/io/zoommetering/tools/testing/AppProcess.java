package io.zoommetering.tools.testing;

import io.zoommetering.app.ops.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar <jar> ...} as a child process, as an operator runs it: a shaded jar that {@code package} built
 * (integration tests run after it), output to a file.
 */
public final class AppProcess implements AutoCloseable {

    /** The production jar: the processor's {@code run} and {@code export} (app is built before tools). */
    public static final Path PROCESSOR_JAR = Repository.root().resolve("app/target/zoom-metering.jar");
    /** This module's jar: {@code demo}, {@code generate}, {@code bench}. */
    public static final Path TOOLS_JAR = Repository.root().resolve("tools/target/zoom-metering-tools.jar");

    private final Process process;
    private final Path log;

    private AppProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static AppProcess start(Path jar, Path log, String... args) throws IOException {
        return start(jar, log, List.of(), Map.of(), args);
    }

    /** @param jvmOptions options of the JVM itself, before {@code -jar} (system properties, say) */
    public static AppProcess start(Path jar, Path log, List<String> jvmOptions, String... args) throws IOException {
        return start(jar, log, jvmOptions, Map.of(), args);
    }

    /** As {@link #start(Path, Path, String...)}, with these variables added to the environment. */
    public static AppProcess start(Path jar, Path log, Map<String, String> environment, String... args)
            throws IOException {
        return start(jar, log, List.of(), environment, args);
    }

    private static AppProcess start(
            Path jar, Path log, List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests after package (mvn verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process =
                builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AppProcess(process, log);
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then the exit code, or -1 when it did not exit in time (it is then killed). */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye to the group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The exit code, or -1 when it did not exit in time (it is then killed). */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
