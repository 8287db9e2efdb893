package io.zoommetering.tools.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.app.events.EventRecord;
import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.tools.generator.GeneratorSettings;
import io.zoommetering.tools.generator.TrafficGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class EventProducerTest {

    @Test
    void producesKeysAsTextValuesAsFramedAvroAndRawBytesAsGiven() {
        // Given generated records with raw bytes and tombstones among them
        List<EventRecord> records = new TrafficGenerator(GeneratorSettings.defaults()
                        .withUsers(40)
                        .withDays(2)
                        .withInvalid(0.02)
                        .withGarbage(0.02))
                .batchList(Instant.parse("2026-03-10T00:00:00Z"));
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        MockProducer<byte[], byte[]> mock =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        // When they are produced
        Map<String, Long> counts;
        try (EventProducer producer = new EventProducer(mock, registry)) {
            counts = producer.produce(records);
        }
        // Then every record was sent, in order, as the processor reads it
        List<ProducerRecord<byte[], byte[]>> sent = mock.history();
        assertThat(sent).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            EventRecord expected = records.get(i);
            ProducerRecord<byte[], byte[]> actual = sent.get(i);
            assertThat(actual.topic()).isEqualTo(expected.topic());
            assertThat(actual.key() == null ? null : new String(actual.key(), StandardCharsets.UTF_8))
                    .isEqualTo(expected.key());
            if (expected.isRaw()) {
                assertThat(actual.value()).isEqualTo(expected.rawValue());
            } else if (expected.isTombstone()) {
                assertThat(actual.value()).isNull();
            } else {
                assertThat(actual.value()[0]).as("magic byte").isZero();
                assertThat(decode(registry, expected.value(), actual)).isEqualTo(expected.value());
            }
        }
        // and the counts are per topic
        assertThat(counts)
                .isEqualTo(new TreeMap<>(
                        records.stream().collect(Collectors.groupingBy(EventRecord::topic, Collectors.counting()))));
        assertThat(registry.getById(1)).isNotNull();
    }

    @Test
    void aFailedSendIsReported() {
        MockProducer<byte[], byte[]> mock =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        EventProducer producer = new EventProducer(mock, new InMemorySchemaRegistry());
        producer.send(EventRecord.raw("zoom.meetings", "m-1", new byte[] {1}));
        producer.send(EventRecord.raw("zoom.meetings", "m-2", new byte[] {2}));
        mock.completeNext();
        mock.errorNext(new RuntimeException("broker gone"));
        assertThat(producer.counts()).containsExactly(Map.entry("zoom.meetings", 1L));
        assertThatThrownBy(producer::flush).isInstanceOf(KafkaException.class).hasMessageContaining("broker gone");
        assertThatThrownBy(() -> producer.send(EventRecord.tombstone("zoom.plans", "FREE")))
                .isInstanceOf(KafkaException.class);
    }

    @Test
    void propertiesAreIdempotentWithAllAcks() {
        Properties props = EventProducer.properties("broker:9092");
        assertThat(props)
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    }

    @SuppressWarnings("unchecked")
    private static SpecificRecord decode(
            InMemorySchemaRegistry registry, SpecificRecord like, ProducerRecord<byte[], byte[]> record) {
        SpecificAvroSerde<SpecificRecord> serde =
                new SpecificAvroSerde<>((Class<SpecificRecord>) like.getClass(), registry, false);
        return serde.deserializer().deserialize(record.topic(), record.value());
    }
}
