package io.zoommetering.serdes;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.MeetingType;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Records written with another version of a schema decode by Avro's resolution of writer to reader schema. */
class SchemaEvolutionTest {

    private static final String TOPIC = "zoom.meetings";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void shouldReadARecordOfAnOlderSchemaIntoTheCurrentClass() {
        // Given a meeting written by a producer whose schema predates participant_count and recording
        Schema older = MeetingSchemas.without("participant_count", "recording");
        byte[] bytes = write(MeetingSchemas.endedMeeting(older));

        // When the current class reads it
        Meeting meeting = new SpecificAvroSerde<>(Meeting.class, registry, false)
                .deserializer()
                .deserialize(TOPIC, bytes);

        // Then the fields it had are read, the newer ones take their defaults
        assertThat(meeting.getMeetingId()).isEqualTo("m-17");
        assertThat(meeting.getStatus()).isEqualTo(MeetingStatus.ENDED);
        assertThat(meeting.getStartTime()).isEqualTo(MeetingSchemas.START);
        assertThat(meeting.getDurationMinutes()).isEqualTo(30);
        assertThat(meeting.getParticipantCount()).isZero();
        assertThat(meeting.getRecording()).isFalse();
    }

    @Test
    void shouldReadARecordOfANewerSchemaIntoAnOlderReaderSchema() {
        // Given a meeting written by a producer whose schema has a field the reader's lacks
        Schema optionalString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        Schema newer = MeetingSchemas.with(new Schema.Field(
                "recording_url", optionalString, "Where the recording is.", JsonProperties.NULL_VALUE));
        GenericRecord written = MeetingSchemas.endedMeeting(newer);
        written.put("recording_url", "https://zoom.example/rec/17");
        byte[] bytes = write(written);

        // When a generic reader with the current schema reads it
        GenericRecord read = new GenericAvroSerde(registry, false, Meeting.getClassSchema())
                .deserializer()
                .deserialize(TOPIC, bytes);

        // Then the record has the reader's shape, the extra field skipped
        assertThat(read.getSchema()).isEqualTo(Meeting.getClassSchema());
        assertThat(read.hasField("recording_url")).isFalse();
        assertThat(read.get("meeting_topic")).hasToString("Weekly sync");
        assertThat(read.get("participant_count")).isEqualTo(4);
        assertThat(read.get("recording")).isEqualTo(true);
    }

    @Test
    void shouldReadARecordOfANewerSchemaIntoTheCurrentClass() {
        // Given a meeting written with an extra field
        Schema newer = MeetingSchemas.with(
                new Schema.Field("breakout_rooms", Schema.create(Schema.Type.INT), "Rooms opened.", 0));
        GenericRecord written = MeetingSchemas.endedMeeting(newer);
        written.put("breakout_rooms", 3);
        byte[] bytes = write(written);

        // When the current class reads it
        Meeting meeting = new SpecificAvroSerde<>(Meeting.class, registry, false)
                .deserializer()
                .deserialize(TOPIC, bytes);

        // Then every field it knows is read
        assertThat(meeting.getHostUserId()).isEqualTo("u-1");
        assertThat(meeting.getParticipantCount()).isEqualTo(4);
        assertThat(meeting.getRecording()).isTrue();
    }

    @Test
    void shouldReadAnEnumSymbolTheReaderDoesNotKnowAsItsDefault() {
        // Given a meeting whose type is a symbol added by the producer
        Schema currentType = Meeting.getClassSchema().getField("meeting_type").schema();
        List<String> symbols = new ArrayList<>(currentType.getEnumSymbols());
        symbols.add("PERSONAL_ROOM");
        Schema newer = MeetingSchemas.retyped(
                "meeting_type",
                Schema.createEnum(
                        currentType.getName(),
                        currentType.getDoc(),
                        currentType.getNamespace(),
                        symbols,
                        currentType.getEnumDefault()));
        GenericRecord written = MeetingSchemas.endedMeeting(newer);
        written.put("meeting_type", MeetingSchemas.symbol(newer, "meeting_type", "PERSONAL_ROOM"));
        byte[] bytes = write(written);

        // When the current class reads it
        Meeting meeting = new SpecificAvroSerde<>(Meeting.class, registry, false)
                .deserializer()
                .deserialize(TOPIC, bytes);

        // Then the unknown symbol reads as the enum's default, UNRECOGNIZED, for validation to reject
        assertThat(meeting.getMeetingType()).isEqualTo(MeetingType.UNRECOGNIZED);
    }

    private byte[] write(GenericRecord record) {
        return new GenericAvroSerde(registry, false).serializer().serialize(TOPIC, record);
    }
}
