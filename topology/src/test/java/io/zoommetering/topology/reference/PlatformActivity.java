package io.zoommetering.topology.reference;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.support.TicketType;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingType;
import io.zoommetering.avro.usage.UserStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The valid part of a random set: a plan catalog, and a few days of platform activity in the order it is produced
 * (by event time, except states that arrive late on purpose: a profile after its user's first records, an older
 * profile state after a newer one, a replaced
 * meeting state after its correction, a STARTED state after its ENDED one, a service status reported after later
 * ones).
 */
final class PlatformActivity {

    private static final List<PlanType> CATALOG_PLANS = List.of(PlanType.FREE, PlanType.PRO, PlanType.BUSINESS);
    /** BASIC is never in the catalog: its usage has no overage row. */
    private static final List<PlanType> USER_PLANS =
            List.of(PlanType.FREE, PlanType.BASIC, PlanType.PRO, PlanType.BUSINESS);
    /** RECORDING twice: it is the feature with a meter. */
    private static final List<String> FEATURES =
            List.of("RECORDING", "RECORDING", "SCREEN_SHARE", "CHAT", "WHITEBOARD", "POLLING", "REACTIONS");

    private static final List<String> COMPONENTS = List.of("video", "audio", "chat");
    private static final List<TicketType> TICKET_TYPES =
            List.of(TicketType.TECHNICAL, TicketType.BILLING, TicketType.FEATURE_REQUEST, TicketType.GENERAL_INQUIRY);
    private static final List<BigDecimal> AMOUNTS = List.of(
            new BigDecimal("9.99"),
            new BigDecimal("14.99"),
            new BigDecimal("19.99"),
            new BigDecimal("100.00"),
            new BigDecimal("149.90"),
            new BigDecimal("0.01"),
            new BigDecimal("199.99"));
    /** Service periods whose month count is subtle: half-month rounding, month ends, a leap day. */
    private static final List<LocalDate[]> ODD_SERVICE_PERIODS = List.of(
            new LocalDate[] {LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 15)},
            new LocalDate[] {LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 13)},
            new LocalDate[] {LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 20)},
            new LocalDate[] {LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 10)},
            new LocalDate[] {LocalDate.of(2028, 1, 30), LocalDate.of(2028, 2, 29)},
            new LocalDate[] {LocalDate.of(2028, 2, 29), LocalDate.of(2028, 5, 28)},
            new LocalDate[] {LocalDate.of(2025, 12, 15), LocalDate.of(2026, 1, 14)},
            new LocalDate[] {LocalDate.of(2025, 11, 30), LocalDate.of(2026, 2, 27)});

    /** A record and the moment it is produced at: its event time, or later for a record that arrives late. */
    private record Timed(Instant producedAt, InputRecord record) {}

    private final RandomWindow dice;
    private final EventFactory factory;
    private final List<InputRecord> catalog = new ArrayList<>();
    private final List<Timed> timeline = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    /** The plan each profiled user starts with. */
    private final Map<String, PlanType> firstPlans = new LinkedHashMap<>();

    private final List<String> meetings = new ArrayList<>();

    private PlatformActivity(RandomWindow dice, EventFactory factory) {
        this.dice = dice;
        this.factory = factory;
    }

    static PlatformActivity generate(RandomWindow dice, EventFactory factory) {
        PlatformActivity activity = new PlatformActivity(dice, factory);
        activity.addCatalog();
        activity.addUsers();
        activity.addMeetings();
        activity.addFeatureUsageOutsideMeetings();
        activity.addWebinars();
        activity.addBilling();
        activity.addLicenses();
        activity.addTickets();
        activity.addServiceStatus();
        activity.timeline.sort(Comparator.comparing(Timed::producedAt));
        return activity;
    }

    /** The plan catalog records, to be produced before anything else. */
    List<InputRecord> catalog() {
        return List.copyOf(catalog);
    }

    /** Every other record, in the order they are produced. */
    List<InputRecord> activity() {
        return timeline.stream().map(Timed::record).toList();
    }

    List<String> users() {
        return List.copyOf(users);
    }

    List<String> meetings() {
        return List.copyOf(meetings);
    }

    // ---- the plan catalog, produced before anything else

    private void addCatalog() {
        Instant at = dice.start().minus(Duration.ofDays(1));
        List<PlanType> chosen = new ArrayList<>();
        for (PlanType plan : CATALOG_PLANS) {
            if (dice.nextInt(3) != 0) {
                chosen.add(plan);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(dice.pick(CATALOG_PLANS));
        }
        for (PlanType plan : chosen) {
            catalog.add(planRecord(plan, at));
            at = at.plus(Duration.ofMinutes(1));
        }
        if (dice.nextInt(4) == 0) {
            catalog.add(planRecord(dice.pick(chosen), at)); // a new version replaces the first
        }
        if (dice.nextInt(3) == 0) {
            PlanType removed = dice.nextBoolean() ? PlanType.ENTERPRISE : dice.pick(chosen);
            if (removed == PlanType.ENTERPRISE) {
                catalog.add(planRecord(removed, at));
            }
            catalog.add(InputRecord.tombstone(Topics.PLANS, removed.name()));
            if (removed != PlanType.ENTERPRISE && dice.nextBoolean()) {
                catalog.add(planRecord(removed, at.plus(Duration.ofMinutes(1)))); // and back again
            }
        }
    }

    /** Included quantities small enough for overage, thresholds low enough to be crossed; a meter may lack any. */
    private InputRecord planRecord(PlanType plan, Instant at) {
        Map<String, Long> included = new LinkedHashMap<>();
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        Map<String, Long> thresholds = new LinkedHashMap<>();
        meter(
                UsageItem.MEETING_MINUTES,
                20 + dice.nextInt(100),
                "0.05",
                5 + dice.nextInt(150),
                included,
                prices,
                thresholds);
        meter(
                UsageItem.WEBINAR_REGISTRANTS,
                10 + dice.nextInt(50),
                "0.25",
                1 + dice.nextInt(100),
                included,
                prices,
                thresholds);
        meter(
                UsageItem.RECORDING_MINUTES,
                1 + dice.nextInt(30),
                "0.10",
                1 + dice.nextInt(40),
                included,
                prices,
                thresholds);
        BigDecimal price = plan == PlanType.FREE ? new BigDecimal("0.00") : dice.pick(AMOUNTS);
        return InputRecord.of(Topics.PLANS, plan.name(), factory.plan(plan, at, price, included, prices, thresholds));
    }

    private void meter(
            String meter,
            long included,
            String price,
            long threshold,
            Map<String, Long> includedMap,
            Map<String, BigDecimal> prices,
            Map<String, Long> thresholds) {
        if (dice.nextInt(8) != 0) {
            includedMap.put(meter, included);
        }
        if (dice.nextInt(8) != 0) {
            prices.put(meter, new BigDecimal(price));
        }
        if (dice.nextInt(8) != 0) {
            thresholds.put(meter, threshold);
        }
    }

    // ---- users: some change plan, some never get a profile, some get it after their first records

    private void addUsers() {
        int count = 3 + dice.nextInt(6);
        for (int i = 1; i <= count; i++) {
            String userId = "u" + i;
            users.add(userId);
            int kind = dice.nextInt(20);
            if (kind < 4) {
                continue; // never profiled: its records count under UNKNOWN
            }
            PlanType plan = dice.pick(USER_PLANS);
            firstPlans.put(userId, plan);
            if (kind < 7) {
                Instant producedAt = dice.time();
                Instant at = producedAt.minus(Duration.ofMinutes(60 + dice.nextInt(19 * 60)));
                addTimed(producedAt, Topics.USERS, userId, profile(userId, at, plan, UserStatus.ACTIVE));
                continue;
            }
            Instant before = dice.start().minus(minutes(dice.nextInt(12 * 60)));
            add(Topics.USERS, userId, profile(userId, before, plan, UserStatus.ACTIVE));
            if (dice.nextInt(5) < 2) {
                PlanType other =
                        dice.pick(USER_PLANS.stream().filter(p -> p != plan).toList());
                Instant changed = dice.time();
                add(Topics.USERS, userId, profile(userId, changed, other, UserStatus.ACTIVE));
                if (dice.nextInt(2) == 0) {
                    // an older state (another registration date too) arriving after the newer one
                    addTimed(
                            changed.plus(minutes(1 + dice.nextInt(60))),
                            Topics.USERS,
                            userId,
                            profile(userId, changed.minus(minutes(1 + dice.nextInt(60))), plan, UserStatus.ACTIVE));
                }
            } else if (dice.nextInt(4) == 0) {
                add(Topics.USERS, userId, profile(userId, dice.time(), plan, UserStatus.SUSPENDED));
            }
        }
    }

    private SpecificRecord profile(String userId, Instant at, PlanType plan, UserStatus status) {
        LocalDate registered = LocalDate.ofInstant(dice.start(), ZoneOffset.UTC).minusDays(dice.nextInt(400));
        return factory.user(userId, at, plan, status, registered);
    }

    // ---- meetings, their attendance and feature usage; corrections and older states arriving late

    private void addMeetings() {
        int count = 3 + dice.nextInt(5);
        for (int i = 1; i <= count; i++) {
            String meetingId = "m" + i;
            meetings.add(meetingId);
            String host = dice.pick(users);
            Instant start = dice.time();
            Meeting started = factory.meetingStarted(meetingId, host, start);
            if (dice.nextInt(7) == 0) {
                add(Topics.MEETINGS, meetingId, started); // still running
                continue;
            }
            int duration = dice.nextInt(10) == 0 ? 0 : 1 + dice.nextInt(150);
            Instant end = start.plus(minutes(duration));
            Meeting ended = factory.meetingEnded(meetingId, host, start, duration, end);
            Instant endedProducedAt = end;
            if (dice.nextInt(20) < 7) {
                Meeting correction = correction(ended);
                add(Topics.MEETINGS, meetingId, correction);
                if (dice.nextInt(10) < 3) {
                    // the replaced state arrives after its correction: older, it changes nothing
                    endedProducedAt = correction.getEventTime().plus(minutes(1 + dice.nextInt(30)));
                }
            }
            addTimed(endedProducedAt, Topics.MEETINGS, meetingId, ended);
            Instant startedProducedAt = dice.nextInt(7) == 0 ? end.plus(minutes(1 + dice.nextInt(20))) : start;
            addTimed(startedProducedAt, Topics.MEETINGS, meetingId, started);
            addAttendanceAndFeatures(meetingId, host, start, end);
        }
    }

    /** A second ENDED state: another duration, sometimes another start (a day earlier: late) or host. */
    private Meeting correction(Meeting ended) {
        Instant start = ended.getStartTime();
        int shift = dice.nextInt(20);
        if (shift < 12) {
            start = start.plus(minutes((dice.nextBoolean() ? 1 : -1) * (60 + dice.nextInt(7 * 60))));
        } else if (shift < 15) {
            start = start.minus(Duration.ofDays(1)).minus(minutes(dice.nextInt(120)));
        }
        String host = dice.nextInt(6) == 0 ? dice.pick(users) : ended.getHostUserId();
        int duration = 1 + dice.nextInt(180);
        Instant end = start.plus(minutes(duration));
        Instant reportedAt = later(ended.getEventTime(), end).plus(minutes(5 + dice.nextInt(115)));
        // A corrected topic and type, decided without the dice so that every seed's other records stay as they
        // were: the meeting dimension then has a latest topic to get right, older states arriving late included.
        return Meeting.newBuilder(factory.meetingEnded(ended.getMeetingId(), host, start, duration, reportedAt))
                .setMeetingTopic(ended.getMeetingTopic() + ", corrected")
                .setMeetingType(MeetingType.RECURRING)
                .build();
    }

    private void addAttendanceAndFeatures(String meetingId, String host, Instant start, Instant end) {
        long length = Duration.between(start, end).toMinutes();
        List<String> present = new ArrayList<>(List.of(host));
        int attendees = dice.nextInt(3);
        for (int i = 0; i < attendees; i++) {
            String attendee = dice.pick(users);
            Instant join = start.plus(minutes(dice.nextInt((int) Math.min(10, length) + 1)));
            Instant leave = join.plus(
                    minutes(dice.nextInt((int) Duration.between(join, end).toMinutes() + 1)));
            add(Topics.ATTENDANCE, meetingId, factory.attendance(meetingId, attendee, join, leave));
            present.add(attendee);
        }
        int uses = dice.nextInt(3);
        for (int i = 0; i < uses; i++) {
            Instant at = start.plus(minutes(dice.nextInt((int) length + 1)));
            add(
                    Topics.FEATURE_USAGE,
                    meetingId,
                    factory.featureUsage(
                            meetingId,
                            dice.pick(present),
                            dice.pick(FEATURES),
                            at,
                            1 + dice.nextInt(10),
                            1 + dice.nextInt(4000)));
        }
    }

    private void addFeatureUsageOutsideMeetings() {
        int uses = dice.nextInt(4);
        for (int i = 0; i < uses; i++) {
            String userId = dice.pick(users);
            add(
                    Topics.FEATURE_USAGE,
                    userId,
                    factory.featureUsage(
                            null,
                            userId,
                            dice.pick(FEATURES),
                            dice.time(),
                            1 + dice.nextInt(5),
                            1 + dice.nextInt(4000)));
        }
    }

    private void addWebinars() {
        int count = dice.nextInt(3);
        for (int i = 1; i <= count; i++) {
            Instant start = dice.time();
            Instant end = start.plus(minutes(30 + dice.nextInt(90)));
            int registrants = dice.nextInt(200);
            add(
                    Topics.WEBINARS,
                    "w" + i,
                    factory.webinar("w" + i, dice.pick(users), start, end, registrants, dice.nextInt(registrants + 1)));
        }
    }

    // ---- billing: every event type, with and without service periods; refunds that cancel a fee

    private void addBilling() {
        for (String userId : users) {
            if (dice.nextInt(10) < 4) {
                continue;
            }
            int count = 1 + dice.nextInt(2);
            for (int i = 0; i < count; i++) {
                addBillingEvent(userId);
            }
        }
    }

    private void addBillingEvent(String userId) {
        Instant at = dice.time();
        BillingEventType type = dice.pick(List.of(
                BillingEventType.SUBSCRIPTION_FEE,
                BillingEventType.SUBSCRIPTION_RENEWAL,
                BillingEventType.ADD_ON_PURCHASE,
                BillingEventType.UPGRADE,
                BillingEventType.DOWNGRADE,
                BillingEventType.REFUND));
        PlanType plan = firstPlans.getOrDefault(userId, dice.pick(USER_PLANS));
        BigDecimal amount = dice.pick(AMOUNTS);
        LocalDate[] period = servicePeriod(YearMonth.from(at.atZone(ZoneOffset.UTC)));
        BillingEvent event = factory.billing(userId, at, type, plan, amount, period[0], period[1]);
        add(Topics.BILLING_EVENTS, userId, event);
        boolean adds = type != BillingEventType.REFUND && type != BillingEventType.DOWNGRADE;
        if (adds && period[0] != null && dice.nextInt(10) < 3) {
            Instant refundedAt = at.plus(minutes(30 + dice.nextInt(24 * 60)));
            add(
                    Topics.BILLING_EVENTS,
                    userId,
                    factory.billing(userId, refundedAt, BillingEventType.REFUND, plan, amount, period[0], period[1]));
        }
    }

    /** [start, end] of a service period, both null for a one-off charge. */
    private LocalDate[] servicePeriod(YearMonth month) {
        return switch (dice.nextInt(7)) {
            case 0 -> new LocalDate[] {null, null};
            case 1 -> new LocalDate[] {month.atDay(1), month.atEndOfMonth()};
            case 2 -> new LocalDate[] {month.atDay(1), month.plusMonths(2).atEndOfMonth()};
            case 3 -> new LocalDate[] {month.atDay(1), month.plusMonths(11).atEndOfMonth()};
            case 4 -> new LocalDate[] {month.atDay(15), month.plusMonths(1).atDay(14)};
            default -> dice.pick(ODD_SERVICE_PERIODS);
        };
    }

    // ---- licenses (upserts: reassigned, suspended, expired, older states late), tickets and service status

    private void addLicenses() {
        int count = dice.nextInt(4);
        LocalDate day = LocalDate.ofInstant(dice.start(), ZoneOffset.UTC);
        for (int i = 1; i <= count; i++) {
            String licenseId = "l" + i;
            String type = dice.pick(List.of("PRO", "BUSINESS", "ENTERPRISE"));
            String assignee = dice.nextInt(4) == 0 ? null : dice.pick(users);
            // Mostly a year around the window; a third start or end inside it, so that its days end at a day of
            // the window, on either side of the calendar boundary.
            LocalDate start = day.minusDays(30);
            LocalDate end = day.plusDays(335);
            int cut = dice.nextInt(3);
            if (cut == 1) {
                start = day.plusDays(dice.nextInt(6));
            } else if (cut == 2) {
                end = day.plusDays(dice.nextInt(6));
            }
            add(
                    Topics.LICENSES,
                    licenseId,
                    factory.license(licenseId, dice.time(), type, assignee, start, end, LicenseStatus.ACTIVE));
            if (dice.nextBoolean()) {
                // a newer state: reassigned (or unassigned), suspended or expired
                Instant changed = dice.time();
                String holder = dice.nextInt(5) == 0 ? null : dice.pick(users);
                LicenseStatus status = dice.pick(List.of(
                        LicenseStatus.ACTIVE, LicenseStatus.ACTIVE, LicenseStatus.EXPIRED, LicenseStatus.SUSPENDED));
                add(Topics.LICENSES, licenseId, factory.license(licenseId, changed, type, holder, start, end, status));
                if (dice.nextInt(3) == 0) {
                    // an older state, with another holder, arriving after the newer one
                    addTimed(
                            changed.plus(minutes(1 + dice.nextInt(60))),
                            Topics.LICENSES,
                            licenseId,
                            factory.license(
                                    licenseId,
                                    changed.minus(minutes(1 + dice.nextInt(60))),
                                    type,
                                    dice.pick(users),
                                    start,
                                    end,
                                    LicenseStatus.ACTIVE));
                }
            }
        }
    }

    /**
     * Tickets through their states (OPEN, IN_PROGRESS once answered, RESOLVED, CLOSED), each produced at its event
     * time except on purpose: sometimes reclassified to another type or moved to another user by a later state,
     * resolved without a first response, scored only when CLOSED, answered after an older state arrives late, or
     * opened weeks before the window with only its resolution in it.
     */
    private void addTickets() {
        int count = dice.nextInt(4);
        for (int i = 1; i <= count; i++) {
            String ticketId = "t" + i;
            String userId = dice.pick(users);
            TicketType type = dice.pick(TICKET_TYPES);
            boolean weeksOld = dice.nextInt(8) == 0;
            Instant opened = weeksOld ? dice.start().minus(Duration.ofDays(20 + dice.nextInt(20))) : dice.time();
            if (!weeksOld) {
                add(
                        Topics.SUPPORT_TICKETS,
                        ticketId,
                        factory.ticket(ticketId, userId, type, opened, TicketStatus.OPEN, opened, null, null, null));
            }
            Instant answered = dice.nextInt(4) == 0 ? null : opened.plus(minutes(5 + dice.nextInt(120)));
            if (answered != null && !weeksOld && dice.nextBoolean()) {
                add(
                        Topics.SUPPORT_TICKETS,
                        ticketId,
                        factory.ticket(
                                ticketId,
                                userId,
                                type,
                                answered,
                                TicketStatus.IN_PROGRESS,
                                opened,
                                answered,
                                null,
                                null));
            }
            if (!weeksOld && dice.nextBoolean()) {
                continue;
            }
            if (dice.nextInt(4) == 0) {
                type = dice.pick(TICKET_TYPES); // reclassified (possibly to the same type)
            }
            if (dice.nextInt(6) == 0) {
                userId = dice.pick(users); // handed over to another user's account
            }
            Instant resolved = weeksOld
                    ? dice.time()
                    : later(opened, answered == null ? opened : answered).plus(minutes(dice.nextInt(30 * 60)));
            Integer csat = dice.nextInt(3) == 0 ? 1 + dice.nextInt(5) : null;
            SupportTicket resolution = factory.ticket(
                    ticketId, userId, type, resolved, TicketStatus.RESOLVED, opened, answered, resolved, csat);
            if (dice.nextInt(4) == 0) {
                // the RESOLVED state arrives after the CLOSED one that replaces it: older, it changes nothing
                Instant closedAt = resolved.plus(minutes(10 + dice.nextInt(600)));
                addClosed(ticketId, userId, type, closedAt, opened, answered, resolved, 1 + dice.nextInt(5));
                addTimed(closedAt.plus(minutes(1 + dice.nextInt(60))), Topics.SUPPORT_TICKETS, ticketId, resolution);
                continue;
            }
            addTimed(resolved, Topics.SUPPORT_TICKETS, ticketId, resolution);
            if (dice.nextBoolean()) {
                // closed later, the score given (or changed) only now
                Instant closedAt = resolved.plus(minutes(10 + dice.nextInt(600)));
                Integer score = dice.nextInt(4) == 0 ? csat : Integer.valueOf(1 + dice.nextInt(5));
                addClosed(ticketId, userId, type, closedAt, opened, answered, resolved, score);
            }
        }
    }

    private void addClosed(
            String ticketId,
            String userId,
            TicketType type,
            Instant closedAt,
            Instant opened,
            Instant answered,
            Instant resolved,
            Integer score) {
        add(
                Topics.SUPPORT_TICKETS,
                ticketId,
                factory.ticket(
                        ticketId, userId, type, closedAt, TicketStatus.CLOSED, opened, answered, resolved, score));
    }

    private void addServiceStatus() {
        int count = dice.nextInt(4);
        for (int i = 0; i < count; i++) {
            String component = dice.pick(COMPONENTS);
            add(
                    Topics.SERVICE_STATUS,
                    component,
                    factory.serviceStatus(
                            component,
                            dice.time(),
                            dice.pick(List.of(ComponentStatus.UP, ComponentStatus.DEGRADED, ComponentStatus.DOWN))));
        }
        if (dice.nextInt(3) != 0) {
            addIncidentAcrossMidnight();
        }
        if (dice.nextBoolean()) {
            addHeartbeats();
        }
    }

    /**
     * An outage across the boundary's midnight; sometimes a DEGRADED spell between two earlier records reported
     * after the last one (within the grace), sometimes a second record at the instant of the recovery.
     */
    private void addIncidentAcrossMidnight() {
        String component = dice.pick(COMPONENTS);
        Instant midnight = dice.boundary();
        Instant down = midnight.minus(minutes(1 + dice.nextInt(59)));
        Instant recovered = midnight.plus(minutes(1 + dice.nextInt(120)));
        Instant last = recovered.plus(minutes(30 + dice.nextInt(300)));
        addStatus(component, down.minus(minutes(60 + dice.nextInt(300))), ComponentStatus.UP);
        addStatus(component, down, ComponentStatus.DOWN);
        addStatus(component, recovered, ComponentStatus.UP);
        addStatus(component, last, ComponentStatus.UP);
        if (dice.nextBoolean()) {
            Instant degraded = down.plus(
                    minutes(dice.nextInt((int) Duration.between(down, recovered).toMinutes())));
            addTimed(
                    last.plus(minutes(1 + dice.nextInt(60))),
                    Topics.SERVICE_STATUS,
                    component,
                    factory.serviceStatus(component, degraded, ComponentStatus.DEGRADED));
        }
        if (dice.nextBoolean()) {
            // reported right after the first record at that instant, or after the last record (then it replaces a
            // status that already holds until a successor)
            addTimed(
                    dice.nextBoolean() ? recovered : last.plus(minutes(1 + dice.nextInt(60))),
                    Topics.SERVICE_STATUS,
                    component,
                    factory.serviceStatus(
                            component,
                            recovered,
                            dice.pick(List.of(ComponentStatus.UP, ComponentStatus.DEGRADED, ComponentStatus.DOWN))));
        }
    }

    /**
     * A component that repeats its status every 6 to 14 hours over the whole window, now and then DOWN, and a DOWN
     * reported after the last heartbeat though it happened a little before the one before: repeats older than the
     * grace are what the topology may forget, and the late-reported DOWN holds only until the heartbeat after it,
     * often a repeat still within the grace (sometimes the DOWN itself is beyond the grace, and late).
     */
    private void addHeartbeats() {
        String component = dice.pick(COMPONENTS);
        Instant end = dice.boundary().plus(Duration.ofDays(4));
        Instant at = dice.start().plus(minutes(dice.nextInt(600)));
        Instant last = at;
        Instant beforeLast = at;
        while (at.isBefore(end)) {
            addStatus(component, at, dice.nextInt(5) == 0 ? ComponentStatus.DOWN : ComponentStatus.UP);
            beforeLast = last;
            last = at;
            at = at.plus(minutes(360 + dice.nextInt(480)));
        }
        addTimed(
                last.plus(minutes(5)),
                Topics.SERVICE_STATUS,
                component,
                factory.serviceStatus(
                        component, beforeLast.minus(minutes(1 + dice.nextInt(300))), ComponentStatus.DOWN));
    }

    private void addStatus(String component, Instant at, ComponentStatus status) {
        add(Topics.SERVICE_STATUS, component, factory.serviceStatus(component, at, status));
    }

    private void add(String topic, String key, SpecificRecord value) {
        addTimed(Envelope.of(value).eventTime(), topic, key, value);
    }

    private void addTimed(Instant producedAt, String topic, String key, SpecificRecord value) {
        timeline.add(new Timed(producedAt, InputRecord.of(topic, key, value)));
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
