package io.zoommetering.topology.reference;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.Webinar;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * The fields every input record carries, and its business time: the earliest time that decides a period it changes
 * (meetings and webinars: start_time; attendance: join_time; tickets: open_time when earlier than event_time;
 * billing events: the first day of the service period when earlier; every other record: event_time). It is checked
 * against the period retention only; lateness is by event_time alone.
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
        } else if (value instanceof SupportTicket ticket && ticket.getOpenTime().isBefore(eventTime)) {
            businessTime = ticket.getOpenTime();
        } else if (value instanceof BillingEvent billing
                && billing.getServicePeriodStart() != null
                && billing.getServicePeriodStart()
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .isBefore(eventTime)) {
            businessTime =
                    billing.getServicePeriodStart().atStartOfDay(ZoneOffset.UTC).toInstant();
        } else {
            businessTime = eventTime;
        }
        return new Envelope(eventId, eventTime, businessTime);
    }
}
