package io.zoommetering.topology.output.webinardim;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.webinar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.zoommetering.avro.gold.dim.WebinarDim;
import io.zoommetering.avro.gold.dim.WebinarDimKey;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.Events;
import io.zoommetering.topology.GoldDriver;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebinarDimTest {

    private static final Instant START = at("2026-03-03T09:00:00Z");

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldWriteAWebinarsTopicAndTheLatestCorrection() {
        // Given a webinar, the same record re-sent with a new event id, and a newer correction of its topic
        Webinar first = webinar("w-1", "u-1", START, 40);
        send(first);
        send(Webinar.newBuilder(first)
                .setEventId(Events.newId())
                .setEventTime(first.getEventTime().plusSeconds(60))
                .build());
        send(corrected(first, "Launch, corrected", 120));
        // Then the row is written for the first record and for the correction only
        assertThat(rows())
                .extracting(row -> row.key.getWebinarId(), row -> row.value.getWebinarTopic())
                .containsExactly(tuple("w-1", "W"), tuple("w-1", "Launch, corrected"));
    }

    @Test
    void shouldWriteNothingForAnOlderRecordArrivingLate() {
        // Given a webinar's correction, then the record it corrected, older, with another topic
        Webinar first = webinar("w-1", "u-1", START, 40);
        send(corrected(first, "Launch, corrected", 120));
        rows();
        send(corrected(first, "Launch", -60));
        // Then nothing is written
        assertThat(rows()).isEmpty();
    }

    private static Webinar corrected(Webinar webinar, String topic, long laterSeconds) {
        return Webinar.newBuilder(webinar)
                .setEventId(Events.newId())
                .setEventTime(webinar.getEventTime().plusSeconds(laterSeconds))
                .setWebinarTopic(topic)
                .build();
    }

    private void send(Webinar webinar) {
        driver.send(driver.topics().webinars, webinar.getWebinarId(), webinar);
    }

    private List<KeyValue<WebinarDimKey, WebinarDim>> rows() {
        return driver.records(driver.topics().output(WebinarDimOutput.INSTANCE));
    }
}
