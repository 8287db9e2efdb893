package io.zoommetering.serdes;

import io.zoommetering.avro.usage.Meeting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Other versions of the Meeting schema, made from the generated one, as other producers could write them. */
final class MeetingSchemas {

    static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

    private MeetingSchemas() {}

    /** The current schema without some fields. */
    static Schema without(String... fieldNames) {
        List<String> dropped = Arrays.asList(fieldNames);
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : Meeting.getClassSchema().getFields()) {
            if (!dropped.contains(field.name())) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return record(fields);
    }

    /** The current schema with one more field at the end. */
    static Schema with(Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : Meeting.getClassSchema().getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(extra);
        return record(fields);
    }

    /** The current schema with one field of another type. */
    static Schema retyped(String fieldName, Schema type) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : Meeting.getClassSchema().getFields()) {
            fields.add(
                    field.name().equals(fieldName)
                            ? new Schema.Field(field.name(), type, field.doc())
                            : new Schema.Field(field, field.schema()));
        }
        return record(fields);
    }

    /** An ENDED meeting in {@code schema}, as raw generic values; fields the schema lacks are left out. */
    static GenericRecord endedMeeting(Schema schema) {
        GenericRecord meeting = new GenericData.Record(schema);
        putIfPresent(meeting, "event_id", "e-9");
        putIfPresent(meeting, "event_time", START.plusSeconds(1800).toEpochMilli());
        putIfPresent(meeting, "source_system", "zoom");
        putIfPresent(meeting, "meeting_id", "m-17");
        putIfPresent(meeting, "host_user_id", "u-1");
        putIfPresent(meeting, "meeting_topic", "Weekly sync");
        putIfPresent(meeting, "meeting_type", symbol(schema, "meeting_type", "RECURRING"));
        putIfPresent(meeting, "status", symbol(schema, "status", "ENDED"));
        putIfPresent(meeting, "start_time", START.toEpochMilli());
        putIfPresent(meeting, "end_time", START.plusSeconds(1800).toEpochMilli());
        putIfPresent(meeting, "duration_minutes", 30);
        putIfPresent(meeting, "participant_count", 4);
        putIfPresent(meeting, "recording", true);
        return meeting;
    }

    static GenericData.EnumSymbol symbol(Schema schema, String field, String symbol) {
        Schema.Field enumField = schema.getField(field);
        return enumField == null ? null : new GenericData.EnumSymbol(enumField.schema(), symbol);
    }

    private static void putIfPresent(GenericRecord record, String field, Object value) {
        if (record.getSchema().getField(field) != null) {
            record.put(field, value);
        }
    }

    private static Schema record(List<Schema.Field> fields) {
        Schema current = Meeting.getClassSchema();
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }
}
