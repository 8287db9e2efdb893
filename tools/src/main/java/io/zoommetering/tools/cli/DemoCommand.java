package io.zoommetering.tools.cli;

import io.zoommetering.app.cli.RunCommand;
import io.zoommetering.app.cli.SettingsOptions;
import io.zoommetering.app.config.AppConfig;
import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.config.StreamsDefaults;
import io.zoommetering.app.events.EventFiles;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.app.export.GoldExport;
import io.zoommetering.app.http.AppMetrics;
import io.zoommetering.app.http.HttpEndpoints;
import io.zoommetering.app.processor.MeteringApp;
import io.zoommetering.app.runtime.ExitCodes;
import io.zoommetering.app.runtime.Signals;
import io.zoommetering.app.runtime.StartupException;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.tools.broker.EmbeddedKafka;
import io.zoommetering.tools.demo.DemoLogging;
import io.zoommetering.tools.demo.JournaledRegistry;
import io.zoommetering.tools.demo.KpiBoard;
import io.zoommetering.tools.demo.LiveTraffic;
import io.zoommetering.tools.demo.ProcessingProgress;
import io.zoommetering.tools.demo.RegistryApi;
import io.zoommetering.tools.demo.Replay;
import io.zoommetering.tools.demo.SequencedTimestamps;
import io.zoommetering.tools.events.EventProducer;
import io.zoommetering.tools.files.Directories;
import io.zoommetering.tools.generator.GeneratorSettings;
import io.zoommetering.tools.generator.TrafficGenerator;
import io.zoommetering.topology.aggregate.EmitMode;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.topics.Topic;
import io.zoommetering.topology.topics.TopicId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zoom-metering-tools demo}: everything in one process. An embedded Kafka broker, an in-memory Schema Registry,
 * the processor, the HTTP endpoints, and either synthetic traffic with a live table of the headline KPIs, or the
 * replay of an event file with an export of the final gold tables.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the processor on an embedded Kafka broker (--kafka-port) with an in-memory Schema Registry that"
                    + " outside clients reach through its Confluent-compatible REST API (--registry-port).",
            "Without --input: a backfilled history of synthetic Zoom traffic (--backfill), then live traffic of"
                    + " the same accounts, and a table of the headline KPIs every few seconds, until Ctrl-C or"
                    + " --duration.",
            "With --input: replays an event file (JSON Lines), waits until every record is processed, writes"
                    + " the final value of every gold key to --export, and exits."
        })
