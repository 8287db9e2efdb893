package io.zoommetering.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.events.EventRecord;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static EventRecord on(String topic) {
        return EventRecord.raw(topic, "k", new byte[] {1});
    }

    @Test
    void shouldEndAPartAfterEachRunOfCatalogRecordsThatMoreRecordsFollow() {
        List<EventRecord> records = List.of(
                on("zoom.plans"),
                on("zoom.plans"),
                on("zoom.users"),
                on("zoom.meetings"),
                on("zoom.plans"),
                on("zoom.users"),
                on("zoom.plans"));

        List<List<EventRecord>> parts = Replay.parts(records, "zoom.plans");

        assertThat(parts).extracting(List::size).containsExactly(2, 3, 2);
        assertThat(parts.stream().flatMap(List::stream).toList()).isEqualTo(records);
    }

    @Test
    void shouldReplayAFileWithoutCatalogRecordsInOnePart() {
        List<EventRecord> records = List.of(on("zoom.users"), on("zoom.meetings"));

        assertThat(Replay.parts(records, "zoom.plans")).containsExactly(records);
    }

    @Test
    void shouldStampRecordsOneMillisecondApartInTheOrderTheyAreSent() {
        MockProducer<byte[], byte[]> mock =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        Producer<byte[], byte[]> producer = SequencedTimestamps.wrap(mock, 1_000L);

        producer.send(new ProducerRecord<>("a", new byte[] {1}));
        producer.send(new ProducerRecord<>("b", null, 99L, new byte[] {2}, new byte[] {3}));
        producer.send(new ProducerRecord<>("a", new byte[] {4}), (metadata, error) -> {});

        assertThat(mock.history()).extracting(ProducerRecord::timestamp).containsExactly(1_000L, 1_001L, 1_002L);
        assertThat(mock.history()).extracting(ProducerRecord::topic).containsExactly("a", "b", "a");
    }
}
