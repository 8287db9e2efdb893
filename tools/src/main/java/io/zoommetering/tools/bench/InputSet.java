package io.zoommetering.tools.bench;

import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.tools.events.EventProducer;
import io.zoommetering.tools.generator.GeneratorSettings;
import io.zoommetering.tools.generator.TrafficGenerator;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.topics.TopicId;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * One generated input, loaded into its own input topics before anything is timed, so that every run reads the very
 * same records from the very same topics. The app's {@link TrafficGenerator} in batch mode makes it: fixed seed and
 * start date, its realistic mix of streams and its default share of duplicates, corrections, out-of-order, late,
 * invalid and undecodable records; the first {@code events} records of enough days of traffic.
 *
 * @param prefix    prefix of the input topics' names
 * @param topicNames the zm.topic.* settings that name the input topics
 * @param perTopic  records loaded, by stream
 * @param ends      end offsets of every input partition after the load
 */
record InputSet(
        String prefix,
        Map<String, String> topicNames,
        int users,
        long seed,
        long events,
        Map<String, Long> perTopic,
        Map<TopicPartition, Long> ends,
        double loadSeconds) {

    /** Every batch starts on this Monday (UTC), so that the same seed makes the same records on any day. */
    static final LocalDate START = LocalDate.parse("2026-01-05");

    /** The input streams (every TopicId that is read). */
    static final Set<TopicId> INPUTS = EnumSet.of(
            TopicId.USERS,
            TopicId.MEETINGS,
            TopicId.ATTENDANCE,
            TopicId.FEATURE_USAGE,
            TopicId.WEBINARS,
            TopicId.SUPPORT_TICKETS,
            TopicId.BILLING_EVENTS,
            TopicId.LICENSES,
            TopicId.PLANS,
            TopicId.SERVICE_STATUS);

    /** zm.topic.* settings naming the input topics {@code prefix + default name}. */
    static Map<String, String> inputNames(String prefix) {
        Map<String, String> names = new LinkedHashMap<>();
        for (TopicId id : INPUTS) {
            names.put(MeteringConfig.TOPIC_PREFIX + id.configName(), prefix + id.defaultName());
        }
        return names;
    }

    static TopicTypes types(Map<String, String> topicNames) {
        return TopicTypes.from(new MeteringConfig(topicNames));
    }

    /**
     * The generator of a batch of about {@code events} records over {@code users} accounts: about two snapshot
     * records per user, then some five records per user and day, so the days are chosen to hold more than enough.
     */
    static TrafficGenerator generator(GeneratorSettings base, int users, long events, long seed, TopicTypes types) {
        long activity = Math.max(0, events - 2L * users);
        int days = (int) Math.min(3650, 2 + (activity + 3L * users - 1) / (3L * users));
        return new TrafficGenerator(
                base.withUsers(users).withSeed(seed).withStartDate(START).withDays(days), types);
    }

    /** The batch's "now": the end of its last day. */
    static Instant now(TrafficGenerator generator) {
        return START.plusDays(generator.settings().days())
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    static InputSet load(
            BenchCluster cluster,
            Map<String, Object> clientSettings,
            SchemaRegistryClient registry,
            String prefix,
            int users,
            long events,
            long seed,
            int partitions,
            PrintWriter log) {
        Map<String, String> names = inputNames(prefix);
        TopicTypes types = types(names);
        cluster.createTopics(types.inputTopics(), partitions);
        TrafficGenerator generator = generator(GeneratorSettings.defaults(), users, events, seed, types);
        long started = System.nanoTime();
        Properties producer = EventProducer.properties(cluster.bootstrapServers());
        clientSettings.forEach(producer::put);
        Map<String, Long> sent;
        try (EventProducer out = new EventProducer(producer, registry);
                Stream<EventRecord> batch = generator.batch(now(generator)).limit(events)) {
            sent = out.produce(progress(batch.iterator(), events, log));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> perStream = new TreeMap<>();
        sent.forEach(
                (topic, count) -> perStream.put(types.of(topic).orElseThrow().configName(), count));
        long total = perStream.values().stream().mapToLong(Long::longValue).sum();
        Map<TopicPartition, Long> ends = cluster.endOffsets(types.inputTopics());
        log.printf("Loaded %,d records for %,d users in %.1f s (%s)%n", total, users, seconds, perStream);
        log.flush();
        return new InputSet(prefix, names, users, seed, total, perStream, ends, seconds);
    }

    private static Iterator<EventRecord> progress(Iterator<EventRecord> records, long expected, PrintWriter log) {
        long step = Math.max(100_000, expected / 10);
        long started = System.nanoTime();
        return new Iterator<>() {
            private long count;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public EventRecord next() {
                EventRecord next = records.next();
                if (++count % step == 0) {
                    log.printf(
                            "  loading: %,d of %,d records, %.0f s%n",
                            count,
                            expected,
                            Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
                    log.flush();
                }
                return next;
            }
        };
    }
}