public final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    private final Map<String, String> environment;
    /** The processor of the moment, for the shutdown hook. */
    private final AtomicReference<MeteringApp> running = new AtomicReference<>();

    @Spec
    CommandSpec spec;

    @Mixin
    SettingsOptions options;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Keep the broker's log, the processor's state and the schemas here, and resume from them"
                    + " next time (default: a temporary directory, deleted at the end).")
    Path dataDir;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "Port of /metrics and /health/*: 0 any free port, -1 none (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            defaultValue = "9092",
            description = "Port of the embedded Kafka broker on 127.0.0.1 (bootstrap servers), 0 any free port"
                    + " (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--registry-port",
            paramLabel = "PORT",
            defaultValue = "8081",
            description = "Port of the Schema Registry REST API on 127.0.0.1: 0 any free port, -1 none"
                    + " (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(
            names = "--backfill",
            paramLabel = "DURATION",
            defaultValue = "35d",
            description = "History produced before the live traffic, e.g. 35d, 7d or P35D; 0s for none. Not again"
                    + " on a --data-dir that already holds one (default: ${DEFAULT-VALUE}).")
    Duration backfill;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description = "Stop the live demo this long after the start, e.g. 60s, 10m or PT60S (default: until"
                    + " Ctrl-C).")
    Duration duration;

    @Option(
            names = "--refresh",
            paramLabel = "DURATION",
            defaultValue = "5s",
            description = "How often the KPI table is printed (default: ${DEFAULT-VALUE}).")
    Duration refresh;

    @Option(
            names = "--events-per-second",
            paramLabel = "N",
            defaultValue = "50",
            description = "Rate of the synthetic traffic (default: ${DEFAULT-VALUE}).")
    double eventsPerSecond;

    @Option(
            names = "--users",
            paramLabel = "N",
            defaultValue = "200",
            description = "Accounts of the synthetic traffic (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed of the synthetic traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--input",
            paramLabel = "FILE",
            description = "An event file to replay instead of synthetic traffic (JSON Lines, SPEC section 5).")
    Path input;

    @Option(
            names = "--export",
            paramLabel = "FILE",
            description = "Write the latest value of every gold key here at the end (JSON Lines).")
    Path export;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "With --input: give up when processing has not finished after this long"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    public DemoCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        requireFree("--kafka-port", kafkaPort);
        requireFree("--registry-port", registryPort);
        requireFree("--http-port", httpPort);
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("zoom-metering-demo") : dataDir.toAbsolutePath();
        Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();
        String scope = "demo-" + UUID.randomUUID();
        boolean resumed = Files.exists(dir.resolve(BACKFILLED_MARKER));
        out.printf("Starting; the logs of Kafka, its broker and the processor go to %s%n", DemoLogging.file(dir));
        out.flush();
        try (DemoLogging logging = DemoLogging.toFile(dir, System.err);
                EmbeddedKafka kafka = EmbeddedKafka.start(dir, kafkaPort)) {
            // On an abrupt end (Ctrl-C during a replay, SIGTERM): close the processor, then the broker, then tidy up.
            Thread hook = new Thread(
                    () -> {
                        MeteringApp app = running.get();
                        if (app != null) {
                            app.close();
                        }
                        kafka.close();
                        if (temporary) {
                            Directories.deleteRecursively(dir);
                        }
                    },
                    "zoom-metering-demo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                AppSettings settings = AppSettings.load(
                        defaults(dir), options.configFile(), environment, flags(kafka.bootstrapServers(), scope));
                InMemorySchemaRegistry store = InMemorySchemaRegistry.forScope(scope);
                SchemaRegistryClient registry = JournaledRegistry.open(store, dir.resolve("schemas.journal"));
                try (RegistryApi api =
                        registryPort < 0 ? null : RegistryApi.start(store, registry, HOST, registryPort)) {
                    out.printf("Kafka (bootstrap servers): %s%n", kafka.bootstrapServers());
                    if (api != null) {
                        out.printf("Schema Registry API:       http://%s:%d%n", HOST, api.port());
                    }
                    out.printf("Data directory:            %s%n", dir);
                    out.flush();
                    return input == null
                            ? live(settings, registry, out, resumed ? Duration.ZERO : backfill, dir)
                            : replay(settings, registry, out);
                }
            } finally {
                RunCommand.removeHook(hook);
            }
        } finally {
            InMemorySchemaRegistry.dropScope(scope);
            if (temporary) {
                Directories.deleteRecursively(dir);
            }
        }
    }

    /** Where the demo's clients, the broker and the registry API listen. */
    private static final String HOST = "127.0.0.1";
    /** A file in the data directory once a backfill was produced there: a resumed demo does not backfill again. */
    private static final String BACKFILLED_MARKER = "backfilled";

    /** A fixed port that is taken stops the demo before anything starts, naming the option to change. */
    private static void requireFree(String option, int port) {
        if (port <= 0) {
            return;
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new StartupException(
                    "port " + port + " (" + option + ") is in use: choose another with " + option
                            + ", or 0 for any free port",
                    ExitCodes.UNAVAILABLE,
                    e);
        }
    }

    /** The demo's code defaults: production's, for one small local instance that shows figures move quickly. */
    static Map<String, String> defaults(Path dir) {
        Map<String, String> defaults = new LinkedHashMap<>(StreamsDefaults.production());
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, "zoom-metering-demo");
        defaults.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        defaults.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
        // One instance on its own data directory: as a static member, a demo restarted on the same directory
        // after a crash takes its tasks back at once instead of waiting out the dead member's session timeout.
        defaults.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "zoom-metering-demo");
        defaults.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
        defaults.put(MeteringConfig.EMIT_MODE, EmitMode.EVERY_UPDATE.name());
        defaults.put(MeteringConfig.EMIT_INTERVAL_MS, "500");
        defaults.put(AppConfig.TOPICS_PARTITIONS, "1");
        defaults.put(AppConfig.TOPICS_REPLICATION, "1");
        return defaults;
    }

    private Map<String, String> flags(String bootstrapServers, String scope) {
        Map<String, String> flags = options.flags();
        flags.put(AppConfig.HTTP_PORT, Integer.toString(httpPort));
        // The embedded broker and the in-memory registry are what the demo is; nothing overrides them.
        flags.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        flags.put(AppConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        return flags;
    }

    private int live(AppSettings settings, SchemaRegistryClient registry, PrintWriter out, Duration history, Path dir)
            throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        try (AppMetrics metrics = new AppMetrics();
                MeteringApp app = new MeteringApp(settings, registry, metrics.registry())) {
            app.prepare();
            try (HttpEndpoints http = RunCommand.startHttp(settings.app(), metrics, app);
                    EventProducer producer =
                            new EventProducer(EventProducer.properties(bootstrapServers(settings)), registry)) {
                running.set(app);
                Signals.onTermination(stop::countDown);
                app.start();
                if (http != null) {
                    out.printf("Dashboard:                 http://localhost:%d/%n", http.port());
                    out.printf("Metrics:                   http://localhost:%d/metrics%n", http.port());
                }
                out.printf(
                        "%s, then live traffic at %.0f events/s; a KPI table every %ss.%n",
                        history.isZero() ? "No backfill" : "Backfilling the last " + describe(history) + " of history",
                        eventsPerSecond,
                        refresh.toSeconds());
                out.printf("Stop with Ctrl-C%s.%n", duration == null ? "" : " or wait " + describe(duration));
                out.flush();
                TrafficGenerator generator = new TrafficGenerator(
                        GeneratorSettings.defaults()
                                .withUsers(users)
                                .withEventsPerSecond(eventsPerSecond)
                                .withSeed(seed),
                        TopicTypes.from(settings.metering()));
                if (!history.isZero()) {
                    Files.writeString(dir.resolve(BACKFILLED_MARKER), describe(history) + System.lineSeparator());
                }
                try (LiveTraffic traffic = new LiveTraffic(generator, producer, Clock.systemUTC(), history);
                        KpiBoard board = new KpiBoard(
                                settings.clientSettings(),
                                app.topics(),
                                settings.metering().reportingZone())) {
                    traffic.start();
                    board.start();
                    long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
                    // Until the processor has caught up with the history, a line of progress instead of a table
                    // of half-counted figures.
                    boolean caughtUp = history.isZero();
                    try (ProcessingProgress progress = new ProcessingProgress(
                            Admin.create(settings.clientSettings()),
                            settings.applicationId(),
                            app.sourceTopics(),
                            List.of())) {
                        while (app.fatalError() == null && traffic.failure() == null) {
                            long left = Math.min(refresh.toNanos(), deadline - System.nanoTime());
                            if (left <= 0 || stop.await(left, TimeUnit.NANOSECONDS)) {
                                break;
                            }
                            if (!caughtUp) {
                                long behind = behind(progress);
                                caughtUp = traffic.isLive() && behind <= CAUGHT_UP;
                                if (!caughtUp) {
                                    out.printf(
                                            "%s | processing the history: %s%n",
                                            header(app, traffic),
                                            behind == Long.MAX_VALUE
                                                    ? "starting"
                                                    : String.format(
                                                            java.util.Locale.ROOT, "%,d records to go", behind));
                                    out.flush();
                                    continue;
                                }
                            }
                            out.print(board.render(Instant.now(), header(app, traffic)));
                            out.flush();
                        }
                    }
                    traffic.close();
                    awaitIdleQuietly(settings, app);
                    board.awaitDrained(Duration.ofSeconds(10));
                    out.print(board.render(Instant.now(), header(app, traffic) + " | final"));
                    out.flush();
                }
                if (export != null) {
                    awaitIdle(settings, app, timeout);
                    exportGold(settings, registry, app.topics(), out);
                }
                int code = app.fatalError() == null ? ExitCodes.OK : ExitCodes.FATAL;
                app.close();
                return code;
            }
        }
    }

    private int replay(AppSettings settings, SchemaRegistryClient registry, PrintWriter out) throws Exception {
        List<EventRecord> records = EventFiles.read(input, TopicTypes.from(settings.metering()));
        List<List<EventRecord>> parts =
                Replay.parts(records, settings.metering().topicName(TopicId.PLANS));
        if (parts.isEmpty()) {
            parts = List.of(List.of()); // still create the topics, run once and export what they hold
        }
        out.printf("Replaying %,d records of %s in %d part(s)%n", records.size(), input, parts.size());
        out.flush();
        // Timestamps one millisecond apart in file order, all in the past (brokers refuse far-future ones).
        long firstTimestamp = Instant.now().toEpochMilli() - records.size() - 1_000;
        Producer<byte[], byte[]> kafkaProducer = SequencedTimestamps.wrap(
                new KafkaProducer<>(EventProducer.properties(bootstrapServers(settings))), firstTimestamp);
        try (AppMetrics metrics = new AppMetrics();
                EventProducer producer = new EventProducer(kafkaProducer, registry);
                HttpEndpoints http = RunCommand.startHttp(
                        settings.app(),
                        metrics,
                        () -> running.get() != null && running.get().isRunning(),
                        () -> running.get() == null
                                ? "CREATED"
                                : running.get().state().name())) {
            for (int i = 0; i < parts.size(); i++) {
                try (MeteringApp app = new MeteringApp(settings, registry, metrics.registry())) {
                    running.set(app);
                    if (i == 0) {
                        app.prepare();
                    }
                    producer.produce(parts.get(i));
                    app.start();
                    try {
                        awaitIdle(settings, app, timeout);
                    } catch (IllegalStateException e) {
                        LOG.error("The processor failed during the replay", app.fatalError());
                        return ExitCodes.FATAL;
                    }
                    out.printf(
                            "Part %d of %d processed (%,d records)%n",
                            i + 1, parts.size(), parts.get(i).size());
                    out.flush();
                    if (i == parts.size() - 1 && export != null) {
                        exportGold(settings, registry, app.topics(), out);
                    }
                }
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Waits until the processor has consumed everything and its outputs have been quiet for a few emit and commit
     * intervals (account tasks ship partial aggregates on a wall-clock schedule).
     */
    private static void awaitIdle(AppSettings settings, MeteringApp app, Duration timeout) throws Exception {
        List<String> outputs = new ArrayList<>();
        app.topics().goldOutputs().stream()
                .filter(topic -> !topic.configName().equals(TopicId.AUDIT_PROCESS.configName()))
                .forEach(topic -> outputs.add(topic.name()));
        long emit = settings.metering().emitInterval().toMillis();
        long commit = Long.parseLong(settings.streams().getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"));
        Duration quiet = Duration.ofMillis(Math.max(2_000, 4 * Math.max(emit, commit)));
        try (ProcessingProgress progress = new ProcessingProgress(
                Admin.create(settings.clientSettings()), settings.applicationId(), app.sourceTopics(), outputs)) {
            progress.awaitIdle(quiet, timeout, Duration.ofMillis(200), () -> app.fatalError() != null);
        }
    }

    /** As {@link #awaitIdle}, for the last table of a live demo: a processor still busy after 30 s is shown as is. */
    private static void awaitIdleQuietly(AppSettings settings, MeteringApp app) throws Exception {
        try {
            awaitIdle(settings, app, Duration.ofSeconds(30));
        } catch (TimeoutException | IllegalStateException e) {
            LOG.warn("The processor is still busy; the last table shows what it has committed so far");
        }
    }

    private void exportGold(AppSettings settings, SchemaRegistryClient registry, TopicCatalog topics, PrintWriter out)
            throws IOException {
        Properties consumer = GoldExport.consumerProperties(bootstrapServers(settings));
        settings.clientSettings().forEach(consumer::put);
        List<String> gold = topics.goldOutputs().stream().map(Topic::name).toList();
        long rows = new GoldExport(consumer, registry, TopicTypes.from(settings.metering()))
                .export(gold, export, Duration.ofMinutes(2));
        out.printf("Exported %,d rows of %d gold topics to %s%n", rows, gold.size(), export);
        out.flush();
    }

    private static String bootstrapServers(AppSettings settings) {
        return settings.clientSettings()
                .get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)
                .toString();
    }

    /** Records still to consume, repartition topics included, below which the history counts as processed. */
    private static final long CAUGHT_UP = 500;

    /** What the processor still has to consume, or Long.MAX_VALUE while its topics do not all exist yet. */
    private static long behind(ProcessingProgress progress) throws InterruptedException {
        try {
            long sum = 0;
            for (long lag : progress.lag().values()) {
                if (lag == Long.MAX_VALUE) {
                    return lag;
                }
                sum += lag;
            }
            return sum;
        } catch (java.util.concurrent.ExecutionException e) {
            return Long.MAX_VALUE;
        }
    }

    /** "35 days", "90 seconds", or ISO-8601 for what is neither whole days nor whole seconds. */
    static String describe(Duration duration) {
        if (duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return duration.toDays() == 1 ? "1 day" : duration.toDays() + " days";
        }
        if (duration.equals(Duration.ofSeconds(duration.toSeconds()))) {
            return duration.toSeconds() == 1 ? "1 second" : duration.toSeconds() + " seconds";
        }
        return duration.toString();
    }

    private static String header(MeteringApp app, LiveTraffic traffic) {
        long history = traffic.backfilled();
        return String.format(
                java.util.Locale.ROOT,
                "zoom-metering-tools demo | processor %s | %s%,d live events",
                app.state(),
                history == 0
                        ? ""
                        : String.format(
                                java.util.Locale.ROOT,
                                "history %,d records%s | ",
                                history,
                                traffic.isLive() ? "" : " (backfilling)"),
                traffic.sent() - history);
    }
}
