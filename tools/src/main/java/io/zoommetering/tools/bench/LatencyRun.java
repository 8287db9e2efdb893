package io.zoommetering.tools.bench;

import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.app.processor.MeteringApp;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotals;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.tools.generator.GeneratorSettings;
import io.zoommetering.tools.generator.TrafficGenerator;
import io.zoommetering.topology.aggregate.EmitMode;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.output.eventtotals.EventTotalsOutput;
import io.zoommetering.topology.time.Periods;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Latency below saturation: records sent at a fixed rate into fresh input topics, read by a fresh gold topology with
 * EVERY_UPDATE emission, and for each record the time from its send to the first committed gold.event-totals row
 * that shows it.
 *
 * <p>Every accepted record adds one to the HOURLY event total of its stream, plan and hour, so the records are
 * probes of themselves: the traffic is the generator's, without mischief (all of it accepted). The plan a record
 * counts under is the topology's business, so the rows are summed over plans: for each stream and hour the
 * benchmark knows, in send order, the records it sent; when the summed count reaches k, the k-th record sent to that
 * stream and hour is shown. Records of one stream and hour may be counted out of send order (they are spread over
 * partitions); matching by count then gives the k-th send the k-th count, which never overstates the largest
 * latency. Records sent during the warm-up (the state is built from empty) are not measured.
 */
final class LatencyRun {

    private final BenchRunner runner;

    LatencyRun(BenchRunner runner) {
        this.runner = runner;
    }

    LatencyResult run(String guarantee, int users, long seed, double rate, Duration duration, Duration warmup)
            throws Exception {
        String applicationId = runner.applicationId(RunResult.GOLD, guarantee, "latency");
        String prefix = applicationId + "-in.";
        Map<String, String> names = InputSet.inputNames(prefix);
        TopicTypes types = InputSet.types(names);
        InputSet input = new InputSet(prefix, names, users, seed, 0, Map.of(), Map.of(), 0);
        AppSettings settings = runner.settings(
                applicationId, guarantee, input, Map.of(MeteringConfig.EMIT_MODE, EmitMode.EVERY_UPDATE.name()));
        try {
            runner.cluster().createTopics(types.inputTopics(), runner.partitions());
            int count = (int) Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
            Probes probes = Probes.generate(
                    types, users, seed, count, new Periods(settings.metering().reportingZone()), runner.registry());
            runner.log()
                    .printf(
                            Locale.ROOT,
                            "  latency %s: %,d records at %,.0f events/s for %s (warm-up %s)%n",
                            guarantee,
                            probes.size(),
                            rate,
                            duration,
                            warmup);
            runner.log().flush();
            try (MeteringApp app = new MeteringApp(settings, runner.registry(), null)) {
                app.prepare();
                app.start();
                app.awaitRunning(Duration.ofMinutes(2));
                String totals = settings.metering()
                        .topicName(EventTotalsOutput.INSTANCE.topic().configName());
                try (GoldWatcher watcher = new GoldWatcher(
                        runner.cluster().bootstrapServers(), settings, runner.registry(), totals, probes)) {
                    watcher.start();
                    long started = send(settings, probes, rate);
                    long sentNanos = System.nanoTime() - started;
                    long deadline = System.nanoTime()
                            + Math.max(
                                    runner.timeout().toNanos() / 10,
                                    Duration.ofSeconds(30).toNanos());
                    while (watcher.matched() < probes.size()
                            && System.nanoTime() < deadline
                            && app.fatalError() == null
                            && watcher.failure() == null) {
                        Thread.sleep(50);
                    }
                    watcher.stop();
                    if (app.fatalError() != null || watcher.failure() != null) {
                        Throwable failed = app.fatalError() != null ? app.fatalError() : watcher.failure();
                        throw new IllegalStateException("the latency run failed: " + failed, failed);
                    }
                    return probes.result(guarantee, rate, probes.size() / (sentNanos / 1e9), started, warmup.toNanos());
                }
            }
        } finally {
            runner.cleanUp(applicationId);
        }
    }

