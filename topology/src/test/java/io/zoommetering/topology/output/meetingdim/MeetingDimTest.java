package io.zoommetering.topology.output.meetingdim;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.gold.dim.MeetingDim;
import io.zoommetering.avro.gold.dim.MeetingDimKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingType;
import io.zoommetering.topology.Events;
import io.zoommetering.topology.GoldDriver;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeetingDimTest {

    private static final Instant START = at("2026-03-03T09:00:00Z");

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldWriteAMeetingsTopicAndTypeOnceWhileTheyDoNotChange() {
        // Given a meeting's STARTED and ENDED states, with the same topic and type
        send(started("m-1", "u-1", START));
        send(ended("m-1", "u-1", START, 30));
        // Then its row is written once, dated by the processing day
        List<KeyValue<MeetingDimKey, MeetingDim>> rows = rows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).key).isEqualTo(new MeetingDimKey("m-1"));
        assertThat(rows.get(0).value.getMeetingTopic()).isEqualTo("Topic m-1");
        assertThat(rows.get(0).value.getMeetingType()).isEqualTo("SCHEDULED");
        LocalDate today = LocalDate.ofInstant(GoldDriver.START, ZoneOffset.UTC);
        assertThat(rows.get(0).value.getLoadDate()).isEqualTo(today);
        assertThat(rows.get(0).value.getSourceSystem()).isEqualTo("zoom-metering");
    }

    @Test
    void shouldWriteTheLatestTopicAndType() {
        // Given a meeting, then a newer state with another topic and type
        send(started("m-1", "u-1", START));
        rows();
        send(retitled(ended("m-1", "u-1", START, 30), "Planning, renamed", MeetingType.RECURRING));
        // Then the row is written again with the latest topic and type
        List<KeyValue<MeetingDimKey, MeetingDim>> rows = rows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).value.getMeetingTopic()).isEqualTo("Planning, renamed");
        assertThat(rows.get(0).value.getMeetingType()).isEqualTo("RECURRING");
    }

    @Test
    void shouldWriteNothingForAnOlderStateArrivingLate() {
        // Given a meeting's ENDED state, then its older STARTED state with another topic
        send(ended("m-1", "u-1", START, 30));
        rows();
        send(retitled(started("m-1", "u-1", START), "Old title", MeetingType.INSTANT));
        // Then nothing is written: the latest state keeps its topic
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldWriteTheLatestRowFromTheNewHostsTaskAndAgainWhenTheMeetingComesBack() {
        // Given a meeting moved to another host with a new topic, then back to its first host with its first topic
        send(started("m-1", "u-1", START));
        send(retitled(started("m-1", "u-2", START, START.plusSeconds(60)), "Moved", MeetingType.SCHEDULED));
        send(started("m-1", "u-1", START, START.plusSeconds(120)));
        // Then the last row written holds the latest state's topic
        List<KeyValue<MeetingDimKey, MeetingDim>> rows = rows();
        assertThat(rows)
                .extracting(row -> row.value.getMeetingTopic())
                .containsExactly("Topic m-1", "Moved", "Topic m-1");
    }

    private static Meeting retitled(Meeting meeting, String topic, MeetingType type) {
        return Meeting.newBuilder(meeting)
                .setEventId(Events.newId())
                .setMeetingTopic(topic)
                .setMeetingType(type)
                .build();
    }

    private void send(Meeting meeting) {
        driver.send(driver.topics().meetings, meeting.getMeetingId(), meeting);
    }

    private List<KeyValue<MeetingDimKey, MeetingDim>> rows() {
        return driver.records(driver.topics().output(MeetingDimOutput.INSTANCE));
    }
}
