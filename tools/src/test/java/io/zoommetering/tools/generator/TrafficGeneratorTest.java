package io.zoommetering.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.zoommetering.app.events.EventFiles;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.MeetingType;
import io.zoommetering.avro.usage.ParticipationLevel;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.UserStatus;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.reference.ExpectedError;
import io.zoommetering.topology.reference.GoldReference;
import io.zoommetering.topology.reference.InputRecord;
import io.zoommetering.topology.reference.ReferenceSettings;
import io.zoommetering.topology.reference.StreamBalance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's batches: deterministic, shaped like real traffic, with the requested mischief, and valid where
 * they mean to be, as the batch reference of the topology's tests (topology/src/test/.../reference) judges them.
 */
class TrafficGeneratorTest {

    /** A month of traffic: February 2026, processed on March 10. */
    private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");

    private static final GeneratorSettings MONTH = GeneratorSettings.defaults()
            .withUsers(300)
            .withDays(28)
            .withStartDate(LocalDate.of(2026, 2, 1))
            .withSeed(7)
            .withDuplicates(0.03)
            .withCorrections(0.05)
            .withOutOfOrder(0.03)
            .withLate(0.01)
            .withInvalid(0.01)
            .withGarbage(0.004);

    private static List<GeneratedEvent> month;
    private static GoldReference reference;

    @BeforeAll
    static void generateAMonth() {
        month = new TrafficGenerator(MONTH).batchEvents(NOW).toList();
        reference = GoldReference.compute(inputs(month), ReferenceSettings.defaults(NOW));
    }

    @Test
    void aGeneratedBatchSurvivesAnEventFileUnchanged(@TempDir Path dir) throws IOException {
        // Given a batch with every kind of record, raw bytes and tombstones among them
        List<EventRecord> records = new TrafficGenerator(GeneratorSettings.defaults()
                        .withUsers(60)
                        .withDays(3)
                        .withInvalid(0.1)
                        .withGarbage(0.05))
                .batchList(Instant.parse("2026-03-10T00:00:00Z"));
        assertThat(records).anyMatch(EventRecord::isRaw).anyMatch(EventRecord::isTombstone);
        // When written to a file and read back
        Path file = dir.resolve("events.jsonl");
        assertThat(EventFiles.write(file, records)).isEqualTo(records.size());
        // Then every record is the same, in the same order
        assertThat(EventFiles.read(file, TopicTypes.defaults())).containsExactlyElementsOf(records);
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(records.size());
    }

    @Test
    void theSameSeedMakesTheSameRecordsAndAnotherSeedOthers() {
        GeneratorSettings settings = GeneratorSettings.defaults().withUsers(80).withDays(3);
        List<String> first = lines(new TrafficGenerator(settings).batchList(NOW));
        List<String> again = lines(new TrafficGenerator(settings).batchList(NOW));
        List<String> other = lines(new TrafficGenerator(settings.withSeed(43)).batchList(NOW));
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(other.get(10)).isNotEqualTo(first.get(10));
    }

    @Test
    void theMischiefFractionsDoNotChangeTheRegularTraffic() {
        GeneratorSettings settings =
                GeneratorSettings.defaults().withUsers(80).withDays(3).withCorrections(0);
        List<String> clean = lines(
                regular(new TrafficGenerator(settings.clean()).batchEvents(NOW).toList()));
        List<String> messy = lines(regular(new TrafficGenerator(
                        settings.withDuplicates(0.2).withOutOfOrder(0).withInvalid(0.1))
                .batchEvents(NOW)
                .toList()));
        assertThat(messy).isEqualTo(clean);
    }

