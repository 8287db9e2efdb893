package io.zoommetering.tools.generator;

import io.zoommetering.app.events.EventRecord;
import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.avro.support.IssueCategory;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketPriority;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.support.TicketType;
import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.ConnectionQuality;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.MeetingType;
import io.zoommetering.avro.usage.ParticipationLevel;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.UserStatus;
import io.zoommetering.avro.usage.Webinar;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * Mixes the requested imperfections into the regular records, as they pass in event-time order: local shuffles,
 * retried duplicates, late records, records that break a validation rule, and undecodable bytes. Keeps only a few
 * records pending, so a live stream stays in bounded memory.
 */
final class Mischief {

    /** The grace period of the processor's defaults (24 h) and a margin: late records are further behind. */
    private static final Duration LATE_BY = Duration.ofHours(25);

    private final GeneratorSettings settings;
    private final Dice dice;
    private final Topics topics;
    private final Population population;
    private final RecordFactory records;
    private final String tag;
    private final Instant processingTime;
    private final List<Pending> pending = new ArrayList<>();
    /** The greatest event time of a valid record produced so far, per topic (a lower bound of stream time). */
    private final Map<String, Instant> streamTimes = new HashMap<>();

    private final List<Function<Instant, EventRecord>> breakers;
    private long entities;
    private Instant latest = Instant.EPOCH;

    /** A record waiting for {@code after} more records before it is produced. */
    private static final class Pending {
        final GeneratedEvent event;
        int after;

        Pending(GeneratedEvent event, int after) {
            this.event = event;
            this.after = after;
        }
    }

    /**
     * @param processingTime the processing time the records are made for: an event time more than a day after it
     *                       is invalid; a live stream gives its start (it only moves on)
     */
    Mischief(
            GeneratorSettings settings,
            Dice dice,
            Topics topics,
            Population population,
            String tag,
            Instant processingTime) {
        this.settings = settings;
        this.dice = dice;
        this.topics = topics;
        this.population = population;
        this.records = new RecordFactory(topics, "x-" + tag + "-");
        this.tag = tag;
        this.processingTime = processingTime;
        this.breakers = breakers();
    }

    /** Takes the next regular record; adds what is produced now to {@code out}. */
    void accept(Simulation.Emitted regular, Deque<GeneratedEvent> out) {
        if (regular.time().isAfter(latest)) {
            latest = regular.time();
        }
        GeneratedEvent event = new GeneratedEvent(regular.record(), regular.kind());
        if (regular.kind() == EventKind.CATALOG) {
            produce(event, out);
            return;
        }
        boolean holdBack = regular.shufflable() && dice.chance(settings.outOfOrder());
        List<GeneratedEvent> released = countDown();
        if (holdBack) {
            pending.add(new Pending(new GeneratedEvent(regular.record(), EventKind.OUT_OF_ORDER), dice.between(1, 4)));
        } else {
            produce(event, out);
        }
        for (GeneratedEvent release : released) {
            produce(release, out);
        }
        if (dice.chance(settings.late())) {
            EventRecord late = lateRecord();
            if (late != null) {
                out.add(new GeneratedEvent(late, EventKind.LATE));
            }
        }
        if (dice.chance(settings.invalid())) {
            out.add(new GeneratedEvent(invalidRecord(), EventKind.INVALID));
        }
        if (dice.chance(settings.garbage())) {
            out.add(new GeneratedEvent(garbage(), EventKind.GARBAGE));
        }
    }

    /** Records held back or waiting to be re-sent. */
    int pending() {
        return pending.size();
    }

    /** Produces whatever is still held back (the end of a batch). */
    void drain(Deque<GeneratedEvent> out) {
        while (!pending.isEmpty()) {
            Pending next = pending.remove(0);
            produce(next.event, out);
        }
    }

