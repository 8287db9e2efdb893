package io.zoommetering.tools.bench;

import io.zoommetering.app.cli.SettingsOptions;
import io.zoommetering.app.runtime.ExitCodes;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.tools.broker.EmbeddedKafka;
import io.zoommetering.tools.files.Directories;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zoom-metering-tools bench}: the full gold topology against the pass-through limit, side by side on the same
 * broker, the same input and the same Kafka Streams settings. See docs/BENCHMARKS.md for what is measured and how.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        showDefaultValues = true,
        description = {
            "Measures the gold topology against a pass-through (read, decode, encode, write) on the same broker and "
                    + "input: events/s, CPU per million events, heap, state on disk; then latency at half the gold "
                    + "rate; then the cost at more users. Prints a table and writes a JSON report.",
            "",
            "The input (--events records of the traffic generator for --users accounts, fixed --seed) is loaded "
                    + "up front; then, per guarantee, --rounds rounds each run the pass-through and the gold "
                    + "topology one after the other, each with a fresh application id and state. A run lasts from the "
                    + "start of its Streams client until its group has committed every input and repartition offset "
                    + "and nothing is left to ship."
        })
public final class BenchCommand implements Callable<Integer> {

    static final String EXACTLY_ONCE = StreamsConfig.EXACTLY_ONCE_V2;
    static final String AT_LEAST_ONCE = StreamsConfig.AT_LEAST_ONCE;

    @Spec
    CommandSpec spec;

