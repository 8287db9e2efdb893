package io.zoommetering.tools.bench;

import io.zoommetering.app.config.AppConfig;
import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.config.StreamsDefaults;
import io.zoommetering.app.processor.MeteringApp;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.tools.files.Directories;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.topics.TopicSetting;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Runs the two variants on one cluster, one at a time, each with a fresh application id, fresh output topics and a
 * fresh state directory, and cleans up after each: the gold topology exactly as the application runs it
 * ({@link MeteringApp}), and the {@link PassThrough}, both with the same Kafka Streams settings.
 */
final class BenchRunner {

    private final BenchCluster cluster;
    private final SchemaRegistryClient registry;
    private final String registryUrl;
    private final Path workDir;
    private final String runTag;
    private final int partitions;
    private final int threads;
    private final Path configFile;
    private final Map<String, String> flags;
    private final Duration timeout;
    private final PrintWriter log;

    BenchRunner(
            BenchCluster cluster,
            SchemaRegistryClient registry,
            String registryUrl,
            Path workDir,
            String runTag,
            int partitions,
            int threads,
            Path configFile,
            Map<String, String> flags,
            Duration timeout,
            PrintWriter log) {
        this.cluster = cluster;
        this.registry = registry;
        this.registryUrl = registryUrl;
        this.workDir = workDir;
        this.runTag = runTag;
        this.partitions = partitions;
        this.threads = threads;
        this.configFile = configFile;
        this.flags = flags;
        this.timeout = timeout;
        this.log = log;
    }

    SchemaRegistryClient registry() {
        return registry;
    }

    BenchCluster cluster() {
        return cluster;
    }

    PrintWriter log() {
        return log;
    }

    int partitions() {
        return partitions;
    }

    Duration timeout() {
        return timeout;
    }

    String applicationId(String variant, String guarantee, String run) {
        return String.join("-", "bench", runTag, variant, guarantee.replace("_", ""), run);
    }