    @Test
    void thePlanCatalogComesFirst() {
        List<GeneratedEvent> catalog = month.subList(0, PlanCatalog.PLANS.size());
        assertThat(catalog).allSatisfy(event -> {
            assertThat(event.kind()).isEqualTo(EventKind.CATALOG);
            assertThat(event.record().topic()).isEqualTo("zoom.plans");
        });
        assertThat(catalog.stream().map(event -> ((Plan) event.record().value()).getPlanType()))
                .containsExactly(
                        PlanType.FREE,
                        PlanType.BASIC,
                        PlanType.PRO,
                        PlanType.BUSINESS,
                        PlanType.ENTERPRISE,
                        PlanType.EDUCATION);
        for (GeneratedEvent event : catalog) {
            Plan plan = (Plan) event.record().value();
            assertThat(event.record().key()).isEqualTo(plan.getPlanType().name());
            Set<String> meters = Set.of("meeting_minutes", "webinar_registrants", "recording_minutes");
            assertThat(plan.getIncludedQuantities()).containsOnlyKeys(meters);
            assertThat(plan.getOverageUnitPrices()).containsOnlyKeys(meters);
            assertThat(plan.getOverageAlertThresholds()).containsOnlyKeys(meters);
            assertThat(plan.getEventTime())
                    .isBefore(
                            month.get(catalog.size()).record().value() instanceof User user
                                    ? user.getEventTime()
                                    : NOW);
        }
        assertThat(month.subList(catalog.size(), month.size())).noneMatch(event -> event.kind() == EventKind.CATALOG);
    }

    @Test
    void everyRecordIsAsTheBatchReferenceJudgesIt() {
        // Every rejected record is exactly one the generator meant to break, with the error it meant
        List<ExpectedError> expected = new ArrayList<>();
        Map<String, Long> offsets = new HashMap<>();
        for (GeneratedEvent event : month) {
            long offset = offsets.merge(event.record().topic(), 1L, Long::sum) - 1;
            String error = switch (event.kind()) {
                case LATE -> "LATE_EVENT";
                case INVALID -> "VALIDATION";
                case GARBAGE -> "DESERIALIZATION";
                default -> null;
            };
            if (error != null) {
                expected.add(new ExpectedError(event.record().topic(), offset, error));
            }
        }
        assertThat(reference.errors()).containsExactlyElementsOf(expected);
        // and every other record is accepted, once
        Map<EventKind, Long> kinds = kinds(month);
        long accepted = reference.balances().values().stream()
                .mapToLong(StreamBalance::accepted)
                .sum();
        long duplicates = reference.balances().values().stream()
                .mapToLong(StreamBalance::duplicates)
                .sum();
        assertThat(accepted)
                .isEqualTo(kinds.get(EventKind.CATALOG)
                        + kinds.get(EventKind.REGULAR)
                        + kinds.get(EventKind.CORRECTION)
                        + kinds.get(EventKind.OUT_OF_ORDER));
        assertThat(duplicates).isEqualTo(kinds.get(EventKind.DUPLICATE));
    }

    @Test
    void aCleanBatchIsAcceptedWhole() {
        GeneratorSettings settings =
                GeneratorSettings.defaults().withUsers(120).withDays(10).clean();
        List<GeneratedEvent> events =
                new TrafficGenerator(settings).batchEvents(NOW).toList();
        GoldReference clean = GoldReference.compute(inputs(events), ReferenceSettings.defaults(NOW));
        assertThat(clean.errors()).isEmpty();
        assertThat(clean.balances().values()).allSatisfy(balance -> {
            assertThat(balance.accepted()).isEqualTo(balance.read());
            assertThat(balance.duplicates()).isZero();
        });
        assertThat(kinds(events).keySet()).containsOnly(EventKind.CATALOG, EventKind.REGULAR);
    }