    @Mixin
    SettingsOptions options;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT,...",
            description = "Run on this cluster instead of an embedded broker in this JVM.")
    String bootstrapServers;

    @Option(names = "--events", paramLabel = "N", defaultValue = "2000000", description = "Input records.")
    long events;

    @Option(names = "--users", paramLabel = "N", defaultValue = "100000", description = "Accounts of the input.")
    int users;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the input.")
    long seed;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "3",
            description = "Rounds per guarantee; each runs the pass-through, then the gold topology.")
    int rounds;

    @Option(
            names = "--warmup-rounds",
            paramLabel = "N",
            defaultValue = "1",
            description = "Rounds per guarantee run first and not reported: the JIT compiles the code of both variants"
                    + " before any measured round, so neither pays for it.")
    int warmupRounds;

    @Option(
            names = "--guarantee",
            paramLabel = "G",
            defaultValue = "both",
            description = "exactly_once_v2, at_least_once or both.")
    String guarantee;

    @Option(
            names = "--variants",
            paramLabel = "V",
            defaultValue = "both",
            description = "both, gold or pass-through: which variants the rounds run (the ratio needs both).")
    String variants;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "2",
            description = "Partitions of the input and output topics.")
    int partitions;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description = "num.stream.threads of both variants.")
    int threads;

    @Option(
            names = "--latency-duration",
            paramLabel = "DURATION",
            defaultValue = "PT60S",
            description = "How long records are sent in the latency phase; 0s skips it.")
    Duration latencyDuration;

    @Option(
            names = "--latency-warmup",
            paramLabel = "DURATION",
            defaultValue = "PT10S",
            description = "Records sent in the first part of the latency phase are not measured.")
    Duration latencyWarmup;

    @Option(
            names = "--latency-load",
            paramLabel = "FRACTION",
            defaultValue = "0.5",
            description = "The latency phase's rate, as a share of the gold topology's median events/s.")
    double latencyLoad;

    @Option(
            names = "--latency-rate",
            paramLabel = "EVENTS/S",
            description = "The latency phase's rate, instead of a share of the measured rate.")
    Double latencyRate;

    @Option(
            names = "--scale-users",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "Users of the scale phase (one round of both variants, exactly-once, --events records); "
                    + "0 skips it.")
    int scaleUsers;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench.json", description = "The JSON report.")
    Path out;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "Broker log and state directories (default: a temporary directory, deleted at the end).")
    Path workDir;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "PT30M",
            description = "Give up on a run that has not finished after this long.")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        List<String> guarantees = switch (guarantee.toLowerCase(Locale.ROOT)) {
            case "both" -> List.of(EXACTLY_ONCE, AT_LEAST_ONCE);
            case EXACTLY_ONCE -> List.of(EXACTLY_ONCE);
            case AT_LEAST_ONCE -> List.of(AT_LEAST_ONCE);
            default ->
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "--guarantee must be exactly_once_v2, at_least_once or both, not " + guarantee);
        };
        if (!List.of("both", RunResult.GOLD, RunResult.PASS_THROUGH).contains(variants)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--variants must be both, gold or pass-through, not " + variants);
        }
        PrintWriter log = spec.commandLine().getOut();
        boolean temporary = workDir == null;
        Path dir = temporary ? Files.createTempDirectory("zoom-metering-bench") : workDir.toAbsolutePath();
        Files.createDirectories(dir);
        String tag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        String scope = "bench-" + UUID.randomUUID();
        SchemaRegistryClient registry = InMemorySchemaRegistry.forScope(scope);
        EmbeddedKafka kafka = null;
        try {
            String servers = bootstrapServers;
            Optional<Short> replication = Optional.empty();
            if (servers == null) {
                kafka = EmbeddedKafka.start(dir.resolve("kafka"));
                servers = kafka.bootstrapServers();
                replication = Optional.of((short) 1);
            }
            log.printf(
                    "Benchmark on %s, work in %s%n", kafka == null ? servers : "an embedded broker at " + servers, dir);
            Map<String, Object> clientSettings = new LinkedHashMap<>();
            clientSettings.put("bootstrap.servers", servers);
            try (BenchCluster cluster = new BenchCluster(clientSettings, servers, replication)) {
                BenchRunner runner = new BenchRunner(
                        cluster,
                        registry,
                        "mock://" + scope,
                        dir,
                        tag,
                        partitions,
                        threads,
                        options.configFile(),
                        options.flags(),
                        timeout,
                        log);
                try {
                    return bench(runner, cluster, clientSettings, guarantees, tag, log);
                } finally {
                    cluster.deleteTopics(List.of("bench-" + tag + "-"));
                }
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
            InMemorySchemaRegistry.dropScope(scope);
            if (temporary) {
                Directories.deleteRecursively(dir);
            }
        }
    }

    private int bench(
            BenchRunner runner,
            BenchCluster cluster,
            Map<String, Object> clientSettings,
            List<String> guarantees,
            String tag,
            PrintWriter log)
            throws Exception {
        InputSet input = InputSet.load(
                cluster,
                clientSettings,
                runner.registry(),
                "bench-" + tag + "-in.",
                users,
                events,
                seed,
                partitions,
                log);
        BenchReport report = new BenchReport(commandLine(), settings(), input);
        for (String g : guarantees) {
            for (int warmup = 1; warmup <= warmupRounds; warmup++) {
                log.printf("%s, warm-up round %d of %d (not reported)%n", g, warmup, warmupRounds);
                log.flush();
                if (!variants.equals(RunResult.GOLD)) {
                    runner.passThrough(input, g, "w" + warmup, 0);
                }
                if (!variants.equals(RunResult.PASS_THROUGH)) {
                    runner.gold(input, g, "w" + warmup, 0);
                }
            }
            for (int round = 1; round <= rounds; round++) {
                log.printf("%s, round %d of %d%n", g, round, rounds);
                log.flush();
                if (!variants.equals(RunResult.GOLD)) {
                    report.add(runner.passThrough(input, g, "r" + round, round));
                }
                if (!variants.equals(RunResult.PASS_THROUGH)) {
                    report.add(runner.gold(input, g, "r" + round, round));
                }
            }
        }
        if (!latencyDuration.isZero()) {
            for (String g : guarantees) {
                double rate = latencyRate != null ? latencyRate : latencyLoad * report.medianRate(RunResult.GOLD, g);
                if (!(rate > 0)) {
                    log.printf("No latency phase for %s: no gold rate measured (use --latency-rate)%n", g);
                    continue;
                }
                LatencyResult result = new LatencyRun(runner).run(g, users, seed, rate, latencyDuration, latencyWarmup);
                report.add(result);
                log.printf(
                        Locale.ROOT,
                        "  latency %s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d measured)%n",
                        g,
                        result.p50Ms(),
                        result.p99Ms(),
                        result.maxMs(),
                        result.measured());
                log.flush();
            }
        }
        if (scaleUsers > 0) {
            cluster.deleteTopics(List.of(input.prefix()));
            InputSet scale = InputSet.load(
                    cluster,
                    clientSettings,
                    runner.registry(),
                    "bench-" + tag + "-scale.",
                    scaleUsers,
                    events,
                    seed,
                    partitions,
                    log);
            log.printf("scale: %,d users, exactly_once_v2%n", scaleUsers);
            report.addScale(scale, runner.passThrough(scale, EXACTLY_ONCE, "scale", 1));
            report.addScale(scale, runner.gold(scale, EXACTLY_ONCE, "scale", 1));
        }
        report.print(log);
        report.write(out);
        log.printf("Report written to %s%n", out.toAbsolutePath());
        log.flush();
        return ExitCodes.OK;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("events", events);
        settings.put("users", users);
        settings.put("seed", seed);
        settings.put("rounds", rounds);
        settings.put("warmupRounds", warmupRounds);
        settings.put("partitions", partitions);
        settings.put("threads", threads);
        settings.put("variants", variants);
        settings.put("cluster", bootstrapServers == null ? "embedded" : bootstrapServers);
        settings.put("flags", options.flags());
        if (options.configFile() != null) {
            settings.put("configFile", options.configFile().toString());
        }
        return settings;
    }

    private String commandLine() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        return spec.root().name() + " " + String.join(" ", args);
    }
}