    /** Sends every record at its slot of the rate; returns the nanoTime of the first slot. */
    private static long send(AppSettings settings, Probes probes, double rate) {
        Properties props = new Properties();
        settings.clientSettings().forEach(props::put);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // A producer that batches a little, as real ones do; its wait is part of the measured latency.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            long start = System.nanoTime();
            double interval = 1e9 / rate;
            for (int i = 0; i < probes.size(); i++) {
                long due = start + (long) (i * interval);
                long now = System.nanoTime();
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                    now = System.nanoTime();
                }
                probes.sent[i] = now;
                producer.send(probes.record(i), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("sending the latency records failed: " + failure.get(), failure.get());
            }
            return start;
        }
    }

    /** The records to send, what each counts in (its stream and hour), and when each was sent and shown. */
    static final class Probes {

        private final String[] topics;
        private final byte[][] keys;
        private final byte[][] values;
        /** The stream-and-hour bucket of each record. */
        private final int[] bucketOf;
        /** The records of each bucket, in send order. */
        private final int[][] members;

        private final Map<String, Integer> buckets;
        final long[] sent;
        final long[] shown;

        private Probes(
                String[] topics,
                byte[][] keys,
                byte[][] values,
                int[] bucketOf,
                int[][] members,
                Map<String, Integer> buckets) {
            this.topics = topics;
            this.keys = keys;
            this.values = values;
            this.bucketOf = bucketOf;
            this.members = members;
            this.buckets = buckets;
            this.sent = new long[topics.length];
            this.shown = new long[topics.length];
        }

        static Probes generate(
                TopicTypes types, int users, long seed, int count, Periods periods, SchemaRegistryClient registry) {
            TrafficGenerator generator =
                    InputSet.generator(GeneratorSettings.defaults().clean(), users, count, seed + 1, types);
            Map<Class<?>, SpecificAvroSerde<SpecificRecord>> serdes = new HashMap<>();
            String[] topics = new String[count];
            byte[][] keys = new byte[count][];
            byte[][] values = new byte[count][];
            int[] bucketOf = new int[count];
            Map<String, Integer> buckets = new HashMap<>();
            List<List<Integer>> members = new ArrayList<>();
            int n = 0;
            Iterator<EventRecord> records =
                    generator.batch(InputSet.now(generator)).limit(count).iterator();
            while (records.hasNext()) {
                EventRecord record = records.next();
                int i = n++;
                topics[i] = record.topic();
                keys[i] = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
                SpecificRecord value = record.value();
                if (value == null) {
                    values[i] = record.rawValue();
                    bucketOf[i] = -1;
                    continue;
                }
                values[i] = serde(serdes, value, registry).serializer().serialize(record.topic(), value);
                Instant eventTime = (Instant)
                        value.get(value.getSchema().getField("event_time").pos());
                String stream = types.of(record.topic()).orElseThrow().configName();
                String bucket = bucketName(stream, periods.bucketStart(PeriodType.HOURLY, eventTime));
                Integer index = buckets.get(bucket);
                if (index == null) {
                    index = members.size();
                    buckets.put(bucket, index);
                    members.add(new ArrayList<>());
                }
                members.get(index).add(i);
                bucketOf[i] = index;
            }
            int[][] memberArrays = members.stream()
                    .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
            return new Probes(
                    Arrays.copyOf(topics, n),
                    Arrays.copyOf(keys, n),
                    Arrays.copyOf(values, n),
                    Arrays.copyOf(bucketOf, n),
                    memberArrays,
                    buckets);
        }

        @SuppressWarnings("unchecked")
        private static SpecificAvroSerde<SpecificRecord> serde(
                Map<Class<?>, SpecificAvroSerde<SpecificRecord>> serdes,
                SpecificRecord value,
                SchemaRegistryClient registry) {
            return serdes.computeIfAbsent(
                    value.getClass(), type -> new SpecificAvroSerde<>((Class<SpecificRecord>) type, registry, false));
        }

        static String bucketName(String stream, Instant hour) {
            return stream + '\u001f' + hour.toEpochMilli();
        }

        int size() {
            return topics.length;
        }

        /** Records that count in a bucket (tombstones and raw values do not). */
        int probes() {
            return (int) Arrays.stream(bucketOf).filter(bucket -> bucket >= 0).count();
        }

        ProducerRecord<byte[], byte[]> record(int i) {
            return new ProducerRecord<>(topics[i], keys[i], values[i]);
        }

        Integer bucket(String stream, Instant hour) {
            return buckets.get(bucketName(stream, hour));
        }

        int[] members(int bucket) {
            return members[bucket];
        }

        LatencyResult result(String guarantee, double targetRate, double achievedRate, long start, long warmupNanos) {
            long[] latencies = new long[size()];
            int measured = 0;
            long unmatched = 0;
            for (int i = 0; i < size(); i++) {
                if (bucketOf[i] < 0 || sent[i] - start < warmupNanos) {
                    continue;
                }
                if (shown[i] == 0) {
                    unmatched++;
                } else {
                    latencies[measured++] = Math.max(0, shown[i] - sent[i]);
                }
            }
            long[] sorted = Stats.sorted(Arrays.copyOf(latencies, measured));
            double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
            return new LatencyResult(
                    guarantee,
                    targetRate,
                    achievedRate,
                    size(),
                    measured + unmatched,
                    unmatched,
                    warmupNanos / 1e9,
                    ms(Stats.quantile(sorted, 0.50)),
                    ms(Stats.quantile(sorted, 0.99)),
                    ms(Stats.quantile(sorted, 0.999)),
                    ms(sorted.length == 0 ? -1 : sorted[sorted.length - 1]),
                    mean / 1e6);
        }

        private static double ms(long nanos) {
            return nanos < 0 ? Double.NaN : nanos / 1e6;
        }
    }

    /** Reads the committed gold.event-totals rows and marks the records each row's count shows. */
    private static final class GoldWatcher implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;
        private final Probes probes;
        private final SpecificAvroSerde<EventTotalsKey> keys;
        private final SpecificAvroSerde<EventTotals> values;
        private final Map<EventTotalsKey, Long> latest = new HashMap<>();
        private final long[] totals;
        private final int[] matchedIn;
        private final AtomicLong matched = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        GoldWatcher(
                String bootstrapServers,
                AppSettings settings,
                SchemaRegistryClient registry,
                String topic,
                Probes probes) {
            Properties props = new Properties();
            settings.clientSettings().forEach(props::put);
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
            this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.topic = topic;
            this.probes = probes;
            this.keys = new SpecificAvroSerde<>(EventTotalsKey.class, registry, true);
            this.values = new SpecificAvroSerde<>(EventTotals.class, registry, false);
            this.totals = new long[probes.members.length];
            this.matchedIn = new int[probes.members.length];
            this.thread = new Thread(this::watch, "bench-gold-watcher");
            this.thread.setDaemon(true);
            // Records that never count (tombstones, raw values) are matched from the start.
            matched.set(probes.size() - probes.probes());
        }

        void start() {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            thread.start();
        }

        long matched() {
            return matched.get();
        }

        Throwable failure() {
            return failure.get();
        }

        private void watch() {
            try {
                while (running.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(20));
                    long now = System.nanoTime();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        EventTotalsKey key = keys.deserializer().deserialize(topic, record.key());
                        if (key.getPeriod() != PeriodType.HOURLY) {
                            continue;
                        }
                        Integer bucket = probes.bucket(key.getStream(), key.getBucketStart());
                        if (bucket == null) {
                            continue;
                        }
                        EventTotals value = values.deserializer().deserialize(topic, record.value());
                        long count = value == null ? 0 : value.getEventCount();
                        Long before = latest.put(key, count);
                        totals[bucket] += count - (before == null ? 0 : before);
                        int[] members = probes.members(bucket);
                        while (matchedIn[bucket] < totals[bucket] && matchedIn[bucket] < members.length) {
                            probes.shown[members[matchedIn[bucket]++]] = now;
                            matched.incrementAndGet();
                        }
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }

        void stop() {
            running.set(false);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            stop();
            consumer.close();
        }
    }
}