    @Test
    void theFractionsAreRoughlyRespected() {
        Map<EventKind, Long> kinds = kinds(month);
        double regular =
                kinds.get(EventKind.REGULAR) + kinds.get(EventKind.OUT_OF_ORDER) + kinds.get(EventKind.CORRECTION);
        assertThat(kinds.get(EventKind.DUPLICATE) / regular).isCloseTo(MONTH.duplicates(), within(0.006));
        assertThat(kinds.get(EventKind.OUT_OF_ORDER) / regular).isCloseTo(MONTH.outOfOrder(), within(0.006));
        assertThat(kinds.get(EventKind.LATE) / regular).isCloseTo(MONTH.late(), within(0.002));
        assertThat(kinds.get(EventKind.INVALID) / regular).isCloseTo(MONTH.invalid(), within(0.002));
        assertThat(kinds.get(EventKind.GARBAGE) / regular).isCloseTo(MONTH.garbage(), within(0.0015));
        long ended = month.stream()
                .filter(event -> event.kind() != EventKind.CORRECTION
                        && event.kind().accepted()
                        && event.record().value() instanceof Meeting meeting
                        && meeting.getStatus() == MeetingStatus.ENDED)
                .count();
        assertThat((double) kinds.get(EventKind.CORRECTION) / ended).isCloseTo(MONTH.corrections(), within(0.015));
    }

    @Test
    void correctionsAreLaterEndedStatesWithAnotherDuration() {
        Map<String, Meeting> ended = new HashMap<>();
        int corrections = 0;
        for (GeneratedEvent event : month) {
            if (event.record().value() instanceof Meeting meeting
                    && meeting.getStatus() == MeetingStatus.ENDED
                    && event.kind().accepted()) {
                Meeting first = ended.putIfAbsent(meeting.getMeetingId(), meeting);
                if (event.kind() == EventKind.CORRECTION) {
                    corrections++;
                    assertThat(first).isNotNull();
                    assertThat(meeting.getEventId()).isNotEqualTo(first.getEventId());
                    assertThat(meeting.getEventTime()).isAfter(first.getEventTime());
                    assertThat(meeting.getDurationMinutes()).isNotEqualTo(first.getDurationMinutes());
                    assertThat(meeting.getStartTime()).isEqualTo(first.getStartTime());
                }
            }
        }
        assertThat(corrections).isPositive();
    }

