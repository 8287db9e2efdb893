package io.zoommetering.tools.cli;

import io.zoommetering.app.events.ClientConfig;
import io.zoommetering.app.events.EventFiles;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.tools.events.EventProducer;
import io.zoommetering.tools.generator.EventKind;
import io.zoommetering.tools.generator.GeneratedEvent;
import io.zoommetering.tools.generator.GeneratorSettings;
import io.zoommetering.tools.generator.Pacer;
import io.zoommetering.tools.generator.TrafficGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code generate}: synthetic Zoom traffic to an event file or a cluster, as a batch or a live stream. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        showDefaultValues = true,
        description = {
            "Generates realistic synthetic Zoom platform traffic for the ten input topics: the plan catalog "
                    + "first, then users, meetings, attendance, feature usage, webinars, billing, licenses, support "
                    + "tickets and service status; busier in working hours on weekdays, with a few very active users, "
                    + "and the requested share of duplicates, corrections, out-of-order, late, invalid and "
                    + "undecodable records.",
            "",
            "A batch (the default) covers --days days before --now (or from --start-date). --live produces an "
                    + "endless stream paced at --rate events per second with event times at the wall clock, for "
                    + "--duration or until interrupted. The same --seed and options make the same batch.",
            "",
            "Writes JSON Lines (--to-file; '-' for standard output; the event-file format of SPEC section 5) or "
                    + "produces to a cluster (--bootstrap-servers with --schema-registry)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  generate --users 500 --days 30 --seed 7 --to-file events.jsonl",
            "  generate --days 7 --bootstrap-servers localhost:9092 \\",
            "           --schema-registry http://localhost:8081",
            "  generate --live --rate 100 --duration 10m \\",
            "           --bootstrap-servers localhost:9092 --schema-registry http://localhost:8081"
        })
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--users",
            paramLabel = "N",
            defaultValue = "200",
            description = "Accounts (users) on the platform.")
    private int users;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7", description = "Days of traffic in a batch.")
    private int days;

    @Option(
            names = "--start-date",
            paramLabel = "yyyy-MM-dd",
            description = "First day of a batch (UTC). Default: --days days before --now.")
    private LocalDate startDate;

    @Option(
            names = "--now",
            paramLabel = "INSTANT",
            description = "The batch's 'now' (ISO-8601, e.g. 2026-03-10T00:00:00Z): every event time is before it."
                    + " Default: the current time.")
    private Instant now;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the random choices.")
    private long seed;

    @Option(names = "--live", description = "Produce an endless live stream instead of a batch.")
    private boolean live;

    @Option(
            names = "--rate",
            paramLabel = "EVENTS/S",
            defaultValue = "50",
            description = "Events per second of the live stream.")
    private double rate;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description = "How long the live stream runs, e.g. 60s, 10m, 1h or PT60S (default: until interrupted).")
    private Duration duration;

    @Option(
            names = "--duplicates",
            paramLabel = "FRACTION",
            defaultValue = "0.01",
            description = "Share of regular records sent twice (a producer's retry).")
    private double duplicates;

    @Option(
            names = "--corrections",
            paramLabel = "FRACTION",
            defaultValue = "0.02",
            description = "Share of ended meetings corrected by a second ENDED state.")
    private double corrections;

    @Option(
            names = "--out-of-order",
            paramLabel = "FRACTION",
            defaultValue = "0.02",
            description = "Share of regular records produced a few records late.")
    private double outOfOrder;

    @Option(
            names = "--late",
            paramLabel = "FRACTION",
            defaultValue = "0.002",
            description = "Share of records added more than the grace period (24 h) behind their stream.")
    private double late;

    @Option(
            names = "--invalid",
            paramLabel = "FRACTION",
            defaultValue = "0.002",
            description = "Share of records added that break a validation rule.")
    private double invalid;

    @Option(
            names = "--garbage",
            paramLabel = "FRACTION",
            defaultValue = "0.0005",
            description = "Share of records added whose value is not Avro at all.")
    private double garbage;

    @Option(names = "--to-file", paramLabel = "PATH", description = "Write JSON Lines to this file ('-': stdout).")
    private String toFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", description = "Produce to this cluster.")
    private String bootstrapServers;

    @Option(
            names = "--schema-registry",
            paramLabel = "URL",
            description = "Schema Registry for the values: http(s)://... or mock://<scope> (in-process only).")
    private String schemaRegistry;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties: zm.topic.* topic names, Kafka client and registry client settings.")
    private Path config;

    private static final Duration PROGRESS = Duration.ofSeconds(10);

    private volatile boolean stopping;

    @Override
    public Integer call() throws Exception {
        validate();
        GeneratorSettings settings;
        try {
            settings = new GeneratorSettings(
                    users, days, startDate, rate, seed, duplicates, corrections, outOfOrder, late, invalid, garbage);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ClientConfig client = ClientConfig.load(config);
        TopicTypes topics = client.topics();
        TrafficGenerator generator = new TrafficGenerator(settings, topics);
        PrintWriter err = spec.commandLine().getErr();
        Map<EventKind, Long> kinds = new EnumMap<>(EventKind.class);
        long started = System.nanoTime();
        Map<String, Long> perTopic;
        if (live) {
            perTopic = runLive(generator, client, kinds, err);
        } else {
            Instant batchNow = now != null ? now : Instant.now();
            err.printf(
                    "Generating %d days from %s for %d users (seed %d)...%n",
                    days, generator.batchStart(batchNow), users, seed);
            err.flush();
            try (Stream<GeneratedEvent> events = generator.batchEvents(batchNow)) {
                perTopic = deliver(
                        events.peek(event -> kinds.merge(event.kind(), 1L, Long::sum))
                                .map(GeneratedEvent::record)
                                .iterator(),
                        client);
            }
        }
        long total = perTopic.values().stream().mapToLong(Long::longValue).sum();
        err.printf(
                "%s %d records in %.1f s to %s%n",
                live ? "Produced" : "Generated",
                total,
                (System.nanoTime() - started) / 1e9,
                toFile != null ? ("-".equals(toFile) ? "stdout" : toFile) : bootstrapServers);
        perTopic.forEach((topic, count) -> err.printf("  %-28s %d%n", topic, count));
        err.printf("  by kind: %s%n", kinds);
        err.flush();
        return 0;
    }

    private void validate() {
        if ((toFile == null) == (bootstrapServers == null)) {
            throw new ParameterException(
                    spec.commandLine(), "Give either --to-file, or --bootstrap-servers with --schema-registry");
        }
        if (bootstrapServers != null && schemaRegistry == null) {
            throw new ParameterException(spec.commandLine(), "--bootstrap-servers needs --schema-registry");
        }
        if (duration != null && !live) {
            throw new ParameterException(spec.commandLine(), "--duration applies to --live only");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new ParameterException(spec.commandLine(), "--duration must be positive");
        }
    }

    /** Writes or produces every record; returns the records per topic. */
    private Map<String, Long> deliver(Iterator<EventRecord> records, ClientConfig client) throws IOException {
        if (toFile != null) {
            Map<String, Long> counts = new TreeMap<>();
            boolean stdout = "-".equals(toFile);
            EventFiles.LineWriter writer =
                    stdout ? EventFiles.writer(spec.commandLine().getOut()) : EventFiles.writer(Path.of(toFile));
            try {
                while (records.hasNext() && !stopping) {
                    EventRecord record = records.next();
                    writer.write(record);
                    counts.merge(record.topic(), 1L, Long::sum);
                }
            } finally {
                if (stdout) {
                    writer.flush(); // standard output stays open
                } else {
                    writer.close();
                }
            }
            return counts;
        }
        try (EventProducer producer = new EventProducer(
                client.kafka(EventProducer.properties(bootstrapServers)), client.registry(schemaRegistry))) {
            while (records.hasNext() && !stopping) {
                producer.send(records.next());
            }
            producer.flush();
            return producer.counts();
        }
    }

    private Map<String, Long> runLive(
            TrafficGenerator generator, ClientConfig client, Map<EventKind, Long> kinds, PrintWriter err)
            throws IOException {
        Clock clock = Clock.systemUTC();
        err.printf(
                "Producing live traffic at %.0f events/s for %d users %s (Ctrl-C stops)...%n",
                rate, users, duration == null ? "until interrupted" : "for " + duration);
        err.flush();
        Iterator<GeneratedEvent> events = generator.liveEvents(clock, Pacer.sleeping(clock));
        Instant started = clock.instant();
        Instant deadline = duration == null ? null : started.plus(duration);
        Iterator<EventRecord> records = new Iterator<>() {
            private long count;
            private Instant reported = started;

            @Override
            public boolean hasNext() {
                return events.hasNext() && (deadline == null || clock.instant().isBefore(deadline));
            }

            @Override
            public EventRecord next() {
                GeneratedEvent event = events.next();
                kinds.merge(event.kind(), 1L, Long::sum);
                count++;
                Instant now = clock.instant();
                if (Duration.between(reported, now).compareTo(PROGRESS) >= 0) {
                    reported = now;
                    err.printf(
                            "  %d records, %.1f a second%n",
                            count,
                            count
                                    / Math.max(
                                            0.001,
                                            Duration.between(started, now).toMillis() / 1000.0));
                    err.flush();
                }
                return event.record();
            }
        };
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stopping = true;
                    try {
                        finished.await(15, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "generate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return deliver(records, client);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running
            }
        }
    }
}
