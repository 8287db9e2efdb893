package io.zoommetering.topology.reference;

import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.UserStatus;
import io.zoommetering.avro.usage.Webinar;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The adversarial part of a random set, mixed into the valid records: small shuffles, late records, retried
 * duplicates, records that break a validation rule, undecodable bytes and tombstones.
 */
final class Mischief {

    private final RandomWindow dice;
    private final EventFactory factory;
    private final List<String> users;
    private final List<String> meetings;

    Mischief(RandomWindow dice, EventFactory factory, List<String> users, List<String> meetings) {
        this.dice = dice;
        this.factory = factory;
        this.users = users;
        this.meetings = meetings;
    }

    /** Mixes mischief into the catalog and the activity after it, both in production order. */
    void mix(List<InputRecord> catalog, List<InputRecord> body) {
        if (dice.nextInt(5) == 0) {
            catalog.add(catalog.get(0)); // a retried catalog record
        }
        if (dice.nextInt(5) == 0) {
            Plan education = factory.plan(
                    PlanType.EDUCATION, dice.start(), new BigDecimal("5.00"), Map.of(), Map.of(), Map.of());
            catalog.add(broken(InputRecord.of(Topics.PLANS, PlanType.EDUCATION.name(), education), "currency", "EUR"));
        }
        shuffleSlightly(body);
        addLateRecords(body);
        addDuplicates(body);
        addInvalidRecords(body);
        addGarbage(body);
        addForbiddenTombstone(body);
    }

    /** Out-of-order arrival: a few neighbours change places. */
    private void shuffleSlightly(List<InputRecord> body) {
        for (int i = 0; i + 1 < body.size(); i++) {
            if (dice.nextInt(10) == 0) {
                body.set(i, body.set(i + 1, body.get(i)));
            }
        }
    }

    /**
     * Records more than the grace period behind their partition's stream time, by event time, or by business
     * time only (a meeting reported now that started long ago).
     */
    private void addLateRecords(List<InputRecord> body) {
        int count = 1 + dice.nextInt(2);
        for (int i = 0; i < count; i++) {
            boolean usage = dice.nextBoolean() && latestEventTime(body, Topics.FEATURE_USAGE) != null;
            String topic = usage ? Topics.FEATURE_USAGE : Topics.MEETINGS;
            Instant late = latestEventTime(body, topic).minus(minutes((25 + dice.nextInt(24)) * 60L));
            String userId = dice.pick(users);
            String meetingId = dice.pick(meetings);
            insertNearEnd(
                    body,
                    usage
                            ? InputRecord.of(
                                    topic,
                                    userId,
                                    factory.featureUsage(null, userId, "RECORDING", late, 1, 1 + dice.nextInt(4000)))
                            : InputRecord.of(topic, meetingId, factory.meetingStarted(meetingId, userId, late)));
        }
        if (dice.nextBoolean()) {
            Instant now = latestEventTime(body, Topics.MEETINGS);
            Instant start = now.minus(minutes((26 + dice.nextInt(24)) * 60));
            String meetingId = "m-late";
            insertNearEnd(
                    body,
                    InputRecord.of(
                            Topics.MEETINGS,
                            meetingId,
                            factory.meetingEnded(meetingId, dice.pick(users), start, 30, now)));
        }
    }

    /** The exact same record re-sent, soon after or much later. */
    private void addDuplicates(List<InputRecord> body) {
        int count = 1 + dice.nextInt(4);
        for (int i = 0; i < count; i++) {
            int original = dice.nextInt(body.size());
            InputRecord copy = body.get(original);
            int position = dice.nextInt(4) == 0 ? body.size() : Math.min(body.size(), original + 1 + dice.nextInt(12));
            body.add(position, copy);
        }
    }

    /** Each breaks one rule of intake step 3. */
    private void addInvalidRecords(List<InputRecord> body) {
        List<Supplier<InputRecord>> breakers = List.of(
                () -> broken(meetingStartedNow(), "event_id", null),
                () -> broken(meetingStartedNow(), "event_id", " "),
                () -> broken(meetingStartedNow(), "event_time", null),
                () -> broken(meetingStartedNow(), "meeting_id", null),
                () -> broken(meetingStartedNow(), "status", MeetingStatus.UNRECOGNIZED),
                () -> broken(profileNow(), "plan_type", PlanType.UNRECOGNIZED),
                () -> broken(meetingEndedNow(), "duration_minutes", null),
                () -> broken(meetingEndedNow(), "end_time", null),
                () -> broken(meetingEndedNow(), "participant_count", -1),
                () -> broken(meetingEndedNow(), "duration_minutes", -5),
                () -> broken(meetingEndedNow(), "end_time", dice.start().minus(Duration.ofDays(3))),
                () -> broken(webinarNow(), "registrants", -1),
                () -> broken(webinarNow(), "attendees", -1),
                () -> broken(webinarNow(), "end_time", dice.start().minus(Duration.ofDays(3))),
                () -> broken(attendanceNow(), "leave_time", dice.start().minus(Duration.ofDays(3))),
                () -> broken(billingNow(), "user_id", null),
                () -> broken(billingNow(), "amount", new BigDecimal("-5.00")),
                () -> broken(billingNow(), "currency", "EUR"),
                () -> broken(billingNow(), "service_period_end", null),
                () -> broken(billingNow(), "service_period_end", LocalDate.of(2025, 1, 1)),
                () -> broken(licenseNow(), "end_date", LocalDate.of(2025, 1, 1)),
                () -> broken(recordingNow(), "usage_seconds", -30L),
                () -> broken(recordingNow(), "usage_count", -1),
                () -> broken(ticketNow(), "csat_score", dice.nextBoolean() ? 0 : 6),
                () -> broken(meetingStartedNow(), "event_time", beyondClockSkew()));
        int count = 1 + dice.nextInt(4);
        for (int i = 0; i < count; i++) {
            body.add(dice.nextInt(body.size() + 1), dice.pick(breakers).get());
        }
    }