    @Test
    void everyKindOfRecordOccurs() {
        List<SpecificRecord> values = month.stream()
                .filter(event -> event.kind().accepted())
                .map(event -> event.record().value())
                .toList();
        Set<String> topics = month.stream().map(event -> event.record().topic()).collect(Collectors.toSet());
        assertThat(topics)
                .containsExactlyInAnyOrder(
                        "zoom.users",
                        "zoom.meetings",
                        "zoom.attendance",
                        "zoom.feature-usage",
                        "zoom.webinars",
                        "zoom.support-tickets",
                        "zoom.billing-events",
                        "zoom.licenses",
                        "zoom.plans",
                        "zoom.service-status");
        assertThat(symbols(values, Meeting.class, Meeting::getStatus))
                .containsExactlyInAnyOrder(MeetingStatus.STARTED, MeetingStatus.ENDED);
        assertThat(symbols(values, Meeting.class, Meeting::getMeetingType))
                .containsExactlyInAnyOrder(MeetingType.SCHEDULED, MeetingType.INSTANT, MeetingType.RECURRING);
        assertThat(symbols(values, Attendance.class, Attendance::getParticipationLevel))
                .containsExactlyInAnyOrder(
                        ParticipationLevel.HOST,
                        ParticipationLevel.ACTIVE,
                        ParticipationLevel.PASSIVE,
                        ParticipationLevel.MODERATOR);
        assertThat(symbols(values, Attendance.class, Attendance::getConnectionQuality))
                .hasSize(4);
        assertThat(symbols(values, FeatureUsage.class, FeatureUsage::getFeatureName))
                .contains("RECORDING", "SCREEN_SHARE", "CHAT", "BREAKOUT_ROOMS", "WHITEBOARD", "POLLING", "REACTIONS");
        assertThat(values).anyMatch(v -> v instanceof FeatureUsage usage && usage.getMeetingId() == null);
        assertThat(values).anyMatch(v -> v instanceof Webinar);
        assertThat(symbols(values, SupportTicket.class, SupportTicket::getStatus))
                .containsExactlyInAnyOrder(
                        TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, TicketStatus.CLOSED);
        assertThat(values).anyMatch(v -> v instanceof SupportTicket ticket && ticket.getCsatScore() != null);
        assertThat(symbols(values, BillingEvent.class, BillingEvent::getEventType))
                .containsExactlyInAnyOrder(
                        BillingEventType.SUBSCRIPTION_FEE,
                        BillingEventType.SUBSCRIPTION_RENEWAL,
                        BillingEventType.ADD_ON_PURCHASE,
                        BillingEventType.UPGRADE,
                        BillingEventType.DOWNGRADE,
                        BillingEventType.REFUND);
        assertThat(values)
                .anyMatch(v -> v instanceof BillingEvent billing
                        && billing.getServicePeriodStart() != null
                        && billing.getServicePeriodEnd()
                                .isAfter(billing.getServicePeriodStart().plusMonths(11)));
        assertThat(symbols(values, License.class, License::getLicenseStatus))
                .containsExactlyInAnyOrder(LicenseStatus.ACTIVE, LicenseStatus.EXPIRED, LicenseStatus.SUSPENDED);
        assertThat(values).anyMatch(v -> v instanceof License license && license.getAssignedUserId() == null);
        assertThat(symbols(values, ServiceStatus.class, ServiceStatus::getStatus))
                .containsExactlyInAnyOrder(ComponentStatus.UP, ComponentStatus.DEGRADED, ComponentStatus.DOWN);
        assertThat(symbols(values, User.class, User::getPlanType)).containsAll(PlanCatalog.PLANS);
        assertThat(symbols(values, User.class, User::getUserStatus)).contains(UserStatus.ACTIVE, UserStatus.SUSPENDED);
        Map<String, Set<PlanType>> plansOfUsers = new HashMap<>();
        values.stream()
                .filter(User.class::isInstance)
                .map(User.class::cast)
                .forEach(user -> plansOfUsers
                        .computeIfAbsent(user.getUserId(), id -> EnumSet.noneOf(PlanType.class))
                        .add(user.getPlanType()));
        assertThat(plansOfUsers.values()).anyMatch(plans -> plans.size() > 1);
        assertThat(values)
                .anyMatch(v ->
                        v instanceof User user && user.getRegistrationDate().isAfter(LocalDate.of(2026, 1, 31)));
        // and every kind of mischief
        assertThat(kinds(month).keySet()).containsExactlyInAnyOrder(EventKind.values());
        assertThat(month)
                .anyMatch(event ->
                        event.kind() == EventKind.INVALID && event.record().isTombstone());
    }

    @Test
    void meetingsAreConsistentAndShorterThanADay() {
        for (GeneratedEvent event : month) {
            if (event.kind().accepted()
                    && event.record().value() instanceof Meeting meeting
                    && meeting.getStatus() == MeetingStatus.ENDED) {
                assertThat(Duration.between(meeting.getStartTime(), meeting.getEndTime()))
                        .isEqualTo(Duration.ofMinutes(meeting.getDurationMinutes()))
                        .isLessThan(Duration.ofHours(24));
                assertThat(meeting.getEventTime()).isAfterOrEqualTo(meeting.getEndTime());
                assertThat(event.record().key()).isEqualTo(meeting.getMeetingId());
            }
        }
    }

    @Test
    void everyEventTimeIsInThePastOfNowAndTheBatchIsInEventTimeOrder() {
        Instant start = Instant.parse("2026-02-01T00:00:00Z");
        Instant end = Instant.parse("2026-03-01T00:00:00Z");
        Instant latest = Instant.MIN;
        for (GeneratedEvent event : month) {
            if (event.kind() == EventKind.REGULAR || event.kind() == EventKind.CORRECTION) {
                Instant at = eventTime(event.record());
                assertThat(at).isBefore(end).isAfterOrEqualTo(start);
                assertThat(at).as("in order").isAfterOrEqualTo(latest);
                latest = at;
            }
        }
    }

