package io.zoommetering.tools.generator;

import io.zoommetering.app.events.EventRecord;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.avro.support.IssueCategory;
import io.zoommetering.avro.support.TicketPriority;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.support.TicketType;
import io.zoommetering.avro.usage.ConnectionQuality;
import io.zoommetering.avro.usage.MeetingType;
import io.zoommetering.avro.usage.ParticipationLevel;
import io.zoommetering.avro.usage.UserStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * A discrete-event simulation of the platform: what happens, in event-time order. Things that happen later (a
 * meeting's end, a ticket's first response, tomorrow's billing run) wait in a queue of scheduled records and
 * actions; an action runs at its time against the accounts' state then, and may schedule more.
 *
 * <p>A batch pulls with {@link #nextBefore(Instant)}: sessions arrive as a Poisson process whose intensity follows
 * each user's activity and local working hours. The live mode pulls with {@link #nextAt(Instant)}: what is due by
 * the wall clock, or else a new session starting now. Memory holds the accounts and what is pending, never what was
 * generated.
 */
final class Simulation {

    /** Something that happens at a time and may schedule records and further actions. */
    private interface Action {
        void run(Instant at);
    }

    /**
     * A record due at {@code time} (built then by {@code builder}, so that what waits is small), or an action to run
     * then; ties keep scheduling order.
     */
    private record Scheduled(
            Instant time, long seq, Supplier<EventRecord> builder, EventKind kind, boolean shufflable, Action action) {}

    /** A regular record of the simulation, in event-time order. */
    record Emitted(Instant time, EventRecord record, EventKind kind, boolean shufflable) {}

    private static final Duration DAY = Duration.ofDays(1);
    private static final long HOUR_MS = 3_600_000L;
    private static final List<String> ADD_ONS = List.of(
            "Cloud recording 100GB", "Large meetings 500", "Webinars 500", "Translated captions", "Audio conferencing");
    private static final List<BigDecimal> ADD_ON_PRICES = List.of(
            new BigDecimal("10.00"),
            new BigDecimal("50.00"),
            new BigDecimal("79.00"),
            new BigDecimal("5.00"),
            new BigDecimal("100.00"));

    private final Dice dice;
    private final RecordFactory records;
    private final Population population;
    private final String tag;
    private final PriorityQueue<Scheduled> queue =
            new PriorityQueue<>(Comparator.comparing(Scheduled::time).thenComparingLong(Scheduled::seq));
    private final List<PoolLicense> poolLicenses = new ArrayList<>();
    private final double correctionShare;
    /** The accounts' latent satisfaction: what drives usage, tickets, credits and cancellations. */
    private final Satisfaction moods;
    /** Which days each account uses the platform on (its {@link UsagePattern}). */
    private final UsagePattern.Days days;

    private final ChurnTruth truth;
    private long seq;
    private long meetings;
    private long webinars;
    private long tickets;
    private long invoices;

    private Instant nextDay;
    private Instant nextCandidate;
    private final Instant notBefore;
    /** Whether the live mode drives this simulation (shorter suspensions). */
    private boolean live;
    /** While warming up: activity before this time is not reported. */
    private Instant silentBefore;
    /** Mean milliseconds between two session candidates. */
    private final double candidateGapMs;

    /** An organisation's license not (yet) assigned to anyone. */
    private static final class PoolLicense {
        final String id;
        final String type;
        final Population.Organisation organisation;
        final LocalDate start;
        final LocalDate end;
        boolean assigned;

        PoolLicense(String id, String type, Population.Organisation organisation, LocalDate start, LocalDate end) {
            this.id = id;
            this.type = type;
            this.organisation = organisation;
            this.start = start;
            this.end = end;
        }
    }

    /**
     * @param start      when the simulated time starts: the catalog and a snapshot of every existing account, license
     *                   and component are published then
     * @param signupTo   until when new accounts sign up (the batch's end, or an hour into the live mode)
     * @param snapshotAt when the snapshot is dated: {@code start}, or earlier when meetings already running at start
     *                   are reported (their activity must not precede their hosts' profiles)
     * @param truth      where the accounts' paying spans and cancellations are recorded
     */
    Simulation(
            GeneratorSettings settings,
            Topics topics,
            Dice dice,
            String tag,
            Instant start,
            Instant signupTo,
            Instant snapshotAt,
            ChurnTruth truth) {
        this.dice = dice;
        this.truth = truth;
        this.tag = tag;
        this.records = new RecordFactory(topics, "e-" + tag + "-");
        this.correctionShare = settings.corrections();
        this.population = Population.create(settings.users(), dice.split(), start, signupTo);
        this.moods = new Satisfaction(population, dice.split());
        this.days = new UsagePattern.Days(population, dice.split());
        this.candidateGapMs = Seasonality.WEEKDAY_HOURS * HOUR_MS / population.totalSessionsPerWeekday();
        this.notBefore = start;
        publishStart(start, snapshotAt);
        this.nextCandidate = start.plusMillis(1 + (long) dice.exponential(candidateGapMs));
        Instant today = start.truncatedTo(ChronoUnit.DAYS);
        planDay(today); // what is planned before start does not happen
        this.nextDay = today.plus(DAY);
    }

    Population population() {
        return population;
    }

    /** Records and actions scheduled and not yet due. */
    int pending() {
        return queue.size();
    }

    /** The next regular record before {@code end} (exclusive), or null when there is none. */
    Emitted nextBefore(Instant end) {
        while (true) {
            Scheduled head = queue.peek();
            Instant process = nextDay.isAfter(nextCandidate) ? nextCandidate : nextDay;
            Instant next = head != null && !head.time().isAfter(process) ? head.time() : process;
            if (!next.isBefore(end)) {
                return null;
            }
            if (head != null && head.time().equals(next)) {
                Emitted emitted = pop();
                if (emitted != null) {
                    return emitted;
                }
            } else if (next.equals(nextDay)) {
                planDay(nextDay);
                nextDay = nextDay.plus(DAY);
            } else {
                candidate(nextCandidate);
                nextCandidate = nextCandidate.plusMillis(1 + (long) dice.exponential(candidateGapMs));
            }
        }
    }

    /** The next regular record due at {@code now}, or null when nothing is (no new session starts). */
    Emitted nextDue(Instant now) {
        while (true) {
            Scheduled head = queue.peek();
            if (head == null || head.time().isAfter(now)) {
                return null;
            }
            Emitted emitted = pop();
            if (emitted != null) {
                return emitted;
            }
        }
    }

    /** The next regular record due at {@code now}: what is pending, or else a new session starting now. */
    Emitted nextAt(Instant now) {
        while (!nextDay.isAfter(now)) {
            planDay(nextDay);
            nextDay = nextDay.plus(DAY);
        }
        for (int attempt = 0; ; attempt++) {
            Scheduled head = queue.peek();
            if (head != null && !head.time().isAfter(now)) {
                Emitted emitted = pop();
                if (emitted != null) {
                    return emitted;
                }
            } else {
                spawnLive(now, attempt > 50);
            }
        }
    }

    /** Marks the simulation as driven by the wall clock. */
    void goLive() {
        live = true;
    }

    /**
     * Puts the live stream in its steady state from the start: meetings that began during the last hours at
     * {@code meetingsPerSecond} and still run at {@code now}. Only what happens from {@code now} on is reported
     * (their ends, attendance and later feature use), so a live stream has the usual mix of records at once
     * instead of an hour of starts.
     */
    void warmUp(Instant now, double meetingsPerSecond) {
        double meanGapMs = 1000 / meetingsPerSecond;
        silentBefore = now;
        for (Instant start = now.minus(Duration.ofHours(4));
                start.isBefore(now);
                start = start.plusMillis(1 + (long) dice.exponential(meanGapMs))) {
            Account host = activeByActivity(start);
            if (host == null) {
                break;
            }
            int minutes = meetingMinutes(host);
            if (start.plus(Duration.ofMinutes(minutes)).isAfter(now)) {
                meeting(host, start, minutes, false);
            }
        }
        silentBefore = null;
    }

    private Emitted pop() {
        Scheduled next = queue.poll();
        if (next.action() != null) {
            next.action().run(next.time());
            return null;
        }
        return new Emitted(next.time(), next.builder().get(), next.kind(), next.shufflable());
    }

    // ---- scheduling

    /** A record built now: for records of mutable state (profiles, licenses, billing, tickets). */
    private void emit(Instant at, EventRecord record) {
        emit(at, record, EventKind.REGULAR, true);
    }

    private void emit(Instant at, EventRecord record, EventKind kind, boolean shufflable) {
        queue.add(new Scheduled(at, seq++, () -> record, kind, shufflable, null));
    }

    /** A record built when it is due, from values that do not change (activity records). */
    private void emitLater(Instant at, EventKind kind, Supplier<EventRecord> builder) {
        if (silentBefore == null || !at.isBefore(silentBefore)) {
            queue.add(new Scheduled(at, seq++, builder, kind, true, null));
        }
    }

    private void at(Instant at, Action action) {
        if (!at.isBefore(notBefore)) {
            queue.add(new Scheduled(at, seq++, null, null, false, action));
        }
    }

    // ---- the start: catalog, then a snapshot of accounts, licenses and components

    private void publishStart(Instant start, Instant snapshotAt) {
        Instant catalogTime = snapshotAt.minus(Duration.ofHours(1));
        for (PlanType plan : PlanCatalog.PLANS) {
            emit(catalogTime, records.plan(PlanCatalog.product(plan), catalogTime), EventKind.CATALOG, false);
        }
        for (String component : Names.COMPONENTS) {
            emit(
                    snapshotAt,
                    records.serviceStatus(component, ComponentStatus.UP, snapshotAt),
                    EventKind.REGULAR,
                    false);
        }
        LocalDate startDate = LocalDate.ofInstant(start, ZoneOffset.UTC);
        for (Account account : population.accounts()) {
            if (account.signupAt != null) {
                at(account.signupAt, at -> signUp(account, at));
                continue;
            }
            account.profiled = true;
            emit(snapshotAt, records.profile(account, snapshotAt), EventKind.REGULAR, false);
            if (PlanCatalog.isPaid(account.plan)) {
                account.anchorDay = Math.min(28, account.registrationDate.getDayOfMonth());
                account.cycleStart = account.annual
                        ? lastAnnualAnchor(account.registrationDate, startDate)
                        : lastMonthlyAnchor(account.anchorDay, startDate);
                account.cycleEnd = cycleEnd(account);
                account.lastCharge = price(account.plan, account.annual);
                LocalDate licenseStart = account.annual
                        ? account.cycleStart
                        : max(
                                account.registrationDate,
                                startDate.minusMonths(dice.between(0, 11)).withDayOfMonth(1));
                grantLicense(account, licenseStart, snapshotAt);
                truth.startedPaying(account.userId, snapshotAt);
                // The charge of the cycle in progress, so that a credit or refund of it later on (a downgrade, a
                // cancellation) has the fee it credits: without it, MRR starts negative with no paying account.
                emit(
                        snapshotAt,
                        records.billing(
                                account,
                                BillingEventType.SUBSCRIPTION_RENEWAL,
                                account.plan,
                                account.lastCharge,
                                paymentMethod(account),
                                invoice(snapshotAt),
                                account.cycleStart,
                                account.cycleEnd,
                                snapshotAt),
                        EventKind.REGULAR,
                        false);
            }
        }
        for (Population.Organisation organisation : organisations()) {
            // Organisations buy a few seats ahead of need: licenses that nobody holds yet.
            boolean enterprise = organisation.kind == Population.Kind.ENTERPRISE;
            if (!enterprise && organisation.kind != Population.Kind.BUSINESS) {
                continue;
            }
            String type = enterprise ? PlanType.ENTERPRISE.name() : PlanType.BUSINESS.name();
            int pool = enterprise ? dice.between(1, 3) : dice.between(0, 1);
            for (int i = 1; i <= pool; i++) {
                String id = "lic-pool-" + organisation.members.get(0).userId.substring(2) + "-" + i;
                LocalDate from = startDate.withDayOfMonth(1);
                PoolLicense license = new PoolLicense(
                        id, type, organisation, from, from.plusYears(1).minusDays(1));
                poolLicenses.add(license);
                emit(
                        snapshotAt,
                        records.license(
                                id,
                                type,
                                null,
                                license.start,
                                license.end,
                                LicenseStatus.ACTIVE,
                                license.end.plusDays(1),
                                snapshotAt),
                        EventKind.REGULAR,
                        false);
            }
        }
    }

    private List<Population.Organisation> organisations() {
        List<Population.Organisation> organisations = new ArrayList<>();
        for (Account account : population.accounts()) {
            if (account.organisation.members.get(0) == account) {
                organisations.add(account.organisation);
            }
        }
        return organisations;
    }

    private void signUp(Account account, Instant at) {
        account.profiled = true;
        emit(at, records.profile(account, at), EventKind.REGULAR, false);
        if (PlanCatalog.isPaid(account.plan)) {
            startSubscription(account, account.plan, at.plusSeconds(dice.between(5, 120)));
        }
    }

    // ---- sessions: meetings, feature use outside meetings, webinars

    private void candidate(Instant at) {
        Account account = population.byActivity(dice);
        if (account.isActive()
                && days.usesOn(account, at)
                && dice.chance(Seasonality.at(at, account.zone) * moods.engagement(account))) {
            session(account, at);
        }
    }

    private void session(Account account, Instant at) {
        double roll = dice.nextDouble();
        if (roll < 0.03 && PlanCatalog.hostsWebinars(account.plan)) {
            webinar(account, at);
        } else if (roll < 0.74) {
            int minutes = meetingMinutes(account);
            meeting(account, at, minutes, true);
        } else {
            featureOutsideMeetings(account, at);
        }
    }

    private void spawnLive(Instant now, boolean fallback) {
        Account account = fallback ? anyProfiled() : activeByActivity(now);
        if (account == null) {
            emit(now, records.serviceStatus(dice.pick(Names.COMPONENTS), ComponentStatus.UP, now));
            return;
        }
        if (fallback) {
            featureOutsideMeetings(account, now);
            return;
        }
        // Far more often than a day's rates would give (a demo shows them), still rare enough not to wear out a
        // small population: suspensions end within the hour, upgrades and downgrades balance out.
        double roll = dice.nextDouble();
        if (roll < 0.02) {
            ticket(account, now, false);
        } else if (roll < 0.03) {
            billingChange(account, now);
        } else if (roll < 0.033) {
            profileChange(account, now);
        } else if (roll < 0.0333) {
            incident(dice.pick(Names.COMPONENTS), now);
        } else {
            session(account, now);
        }
    }

    /**
     * An active account drawn by activity among those whose day of use it is at {@code at} (a few tries), else any
     * active one (a small population may have nobody on a day of use); null if none is active.
     */
    private Account activeByActivity(Instant at) {
        for (int i = 0; i < 200; i++) {
            Account account = population.byActivity(dice);
            if (account.isActive() && days.usesOn(account, at)) {
                return account;
            }
        }
        for (int i = 0; i < 200; i++) {
            Account account = population.byActivity(dice);
            if (account.isActive()) {
                return account;
            }
        }
        return null;
    }

    private Account anyProfiled() {
        for (Account account : population.accounts()) {
            if (account.profiled) {
                return account;
            }
        }
        return null;
    }

    private int meetingMinutes(Account host) {
        double minutes =
                host.plan == PlanType.EDUCATION && dice.chance(0.5) ? dice.uniform(45, 95) : dice.logNormal(32, 0.75);
        return (int) Math.max(1, Math.min(12 * 60, Math.round(minutes)));
    }

    /**
     * A meeting from {@code start} for {@code minutes}: STARTED (unless it was already running), attendance and
     * feature use of the platform users in it, ENDED (sometimes corrected later), and its recording.
     */
    private void meeting(Account host, Instant start, int minutes, boolean reportStart) {
        String meetingId = "m-" + tag + "-" + Long.toString(++meetings, 36);
        MeetingType type = dice.weighted(
                List.of(MeetingType.SCHEDULED, MeetingType.INSTANT, MeetingType.RECURRING), new double[] {55, 28, 17});
        String topic =
                host.plan == PlanType.EDUCATION ? dice.pick(Names.LECTURE_TOPICS) : dice.pick(Names.MEETING_TOPICS);
        int participants = participants(host);
        if (host.plan == PlanType.FREE && participants > 2) {
            minutes = Math.min(minutes, 40); // the free plan's limit on group meetings
        }
        // Zoom's free plan records locally only: no cloud recording to meter (and none to run over its 0 minutes).
        boolean recording = dice.chance(
                switch (host.plan) {
                    case FREE -> 0;
                    case BASIC -> 0.08;
                    case PRO -> 0.18;
                    case BUSINESS -> 0.22;
                    case ENTERPRISE -> 0.25;
                    default -> 0.35;
                });
        Instant end = start.plus(Duration.ofMinutes(minutes));
        Instant reported = end.plusSeconds(dice.between(1, 90));
        int duration = minutes;
        if (reportStart) {
            int atStart = Math.max(1, participants / 2);
            emitLater(
                    start,
                    EventKind.REGULAR,
                    () -> records.meetingStarted(meetingId, host, topic, type, start, atStart, recording));
        }
        emitLater(
                reported,
                EventKind.REGULAR,
                () -> records.meetingEnded(
                        meetingId, host, topic, type, start, duration, participants, recording, reported));
        if (dice.chance(correctionShare)) {
            int corrected = Math.max(1, minutes + (dice.chance(0.5) ? 1 : -1) * dice.between(1, 30));
            Instant correctedEnd = start.plus(Duration.ofMinutes(corrected));
            Instant at = (correctedEnd.isAfter(reported) ? correctedEnd : reported)
                    .plus(Duration.ofMinutes(dice.between(5, 120)));
            emitLater(
                    at,
                    EventKind.CORRECTION,
                    () -> records.meetingEnded(
                            meetingId, host, topic, type, start, corrected, participants, recording, at));
        }
        attendanceAndFeatures(meetingId, host, start, end, participants);
        if (recording) {
            long seconds = Math.max(1, Math.round(minutes * 60 * dice.uniform(0.6, 1.0)));
            Instant at = end.plusSeconds(dice.between(1, 30));
            int count = dice.between(1, 2);
            emitLater(
                    at,
                    EventKind.REGULAR,
                    () -> records.featureUsage(meetingId, host, "RECORDING", at, count, seconds, true));
        }
    }

    private int participants(Account host) {
        double roll = dice.nextDouble();
        int count;
        if (roll < 0.33) {
            count = 2;
        } else if (roll < 0.63) {
            count = dice.between(3, 5);
        } else if (roll < 0.84) {
            count = dice.between(6, 12);
        } else if (roll < 0.97) {
            count = dice.between(13, 40);
        } else {
            count = dice.between(41, host.plan == PlanType.FREE ? 100 : 300);
        }
        return count;
    }

    /** Attendance of the platform users among the participants (up to ten), and what they use in the meeting. */
    private void attendanceAndFeatures(String meetingId, Account host, Instant start, Instant end, int participants) {
        List<Account> attendees = new ArrayList<>();
        attendees.add(host);
        int wanted = Math.min(participants, 10);
        for (int tries = 0; attendees.size() < wanted && tries < wanted * 3; tries++) {
            List<Account> colleagues = host.organisation.members;
            Account other =
                    colleagues.size() > 1 && dice.chance(0.7) ? dice.pick(colleagues) : population.byActivity(dice);
            if (other.isActive() && !attendees.contains(other) && days.usesOn(other, start) && moods.attends(other)) {
                attendees.add(other);
            }
        }
        long meetingMs = Duration.between(start, end).toMillis();
        for (Account attendee : attendees) {
            boolean isHost = attendee == host;
            Instant join = isHost
                    ? start
                    : start.plusMillis(
                            dice.chance(0.1)
                                    ? dice.nextLong(Math.max(1, meetingMs / 2))
                                    : dice.nextLong(Math.max(1, Math.min(meetingMs / 4, 10 * 60_000L))));
            Instant leave = end;
            if (!isHost && dice.chance(0.15)) {
                leave = join.plusMillis((long) (Duration.between(join, end).toMillis() * dice.uniform(0.3, 0.9)));
            }
            ParticipationLevel level = isHost
                    ? ParticipationLevel.HOST
                    : participants >= 6 && dice.chance(0.1)
                            ? ParticipationLevel.MODERATOR
                            : dice.chance(0.55) ? ParticipationLevel.ACTIVE : ParticipationLevel.PASSIVE;
            ConnectionQuality quality = dice.weighted(
                    List.of(
                            ConnectionQuality.EXCELLENT,
                            ConnectionQuality.GOOD,
                            ConnectionQuality.FAIR,
                            ConnectionQuality.POOR),
                    new double[] {40, 35, 18, 7});
            Instant reported = leave.plusSeconds(dice.between(0, 30));
            Instant joined = join;
            Instant left = leave;
            emitLater(
                    reported,
                    EventKind.REGULAR,
                    () -> records.attendance(meetingId, attendee, joined, left, reported, level, quality));
            features(meetingId, attendee, isHost, participants, join, leave, quality);
        }
    }

    private void features(
            String meetingId,
            Account user,
            boolean isHost,
            int participants,
            Instant join,
            Instant leave,
            ConnectionQuality quality) {
        long stayMs = Math.max(1_000, Duration.between(join, leave).toMillis());
        double failure = quality == ConnectionQuality.POOR ? 0.12 : 0.02;
        if (dice.chance(isHost ? 0.6 : 0.2)) {
            useIn(
                    meetingId,
                    user,
                    "SCREEN_SHARE",
                    join,
                    stayMs,
                    dice.between(1, 4),
                    Math.max(30, (long) (stayMs / 1000 * dice.uniform(0.1, 0.7))),
                    failure);
        }
        if (dice.chance(0.3)) {
            int messages = dice.between(1, 25);
            useIn(meetingId, user, "CHAT", join, stayMs, messages, messages * 8L, failure);
        }
        if (dice.chance(0.25)) {
            useIn(meetingId, user, "REACTIONS", join, stayMs, dice.between(1, 8), dice.between(1, 8), failure);
        }
        if (dice.chance(0.04)) {
            useIn(meetingId, user, "WHITEBOARD", join, stayMs, 1, Math.max(60, stayMs / 1000 / 3), failure);
        }
        if (isHost && participants >= 6 && dice.chance(0.08)) {
            useIn(meetingId, user, "POLLING", join, stayMs, dice.between(1, 3), dice.between(60, 600), failure);
        }
        if (isHost && participants >= 8 && dice.chance(0.12)) {
            useIn(meetingId, user, "BREAKOUT_ROOMS", join, stayMs, 1, Math.max(300, stayMs / 1000 / 2), failure);
        }
    }

    private void useIn(
            String meetingId,
            Account user,
            String feature,
            Instant join,
            long stayMs,
            int count,
            long seconds,
            double failure) {
        Instant at = join.plusMillis(dice.nextLong(stayMs));
        boolean success = !dice.chance(failure);
        emitLater(
                at,
                EventKind.REGULAR,
                () -> records.featureUsage(meetingId, user, feature, at, count, seconds, success));
    }

    private void featureOutsideMeetings(Account account, Instant at) {
        String feature = dice.weighted(
                List.of("CHAT", "WHITEBOARD", "AI_COMPANION", "SCHEDULER", "NOTES"),
                new double[] {55, 14, account.plan == PlanType.FREE ? 0 : 13, 10, 8});
        int count = feature.equals("CHAT") ? dice.between(1, 40) : dice.between(1, 5);
        long seconds = feature.equals("CHAT") ? count * 10L : dice.between(30, 1_800);
        emit(at, records.featureUsage(null, account, feature, at, count, seconds, !dice.chance(0.01)));
    }

    private void webinar(Account host, Instant start) {
        String webinarId = "w-" + tag + "-" + Long.toString(++webinars, 36);
        int minutes = dice.between(45, 120);
        int registrants = (int) Math.max(5, Math.min(10_000, Math.round(dice.logNormal(120, 0.9))));
        int attendees = (int) Math.round(registrants * dice.uniform(0.35, 0.7));
        Instant end = start.plus(Duration.ofMinutes(minutes));
        Instant reported = end.plusSeconds(dice.between(30, 600));
        String topic = dice.pick(Names.WEBINAR_TOPICS);
        emitLater(
                reported,
                EventKind.REGULAR,
                () -> records.webinar(webinarId, host, topic, start, end, registrants, attendees, reported));
    }

    // ---- a day's planned events: billing runs, account changes, tickets, incidents

    private void planDay(Instant dayStart) {
        LocalDate date = LocalDate.ofInstant(dayStart, ZoneOffset.UTC);
        Instant billingRun = dayStart.plus(Duration.ofMinutes(dice.between(120, 300)));
        for (Account account : population.accounts()) {
            moods.day(account);
            if (account.isPaying() && !account.cycleEnd.plusDays(1).isAfter(date)) {
                at(billingRun.plusMillis(dice.nextLong(3_600_000)), at -> renew(account, at));
            }
            double ticketChance = (0.002 + 0.001 * account.sessionsPerWeekday * account.pattern.dayChance)
                    * moods.ticketFactor(account);
            if (dice.chance(ticketChance)) {
                at(workingTime(dayStart, account), at -> ticket(account, at, false));
            }
            if (dice.chance(0.0012)) {
                at(workingTime(dayStart, account), at -> upgrade(account, at));
            }
            if (dice.chance(0.0005) || (account.isPaying() && moods.downgradesToday(account))) {
                at(workingTime(dayStart, account), at -> downgrade(account, at));
            }
            if (dice.chance(0.0002)) {
                at(
                        workingTime(dayStart, account),
                        at -> cancel(account, at, dice.chance(0.3), ChurnTruth.Cause.UNEXPLAINED));
            }
            if (account.isPaying() && moods.cancelsToday(account)) {
                at(
                        workingTime(dayStart, account),
                        at -> cancel(account, at, dice.chance(0.3), ChurnTruth.Cause.DISSATISFIED));
            }
            if (account.isPaying() && moods.asksForCreditToday(account)) {
                at(workingTime(dayStart, account), at -> goodwillCredit(account, at));
            }
            if (dice.chance(0.0015)) {
                at(workingTime(dayStart, account), at -> addOn(account, at));
            }
            if (dice.chance(0.0008)) {
                at(workingTime(dayStart, account), at -> profileChange(account, at));
            }
        }
        for (String component : Names.COMPONENTS) {
            if (dice.chance(0.06)) {
                at(dayStart.plusMillis(dice.nextLong(DAY.toMillis())), at -> incident(component, at));
            }
        }
        for (PoolLicense license : poolLicenses) {
            if (!license.assigned && dice.chance(0.03)) {
                at(workingTime(dayStart, license.organisation.members.get(0)), at -> assignPool(license, at));
            }
        }
    }

    /** A time of the day when the account's user is likely at work (by their local time). */
    private Instant workingTime(Instant dayStart, Account account) {
        Instant at = dayStart.plusMillis(dice.nextLong(DAY.toMillis()));
        for (int i = 0; i < 20 && !dice.chance(Seasonality.at(at, account.zone)); i++) {
            at = dayStart.plusMillis(dice.nextLong(DAY.toMillis()));
        }
        return at;
    }

    // ---- billing and the account changes that go with it

    private void renew(Account account, Instant at) {
        if (!account.isPaying()) {
            return;
        }
        LocalDate start = account.cycleEnd.plusDays(1);
        account.cycleStart = start;
        account.cycleEnd = cycleEnd(account);
        BigDecimal amount = price(account.plan, account.annual);
        account.lastCharge = amount;
        emit(
                at,
                records.billing(
                        account,
                        BillingEventType.SUBSCRIPTION_RENEWAL,
                        account.plan,
                        amount,
                        paymentMethod(account),
                        invoice(at),
                        account.cycleStart,
                        account.cycleEnd,
                        at));
        if (account.annual && account.licenseId != null) {
            account.licenseEnd = account.cycleEnd;
            emitLicense(account, at.plusSeconds(1));
        }
        if (moods.refundsRenewal(account)) {
            LocalDate refundStart = account.cycleStart;
            LocalDate refundEnd = account.cycleEnd;
            PlanType plan = account.plan;
            at(at.plus(Duration.ofHours(dice.between(24, 7 * 24))), later -> {
                if (account.isPaying() && refundStart.equals(account.cycleStart)) {
                    emit(
                            later,
                            records.billing(
                                    account,
                                    BillingEventType.REFUND,
                                    plan,
                                    amount,
                                    paymentMethod(account),
                                    invoice(later),
                                    refundStart,
                                    refundEnd,
                                    later));
                    cancel(account, later.plusSeconds(5), false, ChurnTruth.Cause.REFUND_AT_RENEWAL);
                }
            });
        }
    }

    private void startSubscription(Account account, PlanType plan, Instant at) {
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        account.plan = plan;
        account.cancelled = false;
        account.anchorDay = Math.min(28, today.getDayOfMonth());
        account.cycleStart = today;
        account.cycleEnd = cycleEnd(account);
        account.lastCharge = price(plan, account.annual);
        emit(
                at,
                records.billing(
                        account,
                        BillingEventType.SUBSCRIPTION_FEE,
                        plan,
                        account.lastCharge,
                        paymentMethod(account),
                        invoice(at),
                        account.cycleStart,
                        account.cycleEnd,
                        at));
        grantLicense(account, today, at.plusSeconds(1));
        truth.startedPaying(account.userId, at);
    }

    private void upgrade(Account account, Instant at) {
        PlanType from = account.plan;
        PlanType to = PlanCatalog.upgradeOf(from);
        if (!account.isActive() || to == from) {
            return;
        }
        account.plan = to;
        emit(at, records.profile(account, at));
        if (!account.isPaying()) {
            account.annual = false;
            startSubscription(account, to, at.plusSeconds(2));
            return;
        }
        changePlan(account, from, to, BillingEventType.UPGRADE, at);
    }

    private void downgrade(Account account, Instant at) {
        PlanType from = account.plan;
        PlanType to = PlanCatalog.downgradeOf(from);
        if (!account.isActive() || !account.isPaying() || to == from) {
            return;
        }
        account.plan = to;
        emit(at, records.profile(account, at));
        changePlan(account, from, to, BillingEventType.DOWNGRADE, at);
    }

    /** The prorated difference for the rest of the cycle (a charge, or a credit), and the license of the new plan. */
    private void changePlan(Account account, PlanType from, PlanType to, BillingEventType type, Instant at) {
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate periodStart = today.isAfter(account.cycleEnd) ? account.cycleEnd : today;
        long remaining = ChronoUnit.DAYS.between(periodStart, account.cycleEnd) + 1;
        long length = ChronoUnit.DAYS.between(account.cycleStart, account.cycleEnd) + 1;
        BigDecimal difference = price(to, account.annual)
                .subtract(price(from, account.annual))
                .abs()
                .multiply(BigDecimal.valueOf(remaining))
                .divide(BigDecimal.valueOf(length), 2, RoundingMode.HALF_EVEN);
        if (difference.signum() > 0) {
            emit(
                    at.plusSeconds(2),
                    records.billing(
                            account,
                            type,
                            to,
                            difference,
                            paymentMethod(account),
                            invoice(at),
                            periodStart,
                            account.cycleEnd,
                            at.plusSeconds(2)));
        }
        if (account.licenseId != null) {
            account.licenseStatus = LicenseStatus.EXPIRED;
            account.licenseEnd = today;
            emitLicense(account, at.plusSeconds(3));
        }
        grantLicense(account, today, at.plusSeconds(4));
    }

    private void cancel(Account account, Instant at, boolean proratedRefund, ChurnTruth.Cause cause) {
        if (!account.isPaying()) {
            return;
        }
        truth.cancelled(account.userId, at, cause);
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        if (proratedRefund && !today.isAfter(account.cycleEnd)) {
            long remaining = ChronoUnit.DAYS.between(today, account.cycleEnd) + 1;
            long length = ChronoUnit.DAYS.between(account.cycleStart, account.cycleEnd) + 1;
            BigDecimal refund = account.lastCharge
                    .multiply(BigDecimal.valueOf(remaining))
                    .divide(BigDecimal.valueOf(length), 2, RoundingMode.HALF_EVEN);
            if (refund.signum() > 0) {
                emit(
                        at,
                        records.billing(
                                account,
                                BillingEventType.REFUND,
                                account.plan,
                                refund,
                                paymentMethod(account),
                                invoice(at),
                                today,
                                account.cycleEnd,
                                at));
            }
        }
        account.cancelled = true;
        account.plan = PlanType.FREE;
        emit(at.plusSeconds(1), records.profile(account, at.plusSeconds(1)));
        if (account.licenseId != null) {
            account.licenseStatus = LicenseStatus.EXPIRED;
            account.licenseEnd = max(account.licenseStart, today);
            emitLicense(account, at.plusSeconds(2));
        }
    }

    /** Part of the last charge credited back to an unhappy account that asked (no service period: not recurring). */
    private void goodwillCredit(Account account, Instant at) {
        if (!account.isPaying()) {
            return;
        }
        BigDecimal credit = account.lastCharge
                .multiply(BigDecimal.valueOf(dice.between(20, 50)))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_EVEN);
        if (credit.signum() > 0) {
            emit(
                    at,
                    records.billing(
                            account,
                            BillingEventType.REFUND,
                            account.plan,
                            credit,
                            paymentMethod(account),
                            invoice(at),
                            null,
                            null,
                            at));
        }
    }

    private void addOn(Account account, Instant at) {
        if (!account.isPaying() || !account.isActive()) {
            return;
        }
        int choice = dice.nextInt(ADD_ONS.size());
        emit(
                at,
                records.billing(
                        account,
                        BillingEventType.ADD_ON_PURCHASE,
                        account.plan,
                        ADD_ON_PRICES.get(choice),
                        paymentMethod(account),
                        invoice(at),
                        null,
                        null,
                        at));
    }

    /** A live-mode billing change: an add-on, an upgrade, a downgrade or a cancellation. */
    private void billingChange(Account account, Instant at) {
        double roll = dice.nextDouble();
        if (roll < 0.4 && account.isPaying()) {
            addOn(account, at);
        } else if (roll < 0.65) {
            upgrade(account, at);
        } else if (roll < 0.9) {
            downgrade(account, at);
        } else {
            cancel(account, at, dice.chance(0.3), ChurnTruth.Cause.LIVE);
        }
    }

    /** A move, a new employer's name, or a suspension that is lifted some days later. */
    private void profileChange(Account account, Instant at) {
        if (!account.isActive()) {
            return;
        }
        double roll = dice.nextDouble();
        if (roll < 0.35) {
            Names.Place place = dice.weighted(
                    Names.PLACES,
                    Names.PLACES.stream().mapToDouble(Names.Place::weight).toArray());
            account.location = place.location();
            account.zone = place.zone();
            emit(at, records.profile(account, at));
        } else if (roll < 0.6) {
            account.company = dice.pick(Names.COMPANY_STEMS) + " " + dice.pick(Names.COMPANY_SUFFIXES);
            emit(at, records.profile(account, at));
        } else {
            account.status = UserStatus.SUSPENDED;
            emit(at, records.profile(account, at));
            if (account.licenseId != null && account.licenseStatus == LicenseStatus.ACTIVE) {
                account.licenseStatus = LicenseStatus.SUSPENDED;
                emitLicense(account, at.plusSeconds(1));
            }
            Duration suspended =
                    live ? Duration.ofMinutes(dice.between(5, 60)) : Duration.ofHours(dice.between(12, 6 * 24));
            at(at.plus(suspended), later -> {
                account.status = UserStatus.ACTIVE;
                emit(later, records.profile(account, later));
                if (account.licenseId != null && account.licenseStatus == LicenseStatus.SUSPENDED) {
                    account.licenseStatus = LicenseStatus.ACTIVE;
                    emitLicense(account, later.plusSeconds(1));
                }
            });
        }
    }

    // ---- licenses

    private void grantLicense(Account account, LocalDate start, Instant at) {
        account.licenseCount++;
        account.licenseId = "lic-" + account.userId.substring(2) + "-" + account.licenseCount;
        account.licenseType = account.plan.name();
        account.licenseStart = start;
        account.licenseEnd =
                account.annual ? account.cycleEnd : start.plusYears(1).minusDays(1);
        account.licenseStatus = LicenseStatus.ACTIVE;
        emitLicense(account, at);
    }

    private void emitLicense(Account account, Instant at) {
        LocalDate renewal = account.licenseStatus == LicenseStatus.EXPIRED ? null : account.licenseEnd.plusDays(1);
        emit(
                at,
                records.license(
                        account.licenseId,
                        account.licenseType,
                        account.userId,
                        account.licenseStart,
                        account.licenseEnd,
                        account.licenseStatus,
                        renewal,
                        at));
    }

    private void assignPool(PoolLicense license, Instant at) {
        if (license.assigned) {
            return;
        }
        Account user = dice.pick(license.organisation.members);
        if (!user.isActive()) {
            return;
        }
        license.assigned = true;
        emit(
                at,
                records.license(
                        license.id,
                        license.type,
                        user.userId,
                        license.start,
                        license.end,
                        LicenseStatus.ACTIVE,
                        license.end.plusDays(1),
                        at));
    }

    // ---- support tickets: opened, first answered, resolved, closed

    private void ticket(Account account, Instant at, boolean incident) {
        if (!account.profiled) {
            return;
        }
        if (incident) {
            moods.hurt(account, 0.04);
        }
        double critical = moods.criticalFactor(account);
        TicketType type = incident
                ? TicketType.TECHNICAL
                : dice.weighted(
                        List.of(
                                TicketType.TECHNICAL,
                                TicketType.BILLING,
                                TicketType.FEATURE_REQUEST,
                                TicketType.GENERAL_INQUIRY),
                        new double[] {45, 20, 10, 25});
        IssueCategory category = switch (type) {
            case TECHNICAL -> dice.pick(List.of(IssueCategory.AUDIO, IssueCategory.VIDEO, IssueCategory.CONNECTIVITY));
            case BILLING -> IssueCategory.ACCOUNT;
            case FEATURE_REQUEST -> IssueCategory.OTHER;
            default -> dice.chance(0.5) ? IssueCategory.ACCOUNT : IssueCategory.OTHER;
        };
        TicketPriority priority = dice.weighted(
                List.of(TicketPriority.LOW, TicketPriority.MEDIUM, TicketPriority.HIGH, TicketPriority.CRITICAL),
                incident
                        ? new double[] {5, 30, 45, 20 * critical}
                        : account.plan == PlanType.ENTERPRISE
                                ? new double[] {20, 40, 30, 10 * critical}
                                : new double[] {30, 45, 20, 5 * critical});
        String id = "t-" + tag + "-" + Long.toString(++tickets, 36);
        RecordFactory.Ticket ticket = new RecordFactory.Ticket(id, account, type, category, priority, at);
        emit(at, records.ticket(ticket, TicketStatus.OPEN, at));
        double responseHours = switch (priority) {
            case CRITICAL -> dice.logNormal(0.3, 0.6);
            case HIGH -> dice.logNormal(1.5, 0.7);
            case MEDIUM -> dice.logNormal(5, 0.8);
            default -> dice.logNormal(14, 0.8);
        };
        at(at.plusMillis((long) (Math.min(72, responseHours) * HOUR_MS) + 60_000), answered -> {
            ticket.firstResponse = answered;
            if (dice.chance(0.12)) {
                resolve(ticket, answered);
                return;
            }
            emit(answered, records.ticket(ticket, TicketStatus.IN_PROGRESS, answered));
            if (dice.chance(0.08)) {
                return; // still being worked on
            }
            double hours = switch (priority) {
                case CRITICAL -> dice.logNormal(3, 0.7);
                case HIGH -> dice.logNormal(8, 0.8);
                case MEDIUM -> dice.logNormal(20, 0.8);
                default -> dice.logNormal(40, 0.8);
            };
            at(
                    answered.plusMillis((long) (Math.min(14 * 24, hours) * HOUR_MS) + 60_000),
                    resolved -> resolve(ticket, resolved));
        });
    }

    private void resolve(RecordFactory.Ticket ticket, Instant at) {
        ticket.resolved = at;
        if (dice.chance(0.65)) {
            ticket.csat = dice.weighted(List.of(5, 4, 3, 2, 1), new double[] {42, 30, 14, 8, 6});
        }
        emit(at, records.ticket(ticket, TicketStatus.RESOLVED, at));
        if (dice.chance(0.6)) {
            at(
                    at.plus(Duration.ofHours(dice.between(24, 72))),
                    closed -> emit(closed, records.ticket(ticket, TicketStatus.CLOSED, closed)));
        }
    }

    // ---- platform incidents

    private void incident(String component, Instant at) {
        boolean down = dice.chance(0.3);
        long minutes = Math.max(3, Math.min(360, Math.round(dice.logNormal(35, 0.9))));
        Instant over = at.plus(Duration.ofMinutes(minutes));
        emit(at, records.serviceStatus(component, down ? ComponentStatus.DOWN : ComponentStatus.DEGRADED, at));
        if (!down && dice.chance(0.25)) {
            Instant escalated = at.plus(Duration.ofMinutes(minutes / 3));
            emit(escalated, records.serviceStatus(component, ComponentStatus.DOWN, escalated));
            down = true;
        }
        emit(over, records.serviceStatus(component, ComponentStatus.UP, over));
        int complaints = dice.poisson(population.accounts().size() * 0.004 * (down ? 3 : 1));
        for (int i = 0; i < complaints; i++) {
            Account account = population.byActivity(dice);
            Instant when =
                    at.plusMillis(dice.nextLong(Duration.between(at, over).toMillis() + 1_800_000));
            at(when, t -> {
                if (account.isActive()) {
                    ticket(account, t, true);
                }
            });
        }
        if (down && minutes >= 60) {
            List<Account> credited = population.accounts().stream()
                    .filter(a -> a.plan == PlanType.ENTERPRISE && a.isPaying())
                    .limit(3)
                    .toList();
            for (Account account : credited) {
                Instant when = over.plus(Duration.ofHours(dice.between(24, 72)));
                BigDecimal credit = PlanCatalog.monthlyPrice(PlanType.ENTERPRISE)
                        .multiply(new BigDecimal("0.10"))
                        .setScale(2, RoundingMode.HALF_EVEN);
                at(when, t -> {
                    if (account.isPaying()) {
                        emit(
                                t,
                                records.billing(
                                        account,
                                        BillingEventType.REFUND,
                                        account.plan,
                                        credit,
                                        paymentMethod(account),
                                        invoice(t),
                                        null,
                                        null,
                                        t));
                    }
                });
            }
        }
    }

    // ---- helpers

    private BigDecimal price(PlanType plan, boolean annual) {
        BigDecimal monthly = PlanCatalog.monthlyPrice(plan);
        return annual ? monthly.multiply(BigDecimal.TEN) : monthly;
    }

    private LocalDate cycleEnd(Account account) {
        LocalDate start = account.cycleStart;
        if (account.annual) {
            return start.plusYears(1).minusDays(1);
        }
        YearMonth next = YearMonth.from(start).plusMonths(1);
        return next.atDay(Math.min(account.anchorDay, next.lengthOfMonth())).minusDays(1);
    }

    private static LocalDate lastMonthlyAnchor(int anchorDay, LocalDate date) {
        YearMonth month = YearMonth.from(date);
        LocalDate anchor = month.atDay(Math.min(anchorDay, month.lengthOfMonth()));
        if (anchor.isAfter(date)) {
            YearMonth previous = month.minusMonths(1);
            anchor = previous.atDay(Math.min(anchorDay, previous.lengthOfMonth()));
        }
        return anchor;
    }

    private static LocalDate lastAnnualAnchor(LocalDate registered, LocalDate date) {
        LocalDate anchor = registered.withYear(date.getYear());
        return anchor.isAfter(date) ? anchor.minusYears(1) : anchor;
    }

    private String paymentMethod(Account account) {
        if (account.plan == PlanType.ENTERPRISE || account.organisation.kind == Population.Kind.UNIVERSITY) {
            return "INVOICE";
        }
        return (account.index % 10) < 7 ? "CREDIT_CARD" : (account.index % 10) < 9 ? "PAYPAL" : "ACH";
    }

    private String invoice(Instant at) {
        return String.format(
                Locale.ROOT,
                "INV-%s-%s-%06d",
                tag.toUpperCase(Locale.ROOT),
                YearMonth.from(at.atZone(ZoneOffset.UTC)).toString().replace("-", ""),
                ++invoices);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
