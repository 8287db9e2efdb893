package io.zoommetering.benchmarks;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.internal.Fraction;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.MeetingType;
import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.topology.aggregate.AggregateKeyBytes;
import io.zoommetering.topology.aggregate.AggregateSerdes;
import io.zoommetering.topology.output.eventtotals.EventTotalsOutput;
import io.zoommetering.topology.state.CompactSerde;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Bytes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding what the gold topology encodes and decodes per record: an input record in Confluent's
 * framing (what intake decodes and the pass-through decodes and encodes again), and an aggregate key and its
 * measures in the registry's Avro and in the compact state format.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {

    private static final String TOPIC = "zoom.feature-usage";

    private String scope;
    private SpecificAvroSerde<FeatureUsage> featureUsageSerde;
    private SpecificAvroSerde<Meeting> meetingSerde;
    private SpecificAvroSerde<EventTotalsKey> avroKeys;
    private SpecificAvroSerde<Measures> avroMeasures;
    private final AggregateKeyBytes compactKeys = new AggregateKeyBytes();
    private CompactSerde<Measures> compactMeasures;

    private FeatureUsage featureUsage;
    private Meeting meeting;
    private EventTotalsKey key;
    private Measures measures;
    private byte[] featureUsageBytes;
    private byte[] meetingBytes;
    private byte[] avroKeyBytes;
    private Bytes compactKeyBytes;
    private byte[] avroMeasureBytes;
    private byte[] compactMeasureBytes;

    @Setup(Level.Trial)
    public void setUp() {
        scope = "jmh-" + UUID.randomUUID();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
        featureUsageSerde = new SpecificAvroSerde<>(FeatureUsage.class, registry, false);
        meetingSerde = new SpecificAvroSerde<>(Meeting.class, registry, false);
        avroKeys = new SpecificAvroSerde<>(EventTotalsKey.class, registry, true);
        avroMeasures = new SpecificAvroSerde<>(Measures.class, registry, false);
        compactMeasures = AggregateSerdes.measures();

        Instant time = Instant.parse("2026-01-07T10:15:30.123Z");
        featureUsage = FeatureUsage.newBuilder()
                .setEventId("e-4f2a-1234567")
                .setEventTime(time)
                .setSourceSystem("zoom-client")
                .setMeetingId("m-4f2a-99881")
                .setUserId("u-4f2a-17211")
                .setFeatureName("SCREEN_SHARE")
                .setUsageCount(3)
                .setUsageSeconds(840)
                .setSuccess(true)
                .build();
        meeting = Meeting.newBuilder()
                .setEventId("e-4f2a-1234568")
                .setEventTime(time)
                .setSourceSystem("zoom-meetings")
                .setMeetingId("m-4f2a-99881")
                .setHostUserId("u-4f2a-17211")
                .setMeetingTopic("Weekly sync")
                .setMeetingType(MeetingType.SCHEDULED)
                .setStatus(MeetingStatus.ENDED)
                .setStartTime(time.minusSeconds(1800))
                .setEndTime(time)
                .setDurationMinutes(30)
                .setParticipantCount(6)
                .setRecording(false)
                .build();
        key = new EventTotalsKey("feature-usage", "PRO", PeriodType.HOURLY, Instant.parse("2026-01-07T10:00:00Z"));
        Map<String, Long> counts = new HashMap<>();
        counts.put("events", 1234L);
        counts.put("usage_records", 17L);
        Map<String, Fraction> amounts = new HashMap<>();
        amounts.put("usage", new Fraction("4711", "6"));
        measures = new Measures(counts, amounts);

        featureUsageBytes = featureUsageSerde.serializer().serialize(TOPIC, featureUsage);
        meetingBytes = meetingSerde.serializer().serialize("zoom.meetings", meeting);
        avroKeyBytes = avroKeys.serializer().serialize("store", key);
        compactKeyBytes = compactKeys.encode(EventTotalsOutput.INSTANCE, key);
        avroMeasureBytes = avroMeasures.serializer().serialize("store", measures);
        compactMeasureBytes = compactMeasures.serialize("store", measures);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Benchmark
    public byte[] encodeFeatureUsage() {
        return featureUsageSerde.serializer().serialize(TOPIC, featureUsage);
    }

    @Benchmark
    public FeatureUsage decodeFeatureUsage() {
        return featureUsageSerde.deserializer().deserialize(TOPIC, featureUsageBytes);
    }

    /** What the pass-through does with every record. */
    @Benchmark
    public byte[] recodeFeatureUsage() {
        return featureUsageSerde
                .serializer()
                .serialize(TOPIC, featureUsageSerde.deserializer().deserialize(TOPIC, featureUsageBytes));
    }

    @Benchmark
    public byte[] encodeMeeting() {
        return meetingSerde.serializer().serialize("zoom.meetings", meeting);
    }

    @Benchmark
    public Meeting decodeMeeting() {
        return meetingSerde.deserializer().deserialize("zoom.meetings", meetingBytes);
    }

    @Benchmark
    public byte[] encodeAggregateKeyAvro() {
        return avroKeys.serializer().serialize("store", key);
    }

    @Benchmark
    public Bytes encodeAggregateKeyCompact() {
        return compactKeys.encode(EventTotalsOutput.INSTANCE, key);
    }

    @Benchmark
    public EventTotalsKey decodeAggregateKeyAvro() {
        return avroKeys.deserializer().deserialize("store", avroKeyBytes);
    }

    @Benchmark
    public EventTotalsKey decodeAggregateKeyCompact() {
        return AggregateKeyBytes.decode(EventTotalsOutput.INSTANCE, compactKeyBytes);
    }

    @Benchmark
    public byte[] encodeMeasuresAvro() {
        return avroMeasures.serializer().serialize("store", measures);
    }

    @Benchmark
    public byte[] encodeMeasuresCompact() {
        return compactMeasures.serialize("store", measures);
    }

    @Benchmark
    public Measures decodeMeasuresAvro() {
        return avroMeasures.deserializer().deserialize("store", avroMeasureBytes);
    }

    @Benchmark
    public Measures decodeMeasuresCompact() {
        return compactMeasures.deserialize("store", compactMeasureBytes);
    }
}