    @Test
    void workingHoursOnWeekdaysAreBusierThanSundayNights() {
        // activity by UTC day of week and hour, over the four weeks
        long[][] counts = new long[8][24];
        for (GeneratedEvent event : month) {
            if (event.kind() == EventKind.REGULAR && !(event.record().value() instanceof User)) {
                ZonedDateTime at = eventTime(event.record()).atZone(ZoneOffset.UTC);
                counts[at.getDayOfWeek().getValue()][at.getHour()]++;
            }
        }
        double weekdayAfternoons = 0;
        for (DayOfWeek day : List.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)) {
            for (int hour = 13; hour < 17; hour++) {
                weekdayAfternoons += counts[day.getValue()][hour];
            }
        }
        double sundayNights = 0;
        for (int hour = 1; hour < 5; hour++) {
            sundayNights += counts[DayOfWeek.SUNDAY.getValue()][hour];
        }
        assertThat(weekdayAfternoons / 12).isGreaterThan(6 * (sundayNights / 4));
        long saturday = sum(counts[DayOfWeek.SATURDAY.getValue()]);
        long wednesday = sum(counts[DayOfWeek.WEDNESDAY.getValue()]);
        assertThat(wednesday).isGreaterThan(3 * saturday);
    }

    @Test
    void aFewUsersHostMostMeetings() {
        Map<String, Long> hosted = month.stream()
                .filter(event -> event.kind() == EventKind.REGULAR
                        && event.record().value() instanceof Meeting meeting
                        && meeting.getStatus() == MeetingStatus.ENDED)
                .collect(Collectors.groupingBy(
                        event -> ((Meeting) event.record().value()).getHostUserId(), Collectors.counting()));
        List<Long> counts = new ArrayList<>(hosted.values());
        counts.sort(Comparator.reverseOrder());
        long total = counts.stream().mapToLong(Long::longValue).sum();
        long topTenPercent = counts.stream()
                .limit(MONTH.users() / 10)
                .mapToLong(Long::longValue)
                .sum();
        assertThat((double) topTenPercent / total)
                .as("share of the top 10%% of users")
                .isGreaterThan(0.35);
        assertThat(counts.get(0)).isGreaterThan(10 * counts.get(counts.size() / 2));
    }

    @Test
    void mostAccountsUseThePlatformWeeklyOrLessNotDaily() {
        // Weekdays (Tuesday to Thursday) of the three full ISO weeks of February 2026, the weeks, and the month.
        List<LocalDate> weeks = List.of(LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 9), LocalDate.of(2026, 2, 16));
        double dau = weeks.stream()
                .flatMap(monday -> Stream.of(1, 2, 3).map(monday::plusDays))
                .mapToDouble(day -> activeUsers(PeriodType.DAILY, day))
                .average()
                .orElseThrow();
        double wau = weeks.stream()
                .mapToDouble(monday -> activeUsers(PeriodType.WEEKLY, monday))
                .average()
                .orElseThrow();
        double mau = activeUsers(PeriodType.MONTHLY, LocalDate.of(2026, 2, 1));
        assertThat(mau / MONTH.users()).as("MAU of the accounts").isBetween(0.8, 1.0);
        assertThat(wau / mau).as("WAU / MAU").isBetween(0.6, 0.9);
        assertThat(dau / mau).as("weekday DAU / MAU").isBetween(0.25, 0.6);
    }

    @Test
    void trafficGrowsWithThePopulation() {
        GeneratorSettings week = GeneratorSettings.defaults().withDays(7).clean();
        long few = new TrafficGenerator(week.withUsers(100)).batchEvents(NOW).count();
        long many = new TrafficGenerator(week.withUsers(400)).batchEvents(NOW).count();
        assertThat((double) many / few).isBetween(3.0, 5.0);
        assertThat(few / 100.0 / 7).as("records a user a day").isBetween(3.0, 15.0);
    }

    @Test
    void heavyUsersRunIntoOverageAndRaiseAlerts() {
        assertThat(reference.overageAlertCrossings()).isNotEmpty();
        assertThat(reference.overageAlertCrossings().stream()
                        .map(key -> key.getMeter())
                        .collect(Collectors.toSet()))
                .hasSizeGreaterThan(1);
        assertThat(reference.table("gold.mrr")).isNotEmpty();
        assertThat(reference.table("gold.revenue")).isNotEmpty();
    }

    @Test
    void aBatchEndsAtNowAndStartsDaysBefore() {
        TrafficGenerator generator =
                new TrafficGenerator(GeneratorSettings.defaults().withUsers(30).withDays(2));
        Instant now = Instant.parse("2026-03-10T15:30:00.123456Z");
        assertThat(generator.batchStart(now)).isEqualTo(Instant.parse("2026-03-08T00:00:00Z"));
        assertThat(generator.batchEnd(now)).isEqualTo(Instant.parse("2026-03-10T00:00:00Z"));
        TrafficGenerator cut = new TrafficGenerator(
                GeneratorSettings.defaults().withUsers(30).withDays(5).withStartDate(LocalDate.of(2026, 3, 9)));
        assertThat(cut.batchEnd(now)).isEqualTo(Instant.parse("2026-03-10T15:30:00.123Z"));
        assertThat(cut.batchEvents(now).filter(event -> event.kind() == EventKind.REGULAR))
                .allSatisfy(event -> assertThat(eventTime(event.record())).isBefore(now));
        TrafficGenerator future =
                new TrafficGenerator(GeneratorSettings.defaults().withStartDate(LocalDate.of(2026, 3, 11)));
        assertThatThrownBy(() -> future.batchEvents(now)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsAreChecked() {
        GeneratorSettings defaults = GeneratorSettings.defaults();
        assertThatThrownBy(() -> defaults.withUsers(0)).hasMessageContaining("users");
        assertThatThrownBy(() -> defaults.withDays(0)).hasMessageContaining("days");
        assertThatThrownBy(() -> defaults.withEventsPerSecond(0)).hasMessageContaining("events per second");
        assertThatThrownBy(() -> defaults.withDuplicates(1.5)).hasMessageContaining("duplicates");
        assertThatThrownBy(() -> defaults.withLate(-0.1)).hasMessageContaining("late");
        assertThatThrownBy(() -> defaults.withGarbage(Double.NaN)).hasMessageContaining("garbage");
    }

    // ---- helpers

    static List<InputRecord> inputs(List<GeneratedEvent> events) {
        return events.stream()
                .map(GeneratedEvent::record)
                .map(r -> new InputRecord(r.topic(), r.key(), r.value(), r.rawValue()))
                .toList();
    }

    private static List<EventRecord> regular(List<GeneratedEvent> events) {
        return events.stream()
                .filter(e -> e.kind() == EventKind.REGULAR
                        || e.kind() == EventKind.CATALOG
                        || e.kind() == EventKind.OUT_OF_ORDER)
                .map(GeneratedEvent::record)
                .toList();
    }

    private static List<String> lines(List<EventRecord> records) {
        return records.stream().map(EventFiles::toLine).toList();
    }

    private static Map<EventKind, Long> kinds(List<GeneratedEvent> events) {
        Map<EventKind, Long> kinds = new EnumMap<>(EventKind.class);
        events.forEach(event -> kinds.merge(event.kind(), 1L, Long::sum));
        return kinds;
    }

    private static <T, S> Set<S> symbols(
            List<SpecificRecord> values, Class<T> type, java.util.function.Function<T, S> field) {
        Set<S> symbols = new HashSet<>();
        values.stream().filter(type::isInstance).map(type::cast).forEach(value -> symbols.add(field.apply(value)));
        return symbols;
    }

    static Instant eventTime(EventRecord record) {
        SpecificRecord value = record.value();
        return (Instant) value.get(value.getSchema().getField("event_time").pos());
    }

    private static double activeUsers(PeriodType period, LocalDate day) {
        Map<String, Object> row = reference.table("gold.active-users").get(new PeriodKey(period, day));
        assertThat(row).as(period + " " + day).isNotNull();
        return ((Number) row.get("active_user_count")).doubleValue();
    }

    private static long sum(long[] counts) {
        long sum = 0;
        for (long count : counts) {
            sum += count;
        }
        return sum;
    }
}
