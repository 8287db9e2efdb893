package io.zoommetering.topology.reference;

import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.Webinar;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * The fields every input record carries, and its business time: the time that decides which period it changes
 * (meetings and webinars: start_time; attendance: join_time; every other record: event_time).
 */
record Envelope(String eventId, Instant eventTime, Instant businessTime) {

    static Envelope of(SpecificRecord value) {
        // Every generated input class is a GenericRecord, and all ten share the names event_id and event_time.
        GenericRecord record = (GenericRecord) value;
        String eventId = (String) record.get("event_id");
        Instant eventTime = (Instant) record.get("event_time");
        Instant businessTime;
        if (value instanceof Meeting meeting) {
            businessTime = meeting.getStartTime();
        } else if (value instanceof Webinar webinar) {
            businessTime = webinar.getStartTime();
        } else if (value instanceof Attendance attendance) {
            businessTime = attendance.getJoinTime();
        } else {
            businessTime = eventTime;
        }
        return new Envelope(eventId, eventTime, businessTime);
    }
}
