package io.zoommetering.tools.analytics;

import io.zoommetering.app.events.EventRecord;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.tools.generator.ChurnTruth;
import io.zoommetering.tools.generator.GeneratedEvent;
import io.zoommetering.tools.generator.GeneratorSettings;
import io.zoommetering.tools.generator.TrafficGenerator;
import io.zoommetering.topology.GoldTopology;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import io.zoommetering.topology.topics.Topic;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * How well gold.churn-risk predicts cancellations: a generated history runs through the topology itself (only the
 * churn-risk output, in a TopologyTestDriver, records in the order generated), and at the end of each scored day
 * every account paying then is a case: its row's score, whether the row is an alert, whether INACTIVE is among its
 * reasons (the baseline), and whether the generator's truth has it cancel within the horizon after that day.
 * Scored days start once the usage baseline (5 weeks) is filled and end a horizon before the history does, so that
 * every case's outcome is known.
 */
final class ChurnEvaluation {

    private static final String OUTPUT = "churn-risk";
    private static final int WARM_UP_DAYS = 35;

    /** The figures of one run. */
    record Result(
            GeneratorSettings settings,
            int horizonDays,
            LocalDate firstScored,
            LocalDate lastScored,
            long records,
            Map<ChurnTruth.Cause, Long> cancellations,
            long payingAccounts,
            Classification score,
            Classification inactivity) {}

    private final GeneratorSettings settings;
    private final int horizonDays;

    ChurnEvaluation(GeneratorSettings settings, int horizonDays) {
        this.settings = settings;
        this.horizonDays = horizonDays;
    }

    Result run() {
        TrafficGenerator generator = new TrafficGenerator(settings);
        LocalDate start = settings.startDate();
        Instant now =
                start.plusDays(settings.days()).atStartOfDay(ZoneOffset.UTC).toInstant();
        LocalDate firstScored = start.plusDays(WARM_UP_DAYS - 1);
        LocalDate lastScored = start.plusDays(settings.days() - 1 - horizonDays);
        ChurnTruth truth = new ChurnTruth();
        List<DailyScore> scores = new ArrayList<>();
        long records = 0;
        try (Scoring scoring = new Scoring(now)) {
            LocalDate day = start;
            Iterator<GeneratedEvent> events = generator.batchEvents(now, truth).iterator();
            while (events.hasNext()) {
                EventRecord record = events.next().record();
                LocalDate recordDay = record.value() == null ? day : dayOf(record.value());
                // The end of each day, before its first record of the next one: the rows as of that day.
                while (recordDay.isAfter(day)) {
                    if (!day.isBefore(firstScored) && !day.isAfter(lastScored)) {
                        scores.add(scoring.snapshot(day));
                    }
                    day = day.plusDays(1);
                }
                scoring.pipe(record);
                records++;
            }
        }
        return judge(scores, truth, firstScored, lastScored, records);
    }

    private Result judge(
            List<DailyScore> days, ChurnTruth truth, LocalDate firstScored, LocalDate lastScored, long records) {
        Map<String, List<Instant>> cancelled = new HashMap<>();
        Map<ChurnTruth.Cause, Long> causes = new EnumMap<>(ChurnTruth.Cause.class);
        for (ChurnTruth.Cancellation cancellation : truth.cancellations()) {
            cancelled
                    .computeIfAbsent(cancellation.userId(), id -> new ArrayList<>())
                    .add(cancellation.at());
            causes.merge(cancellation.cause(), 1L, Long::sum);
        }
        Classification score = new Classification();
        Classification inactivity = new Classification();
        Set<String> paying = new TreeSet<>();
        for (DailyScore daily : days) {
            Instant endOfDay =
                    daily.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant horizon = endOfDay.plus(Duration.ofDays(horizonDays));
            for (String account : truth.payingAccounts()) {
                if (!truth.isPaying(account, endOfDay.minusMillis(1))) {
                    continue;
                }
                paying.add(account);
                boolean cancels = cancelled.getOrDefault(account, List.of()).stream()
                        .anyMatch(at -> !at.isBefore(endOfDay) && at.isBefore(horizon));
                Row row = daily.rows().getOrDefault(account, Row.NONE);
                score.add(row.score(), row.alert(), cancels);
                inactivity.add(row.inactive() ? 1 : 0, row.inactive(), cancels);
            }
        }
        return new Result(
                settings, horizonDays, firstScored, lastScored, records, causes, paying.size(), score, inactivity);
    }

    private static LocalDate dayOf(SpecificRecord value) {
        Instant eventTime =
                (Instant) value.get(value.getSchema().getField("event_time").pos());
        return LocalDate.ofInstant(eventTime, ZoneOffset.UTC);
    }