    /**
     * The settings of one run: production's Streams defaults, one instance without standbys, the run's own
     * application id, state directory and output topics, the input's topics; then the settings file and the -D
     * flags; the guarantee, the cluster and the registry always the benchmark's.
     */
    AppSettings settings(String applicationId, String guarantee, InputSet input, Map<String, String> overrides) {
        Map<String, String> defaults = new LinkedHashMap<>(StreamsDefaults.production());
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        defaults.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(applicationId).toString());
        defaults.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
        defaults.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        defaults.put(
                StreamsConfig.REPLICATION_FACTOR_CONFIG,
                cluster.replication().map(String::valueOf).orElse("-1"));
        defaults.put(AppConfig.HTTP_PORT, "-1");
        defaults.put(AppConfig.TOPICS_PARTITIONS, Integer.toString(partitions));
        defaults.put(
                AppConfig.TOPICS_REPLICATION,
                cluster.replication().map(String::valueOf).orElse("-1"));
        defaults.putAll(input.topicNames());
        // Every topic but the inputs is the run's own, outputs included: a later run must not read an earlier one's.
        for (TopicSetting topic : MeteringConfig.topics()) {
            if (InputSet.INPUTS.stream().noneMatch(id -> id.configName().equals(topic.configName()))) {
                defaults.put(
                        MeteringConfig.TOPIC_PREFIX + topic.configName(), applicationId + "." + topic.defaultName());
            }
        }
        Map<String, String> top = new LinkedHashMap<>(flags);
        top.putAll(overrides);
        top.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        top.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        top.put(AppConfig.SCHEMA_REGISTRY_URL, registryUrl);
        return AppSettings.load(defaults, configFile, Map.of(), top);
    }

    RunResult gold(InputSet input, String guarantee, String run, int round) throws Exception {
        String applicationId = applicationId(RunResult.GOLD, guarantee, run);
        AppSettings settings = settings(applicationId, guarantee, input, Map.of());
        try {
            Completion.Done done;
            ResourceMeter meter;
            long liveHeap;
            try (MeteringApp app = new MeteringApp(settings, registry, null)) {
                app.prepare();
                meter = ResourceMeter.start();
                app.start();
                long emit = settings.metering().emitInterval().toMillis();
                long commit =
                        Long.parseLong(settings.streams().getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"));
                // Account tasks ship changed partial aggregates every emit interval, and what they ship is visible
                // after the next commit: anything still to ship shows within this window.
                Duration confirmation = Duration.ofMillis(Math.max(2_000, 3 * (emit + commit)));
                done = Completion.await(
                        cluster,
                        applicationId,
                        input.ends(),
                        true,
                        confirmation,
                        timeout,
                        app::state,
                        app::fatalError,
                        meter);
                liveHeap = meter.liveHeapAfterFullGc();
                app.close(settings.app().shutdownTimeout());
            }
            return result(RunResult.GOLD, guarantee, round, applicationId, input, meter, done, liveHeap);
        } finally {
            cleanUp(applicationId);
        }
    }

    RunResult passThrough(InputSet input, String guarantee, String run, int round) throws Exception {
        String applicationId = applicationId(RunResult.PASS_THROUGH, guarantee, run);
        AppSettings settings = settings(applicationId, guarantee, input, Map.of());
        String output = applicationId + ".out";
        try {
            cluster.createTopics(List.of(output), partitions);
            java.util.Properties props = settings.streamsWithHandlerSettings();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Completion.Done done;
            ResourceMeter meter;
            long liveHeap;
            KafkaStreams streams = new KafkaStreams(
                    PassThrough.build(InputSet.types(input.topicNames()), registry, output, props), props);
            try {
                streams.setUncaughtExceptionHandler(error -> {
                    failure.compareAndSet(null, error);
                    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
                meter = ResourceMeter.start();
                streams.start();
                done = Completion.await(
                        cluster,
                        applicationId,
                        input.ends(),
                        false,
                        Duration.ZERO,
                        timeout,
                        streams::state,
                        failure::get,
                        meter);
                liveHeap = meter.liveHeapAfterFullGc();
            } finally {
                streams.close(settings.app().shutdownTimeout());
            }
            return result(RunResult.PASS_THROUGH, guarantee, round, applicationId, input, meter, done, liveHeap);
        } finally {
            cleanUp(applicationId);
        }
    }

    private RunResult result(
            String variant,
            String guarantee,
            int round,
            String applicationId,
            InputSet input,
            ResourceMeter meter,
            Completion.Done done,
            long liveHeap) {
        try (meter) {
            long start = meter.startNanos();
            Map<String, Long> byStore = stateByStore(stateDir(applicationId).resolve(applicationId));
            long state = byStore.values().stream().mapToLong(Long::longValue).sum();
            long changelogs = cluster.topicBytes(List.of(applicationId + "-")).entrySet().stream()
                    .filter(topic -> topic.getKey().endsWith("-changelog"))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            long outputs = cluster.endOffsets(cluster.topicsStartingWith(applicationId + ".")).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            RunResult result = new RunResult(
                    variant,
                    guarantee,
                    round,
                    applicationId,
                    input.users(),
                    input.events(),
                    (done.end().nanos() - start) / 1e9,
                    done.runningNanos() < 0 ? Double.NaN : (done.runningNanos() - start) / 1e9,
                    done.end().processCpuNanos() / 1e9,
                    done.end().streamsCpuNanos() / 1e9,
                    seconds(done.end()),
                    meter.peakHeapBytes(),
                    meter.maxLiveHeapBytes(),
                    liveHeap,
                    state,
                    byStore,
                    changelogs,
                    outputs);
            Map<String, Double> cpu = result.cpuSecondsPerMillionByThreadGroup();
            log.printf(
                    Locale.ROOT,
                    "  %-12s %-16s round %d: %,10.0f events/s, %6.1f s, CPU %5.1f s/M events"
                            + " (streams %.1f, broker %.1f, jit/gc/rocksdb/vm %.1f, bench %.1f),"
                            + " peak heap %,d MB, state %,d MB%n",
                    variant,
                    guarantee,
                    round,
                    result.eventsPerSecond(),
                    result.seconds(),
                    result.processCpuSecondsPerMillion(),
                    cpu.get(ResourceMeter.STREAMS),
                    cpu.get(ResourceMeter.BROKER),
                    cpu.get(ResourceMeter.NATIVE),
                    cpu.get(ResourceMeter.BENCH),
                    result.peakHeapBytes() >> 20,
                    result.stateBytes() >> 20);
            log.flush();
            return result;
        }
    }

    private static Map<String, Double> seconds(Completion.Sample sample) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        sample.cpuByThreadGroup().forEach((group, nanos) -> seconds.put(group, nanos / 1e9));
        return seconds;
    }

    Path stateDir(String applicationId) {
        return workDir.resolve("state").resolve(applicationId);
    }

    /** Bytes under the state directory by store: {@code <task>/rocksdb/<store>/..} or {@code <task>/<store>/..}. */
    static Map<String, Long> stateByStore(Path appDir) {
        Map<String, Long> bytes = new TreeMap<>();
        if (!Files.isDirectory(appDir)) {
            return bytes;
        }
        try (Stream<Path> files = Files.walk(appDir)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                Path relative = appDir.relativize(file);
                String store;
                if (relative.getNameCount() >= 4
                        && relative.getName(1).toString().equals("rocksdb")) {
                    store = relative.getName(2).toString();
                } else if (relative.getNameCount() >= 3) {
                    store = relative.getName(1).toString();
                } else {
                    store = "(task files)";
                }
                try {
                    bytes.merge(store, Files.size(file), Long::sum);
                } catch (IOException e) {
                    // deleted while walking
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    void cleanUp(String applicationId) {
        try {
            cluster.deleteTopics(List.of(applicationId + "-", applicationId + "."));
            cluster.deleteGroups(List.of(applicationId));
        } catch (RuntimeException e) {
            log.println("  (could not delete the topics of " + applicationId + ": " + e.getMessage() + ")");
        }
        Directories.deleteRecursively(stateDir(applicationId));
    }
}