    /** Bytes that are not a Confluent-framed Avro record: JSON text, or a frame with no Avro body. */
    private void addGarbage(List<InputRecord> body) {
        int count = dice.nextInt(3);
        for (int i = 0; i < count; i++) {
            byte[] bytes = dice.nextBoolean()
                    ? "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8)
                    : new byte[] {0, 0, 0, 0, 1};
            String topic = dice.pick(Topics.INPUTS);
            body.add(dice.nextInt(body.size() + 1), InputRecord.garbage(topic, "garbage-" + i, bytes));
        }
    }

    /** A tombstone is allowed on zoom.plans only. */
    private void addForbiddenTombstone(List<InputRecord> body) {
        if (dice.nextInt(3) == 0) {
            String topic = dice.nextBoolean() ? Topics.MEETINGS : Topics.USERS;
            String key = topic.equals(Topics.MEETINGS) ? dice.pick(meetings) : dice.pick(users);
            body.add(dice.nextInt(body.size() + 1), InputRecord.tombstone(topic, key));
        }
    }

    private InputRecord meetingStartedNow() {
        String meetingId = dice.pick(meetings);
        return InputRecord.of(
                Topics.MEETINGS, meetingId, factory.meetingStarted(meetingId, dice.pick(users), dice.time()));
    }

    private InputRecord meetingEndedNow() {
        String meetingId = dice.pick(meetings);
        Instant start = dice.time();
        return InputRecord.of(
                Topics.MEETINGS,
                meetingId,
                factory.meetingEnded(meetingId, dice.pick(users), start, 20, start.plus(minutes(20))));
    }

    private InputRecord profileNow() {
        String userId = dice.pick(users);
        return InputRecord.of(
                Topics.USERS,
                userId,
                factory.user(userId, dice.time(), PlanType.PRO, UserStatus.ACTIVE, LocalDate.of(2025, 1, 1)));
    }

    private InputRecord attendanceNow() {
        String meetingId = dice.pick(meetings);
        Instant join = dice.time();
        return InputRecord.of(
                Topics.ATTENDANCE,
                meetingId,
                factory.attendance(meetingId, dice.pick(users), join, join.plus(minutes(10))));
    }

    private InputRecord licenseNow() {
        LocalDate day = LocalDate.ofInstant(dice.start(), ZoneOffset.UTC);
        return InputRecord.of(
                Topics.LICENSES,
                "l-bad",
                factory.license(
                        "l-bad", dice.time(), "PRO", dice.pick(users), day, day.plusDays(365), LicenseStatus.ACTIVE));
    }

    private InputRecord webinarNow() {
        Instant start = dice.time();
        Webinar webinar = factory.webinar("w-bad", dice.pick(users), start, start.plus(minutes(60)), 10, 5);
        return InputRecord.of(Topics.WEBINARS, "w-bad", webinar);
    }

    private InputRecord billingNow() {
        String userId = dice.pick(users);
        YearMonth month = YearMonth.from(dice.boundary().atZone(ZoneOffset.UTC));
        return InputRecord.of(
                Topics.BILLING_EVENTS,
                userId,
                factory.billing(
                        userId,
                        dice.time(),
                        BillingEventType.SUBSCRIPTION_FEE,
                        PlanType.PRO,
                        new BigDecimal("10.00"),
                        month.atDay(1),
                        month.atEndOfMonth()));
    }

    private InputRecord recordingNow() {
        String userId = dice.pick(users);
        return InputRecord.of(
                Topics.FEATURE_USAGE, userId, factory.featureUsage(null, userId, "RECORDING", dice.time(), 1, 90));
    }

    private InputRecord ticketNow() {
        Instant at = dice.time();
        return InputRecord.of(
                Topics.SUPPORT_TICKETS,
                "t-bad",
                factory.ticket("t-bad", dice.pick(users), at, TicketStatus.CLOSED, at, at, at, 3));
    }

    /** The record with one field replaced and, unless the event id is what breaks, a fresh event id. */
    private InputRecord broken(InputRecord record, String field, Object value) {
        SpecificRecordBase copy = withField((SpecificRecordBase) record.value(), field, value);
        if (!field.equals("event_id")) {
            copy.put("event_id", factory.nextEventId());
        }
        return InputRecord.of(record.topic(), record.key(), copy);
    }

    /** Later than the default clock skew (1 day) allows after the processing time. */
    private Instant beyondClockSkew() {
        return RandomEventSets.processingTime().plus(Duration.ofDays(1)).plus(minutes(1 + dice.nextInt(600)));
    }

    /** The greatest event time among the records of a topic; null when it has none. */
    private static Instant latestEventTime(List<InputRecord> body, String topic) {
        Instant latest = null;
        for (InputRecord record : body) {
            if (record.topic().equals(topic) && record.value() != null) {
                Instant eventTime = Envelope.of(record.value()).eventTime();
                latest = latest == null || eventTime.isAfter(latest) ? eventTime : latest;
            }
        }
        return latest;
    }

    private void insertNearEnd(List<InputRecord> body, InputRecord record) {
        body.add(body.size() - dice.nextInt(Math.min(4, body.size()) + 1), record);
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    /** A copy of a generated record with one field set, bypassing the builder's checks on purpose. */
    private static <T extends SpecificRecordBase> T withField(T record, String field, Object value) {
        T copy = record.getSpecificData().deepCopy(record.getSchema(), record);
        copy.put(field, value);
        return copy;
    }
}