    /** An account's row as a sink holds it: the score, the alert flag and whether INACTIVE is a reason. */
    record Row(int score, boolean alert, boolean inactive) {
        static final Row NONE = new Row(0, false, false);
    }

    record DailyScore(LocalDate day, Map<String, Row> rows) {}

    /** The topology with only gold.churn-risk, in a TopologyTestDriver, and the table of its rows. */
    private static final class Scoring implements AutoCloseable {

        private final String scope = "churn-eval-" + UUID.randomUUID();
        private final Path stateDir;
        private final TopologyTestDriver driver;
        private final Map<String, TestInputTopic<String, SpecificRecord>> inputs = new HashMap<>();
        private final TestOutputTopic<? extends SpecificRecord, ? extends SpecificRecord> output;
        private final Map<String, Row> rows = new HashMap<>();

        @SuppressWarnings("unchecked")
        Scoring(Instant wallClock) {
            MeteringConfig config = new MeteringConfig(
                    Map.of(MeteringConfig.STATE_STORES, "IN_MEMORY", MeteringConfig.OUTPUTS, OUTPUT));
            RegistryAvroSerdes serdes = RegistryAvroSerdes.of(InMemorySchemaRegistry.forScope(scope));
            TopicCatalog topics = new TopicCatalog(config, serdes);
            try {
                stateDir = Files.createTempDirectory("churn-eval");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "churn-eval");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(GoldTopology.build(config, serdes, props), props, wallClock);
            for (Topic<String, ? extends SpecificRecord> input : topics.inputs()) {
                inputs.put(
                        input.name(),
                        driver.createInputTopic(
                                input.name(),
                                new StringSerializer(),
                                (Serializer<SpecificRecord>) input.valueSerde().serializer(),
                                Instant.EPOCH,
                                Duration.ZERO));
            }
            Topic<? extends SpecificRecord, ? extends SpecificRecord> risks = topics.output(OUTPUT);
            output = driver.createOutputTopic(
                    risks.name(),
                    risks.keySerde().deserializer(),
                    risks.valueSerde().deserializer());
        }

        void pipe(EventRecord record) {
            if (record.value() != null) {
                inputs.get(record.topic()).pipeInput(record.key(), record.value());
            }
        }

        DailyScore snapshot(LocalDate day) {
            for (KeyValue<? extends SpecificRecord, ? extends SpecificRecord> written : output.readKeyValuesToList()) {
                String account = (String) field(written.key, "user_id");
                SpecificRecord value = written.value;
                @SuppressWarnings("unchecked")
                List<SpecificRecord> reasons = (List<SpecificRecord>) field(value, "reasons");
                boolean inactive = reasons.stream().anyMatch(reason -> "INACTIVE".equals(field(reason, "signal")));
                rows.put(account, new Row((Integer) field(value, "score"), (Boolean) field(value, "alert"), inactive));
            }
            return new DailyScore(day, Map.copyOf(rows));
        }

        private static Object field(SpecificRecord record, String name) {
            return record.get(record.getSchema().getField(name).pos());
        }

        @Override
        public void close() {
            driver.close();
            InMemorySchemaRegistry.dropScope(scope);
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The figures as the Markdown docs/ANALYTICS.md shows them. */
    static void report(Result result, PrintStream out) {
        GeneratorSettings settings = result.settings();
        out.printf(
                "History: %d users, %d days from %s (seed %d), %d records; scored days %s to %s; horizon %d days.%n",
                settings.users(),
                settings.days(),
                settings.startDate(),
                settings.seed(),
                result.records(),
                result.firstScored(),
                result.lastScored(),
                result.horizonDays());
        out.printf(
                "Cancellations by cause: %s; accounts paying on a scored day: %d.%n",
                result.cancellations().entrySet().stream()
                        .map(entry -> entry.getKey() + " " + entry.getValue())
                        .collect(Collectors.joining(", ")),
                result.payingAccounts());
        out.printf(
                "Cases (paying account x scored day): %d, of which %d cancel within the horizon (%.2f%%).%n%n",
                result.score().cases(),
                result.score().positives(),
                100.0 * result.score().positives() / result.score().cases());
        out.println("| predictor | flagged cases | precision | recall | ROC AUC |");
        out.println("|---|---:|---:|---:|---:|");
        line(out, "churn-risk score, alert at the default level", result.score());
        line(out, "baseline: INACTIVE alone", result.inactivity());
    }

    private static void line(PrintStream out, String name, Classification figures) {
        out.printf(
                "| %s | %d | %.3f | %.3f | %.3f |%n",
                name, figures.flagged(), figures.precision(), figures.recall(), figures.auc());
    }
}