    private List<GeneratedEvent> countDown() {
        List<GeneratedEvent> released = new ArrayList<>();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending next = it.next();
            if (--next.after <= 0) {
                it.remove();
                released.add(next.event);
            }
        }
        return released;
    }

    /** Produces a valid record, and sometimes schedules its retry a little later. */
    private void produce(GeneratedEvent event, Deque<GeneratedEvent> out) {
        out.add(event);
        if (event.kind() == EventKind.DUPLICATE) {
            return;
        }
        SpecificRecord value = event.record().value();
        Object eventTime = value.get(value.getSchema().getField("event_time").pos());
        streamTimes.merge(event.record().topic(), (Instant) eventTime, (a, b) -> a.isAfter(b) ? a : b);
        if (event.kind() != EventKind.CATALOG && dice.chance(settings.duplicates())) {
            int after = dice.chance(0.8) ? dice.between(1, 20) : dice.between(21, 200);
            pending.add(new Pending(new GeneratedEvent(event.record(), EventKind.DUPLICATE), after));
        }
    }

    // ---- late records: reported long after they happened

    /** A record far behind its topic's stream time; null while no busy topic has one yet. */
    private EventRecord lateRecord() {
        List<String> busy = new ArrayList<>();
        for (String candidate : List.of(topics.meetings(), topics.attendance(), topics.featureUsage())) {
            if (streamTimes.containsKey(candidate)) {
                busy.add(candidate);
            }
        }
        if (busy.isEmpty()) {
            return null;
        }
        String topic = dice.pick(busy);
        Instant streamTime = streamTimes.get(topic);
        Instant at = streamTime.minus(LATE_BY).minus(Duration.ofMinutes(dice.between(1, 48 * 60)));
        Account user = population.byActivity(dice);
        String meetingId = "m-" + tag + "-late-" + Long.toString(++entities, 36);
        if (topic.equals(topics.meetings())) {
            return records.meetingStarted(
                    meetingId, user, dice.pick(Names.MEETING_TOPICS), MeetingType.INSTANT, at, 2, false);
        }
        if (topic.equals(topics.attendance())) {
            Instant leave = at.plus(Duration.ofMinutes(dice.between(5, 60)));
            return records.attendance(
                    meetingId, user, at, leave, leave, ParticipationLevel.ACTIVE, ConnectionQuality.GOOD);
        }
        return records.featureUsage(null, user, "CHAT", at, dice.between(1, 10), dice.between(10, 100), true);
    }

    // ---- invalid records: each breaks one rule of intake step 3 (or is a tombstone off the plan topic)

    private EventRecord invalidRecord() {
        return dice.pick(breakers).apply(latest);
    }

    private List<Function<Instant, EventRecord>> breakers() {
        return List.of(
                at -> withMeeting(meeting(at, false), m -> m.setEventId(null)),
                at -> withMeeting(meeting(at, false), m -> m.setEventId("  ")),
                at -> withMeeting(meeting(at, false), m -> m.setEventTime(null)),
                at -> withMeeting(meeting(at, false), m -> m.setMeetingId(null)),
                at -> withMeeting(meeting(at, false), m -> m.setStatus(MeetingStatus.UNRECOGNIZED)),
                at -> withMeeting(meeting(at, false), m -> m.setMeetingType(MeetingType.UNRECOGNIZED)),
                at -> withMeeting(meeting(at, true), m -> m.setEndTime(null)),
                at -> withMeeting(meeting(at, true), m -> m.setDurationMinutes(null)),
                at -> withMeeting(meeting(at, true), m -> m.setDurationMinutes(-m.getDurationMinutes())),
                at -> withMeeting(
                        meeting(at, true), m -> m.setEndTime(m.getStartTime().minusSeconds(600))),
                at -> withMeeting(meeting(at, true), m -> m.setParticipantCount(-1)),
                at -> withMeeting(meeting(at, false), m -> m.setEventTime(processingTime.plus(Duration.ofDays(400)))),
                at -> with(
                        attendance(at),
                        Attendance.class,
                        a -> a.setLeaveTime(a.getJoinTime().minusSeconds(60))),
                at -> with(attendance(at), Attendance.class, a -> a.setMeetingId(null)),
                at -> with(
                        attendance(at), Attendance.class, a -> a.setConnectionQuality(ConnectionQuality.UNRECOGNIZED)),
                at -> with(featureUsage(at), FeatureUsage.class, f -> f.setUsageSeconds(-30L)),
                at -> with(featureUsage(at), FeatureUsage.class, f -> f.setUsageCount(-1)),
                at -> with(featureUsage(at), FeatureUsage.class, f -> f.setUserId(null)),
                at -> with(webinar(at), Webinar.class, w -> w.setRegistrants(-5)),
                at -> with(webinar(at), Webinar.class, w -> w.setAttendees(-1)),
                at -> with(
                        webinar(at),
                        Webinar.class,
                        w -> w.setEndTime(w.getStartTime().minusSeconds(3600))),
                at -> with(webinar(at), Webinar.class, w -> w.setWebinarId(null)),
                at -> with(ticket(at), SupportTicket.class, t -> t.setCsatScore(dice.chance(0.5) ? 0 : 6)),
                at -> with(ticket(at), SupportTicket.class, t -> t.setPriority(TicketPriority.UNRECOGNIZED)),
                at -> with(ticket(at), SupportTicket.class, t -> t.setTicketId(null)),
                at -> with(billing(at), BillingEvent.class, b -> b.setAmount(new BigDecimal("-14.99"))),
                at -> with(billing(at), BillingEvent.class, b -> b.setCurrency("EUR")),
                at -> with(billing(at), BillingEvent.class, b -> b.setServicePeriodEnd(null)),
                at -> with(
                        billing(at),
                        BillingEvent.class,
                        b -> b.setServicePeriodEnd(b.getServicePeriodStart().minusDays(3))),
                at -> with(billing(at), BillingEvent.class, b -> b.setUserId(null)),
                at -> with(billing(at), BillingEvent.class, b -> b.setEventType(BillingEventType.UNRECOGNIZED)),
                at -> with(
                        license(at),
                        License.class,
                        l -> l.setEndDate(l.getStartDate().minusDays(1))),
                at -> with(license(at), License.class, l -> l.setLicenseStatus(LicenseStatus.UNRECOGNIZED)),
                at -> with(profile(at), User.class, u -> u.setPlanType(PlanType.UNRECOGNIZED)),
                at -> with(profile(at), User.class, u -> u.setUserId(null)),
                at -> with(status(at), ServiceStatus.class, s -> s.setComponent(null)),
                at -> with(status(at), ServiceStatus.class, s -> s.setStatus(ComponentStatus.UNRECOGNIZED)),
                at -> EventRecord.tombstone(topics.meetings(), "m-" + tag + "-gone-" + Long.toString(++entities, 36)),
                at -> EventRecord.tombstone(topics.users(), population.byActivity(dice).userId));
    }

    private interface Change<T> {
        void apply(T value);
    }

    private static <T extends SpecificRecord> EventRecord with(EventRecord record, Class<T> type, Change<T> change) {
        T value = type.cast(record.value());
        change.apply(value);
        return EventRecord.of(record.topic(), record.key(), value);
    }

    private static EventRecord withMeeting(EventRecord record, Change<Meeting> change) {
        return with(record, Meeting.class, change);
    }

    private EventRecord meeting(Instant at, boolean ended) {
        String id = "m-" + tag + "-bad-" + Long.toString(++entities, 36);
        Account host = population.byActivity(dice);
        Instant start = at.minus(Duration.ofMinutes(dice.between(10, 60)));
        return ended
                ? records.meetingEnded(
                        id,
                        host,
                        dice.pick(Names.MEETING_TOPICS),
                        MeetingType.SCHEDULED,
                        start,
                        (int) Duration.between(start, at).toMinutes(),
                        3,
                        false,
                        at)
                : records.meetingStarted(
                        id, host, dice.pick(Names.MEETING_TOPICS), MeetingType.SCHEDULED, at, 3, false);
    }

    private EventRecord attendance(Instant at) {
        String id = "m-" + tag + "-bad-" + Long.toString(++entities, 36);
        return records.attendance(
                id,
                population.byActivity(dice),
                at.minusSeconds(1_800),
                at,
                at,
                ParticipationLevel.ACTIVE,
                ConnectionQuality.FAIR);
    }

    private EventRecord featureUsage(Instant at) {
        return records.featureUsage(null, population.byActivity(dice), "WHITEBOARD", at, 1, 120, true);
    }

    private EventRecord webinar(Instant at) {
        String id = "w-" + tag + "-bad-" + Long.toString(++entities, 36);
        return records.webinar(
                id,
                population.byActivity(dice),
                dice.pick(Names.WEBINAR_TOPICS),
                at.minusSeconds(5_400),
                at,
                120,
                60,
                at);
    }

    private EventRecord ticket(Instant at) {
        String id = "t-" + tag + "-bad-" + Long.toString(++entities, 36);
        RecordFactory.Ticket ticket = new RecordFactory.Ticket(
                id,
                population.byActivity(dice),
                TicketType.TECHNICAL,
                IssueCategory.AUDIO,
                TicketPriority.MEDIUM,
                at.minusSeconds(7_200));
        ticket.firstResponse = at.minusSeconds(3_600);
        ticket.resolved = at;
        ticket.csat = 4;
        return records.ticket(ticket, TicketStatus.RESOLVED, at);
    }

    private EventRecord billing(Instant at) {
        Account account = population.byActivity(dice);
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return records.billing(
                account,
                BillingEventType.SUBSCRIPTION_RENEWAL,
                PlanType.PRO,
                new BigDecimal("14.99"),
                "CREDIT_CARD",
                "INV-" + tag.toUpperCase(Locale.ROOT) + "-X" + (++entities),
                today,
                today.plusMonths(1).minusDays(1),
                at);
    }

    private EventRecord license(Instant at) {
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        Account account = population.byActivity(dice);
        return records.license(
                "lic-bad-" + tag + "-" + (++entities),
                "PRO",
                account.userId,
                today,
                today.plusYears(1).minusDays(1),
                LicenseStatus.ACTIVE,
                today.plusYears(1),
                at);
    }

    private EventRecord profile(Instant at) {
        Account account = population.byActivity(dice);
        User user = records.userValue(account, at);
        user.setUserStatus(UserStatus.ACTIVE);
        return EventRecord.of(topics.users(), account.userId, user);
    }

    private EventRecord status(Instant at) {
        return records.serviceStatus(dice.pick(Names.COMPONENTS), ComponentStatus.UP, at);
    }

    // ---- undecodable bytes

    private EventRecord garbage() {
        String topic = dice.pick(topics.all());
        String key = "garbage-" + tag + "-" + Long.toString(++entities, 36);
        byte[] bytes = switch (dice.nextInt(4)) {
            case 0 ->
                ("{\"event_id\": \"" + key + "\", \"note\": \"JSON, not Avro\"}").getBytes(StandardCharsets.UTF_8);
            case 1 -> new byte[] {0, 0, 0, 0, 1}; // a frame with no Avro body
            case 2 -> new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 2, 4, 6}; // a schema id never issued
            default -> {
                byte[] random = new byte[dice.between(6, 40)];
                for (int i = 0; i < random.length; i++) {
                    random[i] = (byte) dice.nextInt(256);
                }
                random[0] = (byte) (1 + dice.nextInt(255)); // not the magic byte
                yield random;
            }
        };
        return EventRecord.raw(topic, key, bytes);
    }
}
