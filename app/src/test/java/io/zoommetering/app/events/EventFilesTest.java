package io.zoommetering.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.ActiveUsers;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.MeetingType;
import io.zoommetering.topology.config.MeteringConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFilesTest {

    private static final TopicTypes TYPES = TopicTypes.defaults();

    @TempDir
    Path dir;

    @Test
    void linesHaveTheShapeOfSpecSection5() {
        Instant at = Instant.parse("2026-11-21T09:00:00Z");
        Meeting meeting = Meeting.newBuilder()
                .setEventId("e-9")
                .setEventTime(at)
                .setSourceSystem("zoom")
                .setMeetingId("m-17")
                .setHostUserId("u-1")
                .setMeetingTopic("Sync")
                .setMeetingType(MeetingType.INSTANT)
                .setStatus(MeetingStatus.STARTED)
                .setStartTime(at)
                .build();
        assertThat(EventFiles.toLine(EventRecord.of("zoom.meetings", "m-17", meeting)))
                .startsWith("{\"topic\": \"zoom.meetings\", \"key\": \"m-17\", \"value\": {\"event_id\": \"e-9\", "
                        + "\"event_time\": \"2026-11-21T09:00:00Z\", ");
        assertThat(EventFiles.toLine(EventRecord.tombstone("zoom.plans", "FREE")))
                .isEqualTo("{\"topic\": \"zoom.plans\", \"key\": \"FREE\", \"value\": null}");
        assertThat(EventFiles.toLine(EventRecord.raw("zoom.meetings", "m-18", new byte[] {0, 0, 0, 0, 1})))
                .isEqualTo("{\"topic\": \"zoom.meetings\", \"key\": \"m-18\", \"value_base64\": \"AAAAAAE=\"}");
    }

    @Test
    void readsRawBytesTombstonesNullKeysAndSkipsBlankLines() {
        List<EventRecord> records = read("""
                {"topic": "zoom.meetings", "key": "m-18", "value_base64": "AAAAAAFub3QgYXZybw=="}

                {"topic": "zoom.plans", "key": "FREE", "value": null}
                {"topic": "zoom.feature-usage", "value_base64": ""}
                """);
        assertThat(records)
                .containsExactly(
                        EventRecord.raw(
                                "zoom.meetings", "m-18", "\0\0\0\0\1not avro".getBytes(StandardCharsets.ISO_8859_1)),
                        EventRecord.tombstone("zoom.plans", "FREE"),
                        EventRecord.raw("zoom.feature-usage", null, new byte[0]));
    }

    @Test
    void aBadLineFailsWithItsNumber() {
        String good = "{\"topic\": \"zoom.plans\", \"key\": \"FREE\", \"value\": null}\n";
        assertBadLine(good + "\n" + "{\"topic\": \"zoom.plans\", \"key\": \"FREE\"\n", 3, "not JSON");
        assertBadLine(good + "[1, 2]\n", 2, "expected a JSON object per line");
        assertBadLine(good + good + "{\"key\": \"m\", \"value\": null}\n", 3, "\"topic\" must be a topic name");
        assertBadLine("{\"topic\": \"zoom.users\", \"key\": \"u\"}\n", 1, "exactly one of \"value\"");
        assertBadLine(
                "{\"topic\": \"zoom.users\", \"key\": \"u\", \"value\": null, \"value_base64\": \"AA==\"}",
                1,
                "exactly one of");
        assertBadLine(
                "{\"topic\": \"zoom.users\", \"key\": \"u\", \"value_base64\": \"%%%\"}",
                1, "\"value_base64\" must be base64 text");
        assertBadLine(
                "{\"topic\": \"zoom.users\", \"key\": \"u\", \"value\": 7}", 1, "\"value\" must be an object or null");
        assertBadLine("{\"topic\": \"zoom.users\", \"key\": 5, \"value\": null}", 1, "\"key\" must be text");
        assertBadLine(
                "{\"topic\": \"zoom.users\", \"key\": \"u\", \"value\": null, \"headers\": {}}",
                1,
                "unknown field 'headers'");
        assertBadLine(
                good + "{\"topic\": \"zoom.nope\", \"key\": \"u\", \"value\": {}}", 2, "unknown topic 'zoom.nope'");
        assertBadLine(
                good + good + good + "{\"topic\": \"zoom.users\", \"key\": \"u\", \"value\": {\"user_id\": 4}}",
                4,
                "value of zoom.users: user_id: expected a string, found 4");
        assertBadLine(
                "{\"topic\": \"gold.active-users\", \"key\": {\"period_type\": \"DAILY\"}, \"value\": null}",
                1,
                "the key of an event record is text");
    }

    @Test
    void theReaderKnowsTheConfiguredTopicNames() {
        TopicTypes renamed = TopicTypes.from(new MeteringConfig(Map.of("zm.topic.meetings", "acme.meetings")));
        assertThat(renamed.inputTopics()).contains("acme.meetings").doesNotContain("zoom.meetings");
        assertThat(renamed.valueType("acme.meetings")).isEqualTo(Meeting.class);
        assertThat(renamed.keyType("acme.meetings")).isEmpty();
        assertThat(renamed.keyType("gold.active-users")).contains(PeriodKey.class);
        assertThat(renamed.goldOutputs()).contains("gold.active-users", "gold.audit.errors");
        String line = EventFiles.toLine(EventRecord.of(
                "acme.meetings",
                "m-1",
                Meeting.newBuilder()
                        .setEventId("e")
                        .setEventTime(Instant.EPOCH)
                        .setMeetingId("m-1")
                        .setHostUserId("u")
                        .setMeetingTopic("t")
                        .setMeetingType(MeetingType.SCHEDULED)
                        .setStatus(MeetingStatus.STARTED)
                        .setStartTime(Instant.EPOCH)
                        .build()));
        assertThat(EventFiles.fromLine(line, renamed).value()).isInstanceOf(Meeting.class);
        assertThatThrownBy(() -> EventFiles.fromLine(line.replace("acme.meetings", "zoom.meetings"), renamed))
                .isInstanceOf(EventFileException.class)
                .hasMessageContaining("unknown topic 'zoom.meetings'");
    }

    @Test
    void goldLinesCarryTheKeyAsAnObject() throws IOException {
        StringWriter out = new StringWriter();
        try (EventFiles.LineWriter writer = EventFiles.writer(out)) {
            writer.write(
                    "gold.active-users",
                    new PeriodKey(PeriodType.DAILY, LocalDate.of(2026, 3, 2)),
                    new ActiveUsers(17L, LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 4), "zoom-metering"));
            writer.write("gold.active-users", new PeriodKey(PeriodType.DAILY, LocalDate.of(2026, 3, 1)), null);
            assertThat(writer.count()).isEqualTo(2);
        }
        assertThat(out.toString())
                .isEqualTo(
                        "{\"topic\": \"gold.active-users\", \"key\": {\"period_type\": \"DAILY\", \"activity_date\": "
                                + "\"2026-03-02\"}, \"value\": {\"active_user_count\": 17, \"load_date\": \"2026-03-03\", "
                                + "\"update_date\": \"2026-03-04\", \"source_system\": \"zoom-metering\"}}\n"
                                + "{\"topic\": \"gold.active-users\", \"key\": {\"period_type\": \"DAILY\", \"activity_date\": "
                                + "\"2026-03-01\"}, \"value\": null}\n");
    }

    private static List<EventRecord> read(String text) {
        return EventFiles.stream(new BufferedReader(new StringReader(text)), "events.jsonl", TYPES)
                .toList();
    }

    private static void assertBadLine(String text, long line, String message) {
        assertThatThrownBy(() -> read(text))
                .isInstanceOfSatisfying(EventFileException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(line);
                    assertThat(e.source()).isEqualTo("events.jsonl");
                })
                .hasMessageStartingWith("events.jsonl:" + line + ": ")
                .hasMessageContaining(message);
    }
}
