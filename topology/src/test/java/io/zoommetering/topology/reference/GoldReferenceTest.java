package io.zoommetering.topology.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.RevenueKey;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.UserStatus;
import io.zoommetering.avro.usage.Webinar;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Hand-computed cases that prove the batch reference itself, and the shape of the random sets it is fed. */
class GoldReferenceTest {

    private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    private final EventFactory factory = new EventFactory();

    // ---- recurring revenue

    @Test
    void aThreeMonthServicePeriodSpreadsExactSharesRoundedOnlyWhenWritten() {
        GoldReference reference = compute(
                fee("u1", "10.00", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)),
                fee("u2", "10.00", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));

        for (String month : List.of("2026-01", "2026-02", "2026-03")) {
            // 10/3 + 10/3 = 6.666..., not 3.33 + 3.33
            assertThat(row(reference, Topics.MRR, new PlanMonthKey("PRO", month)))
                    .isEqualTo(mrr("6.67", 2, "3.33"));
            assertThat(row(reference, Topics.MRR, new PlanMonthKey("ALL", month)))
                    .isEqualTo(mrr("6.67", 2, "3.33"));
        }
        assertThat(reference.table(Topics.MRR)).hasSize(6);
    }

    @Test
    void theMonthCountRoundsLeftOverDaysByHalfTheFollowingMonth() {
        assertThat(RecurringRevenue.months(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 20)))
                .isEqualTo(2);
        assertThat(RecurringRevenue.months(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 10)))
                .isEqualTo(1);
        assertThat(RecurringRevenue.months(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)))
                .isEqualTo(3);
        assertThat(RecurringRevenue.months(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 2, 14)))
                .isEqualTo(1);
        assertThat(RecurringRevenue.months(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
                .isEqualTo(12);
        // whole month Jan 31 -> Feb 28, then 14 days left of the month Feb 28 -> Mar 28 (28 days): half, so one more
        assertThat(RecurringRevenue.months(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 13)))
                .isEqualTo(2);
        assertThat(RecurringRevenue.months(LocalDate.of(2028, 2, 29), LocalDate.of(2028, 5, 28)))
                .isEqualTo(3);
    }

    @Test
    void aServicePeriodOfSevenWeeksLandsInTwoMonths() {
        GoldReference reference = compute(fee("u1", "100.00", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 20)));

        assertThat(row(reference, Topics.MRR, new PlanMonthKey("PRO", "2026-01")))
                .isEqualTo(mrr("50.00", 1, "50.00"));
        assertThat(row(reference, Topics.MRR, new PlanMonthKey("PRO", "2026-02")))
                .isEqualTo(mrr("50.00", 1, "50.00"));
        assertThat(reference.table(Topics.MRR)).doesNotContainKey(new PlanMonthKey("PRO", "2026-03"));
    }

    @Test
    void aRefundMakesAnAccountNonPayingButItsMonthStays() {
        LocalDate first = LocalDate.of(2026, 3, 1);
        LocalDate last = LocalDate.of(2026, 3, 31);
        GoldReference reference = compute(
                fee("u1", "30.00", first, last),
                billing("u1", T.plusSeconds(60), BillingEventType.REFUND, PlanType.PRO, "30.00", first, last),
                billing("u2", T, BillingEventType.SUBSCRIPTION_FEE, PlanType.BUSINESS, "20.00", first, last),
                billing("u2", T, BillingEventType.ADD_ON_PURCHASE, PlanType.BUSINESS, "5.00", first, last));

        assertThat(row(reference, Topics.MRR, new PlanMonthKey("PRO", "2026-03")))
                .isEqualTo(mrr("0.00", 0, null));
        assertThat(row(reference, Topics.MRR, new PlanMonthKey("BUSINESS", "2026-03")))
                .isEqualTo(mrr("20.00", 1, "20.00"));
        assertThat(row(reference, Topics.MRR, new PlanMonthKey("ALL", "2026-03")))
                .isEqualTo(mrr("20.00", 1, "20.00"));
        // revenue counts every billing event by event_time, the refund subtracting and the add-on adding
        RevenueKey proDay = new RevenueKey("PRO", PeriodType.DAILY, LocalDate.of(2026, 3, 2));
        assertThat(row(reference, Topics.REVENUE, proDay))
                .isEqualTo(Map.of("revenue", new BigDecimal("0.00"), "event_count", 2L));
        RevenueKey businessMonth = new RevenueKey("BUSINESS", PeriodType.MONTHLY, LocalDate.of(2026, 3, 1));
        assertThat(row(reference, Topics.REVENUE, businessMonth))
                .isEqualTo(Map.of("revenue", new BigDecimal("25.00"), "event_count", 2L));
    }

    // ---- intake

    @Test
    void aRetriedRecordIsADuplicateThatChangesNothing() {
        InputRecord usage = recording("u1", T, 600);
        GoldReference reference = compute(usage, recording("u1", T.plusSeconds(60), 60), usage);

        assertThat(reference.balances().get(Topics.FEATURE_USAGE)).isEqualTo(balance(3, 2, 1, 0, 0, 0));
        assertThat(reference.errors()).isEmpty();
        assertThat(row(
                        reference,
                        Topics.USAGE_BY_PRODUCT,
                        new ProductMeterKey("UNKNOWN", "recording_minutes", "2026-03")))
                .isEqualTo(Map.of("usage", new BigDecimal("11.00")));
    }

    @Test
    void aRecordMoreThanTheGraceBehindStreamTimeIsLateByEventTimeAlone() {
        Instant streamTime = T.plus(Duration.ofHours(30));
        Instant startedLongAgo = streamTime.minus(Duration.ofHours(25));
        GoldReference reference = compute(
                recording("u1", T, 60),
                recording("u1", streamTime, 60),
                recording("u1", T.plus(Duration.ofHours(5)), 60), // 25 h behind: late
                recording("u1", T.plus(Duration.ofHours(6)), 60), // exactly 24 h behind: on time
                InputRecord.of(Topics.MEETINGS, "m1", factory.meetingStarted("m1", "u1", streamTime)),
                InputRecord.of(
                        Topics.MEETINGS,
                        "m2",
                        factory.meetingEnded("m2", "u1", startedLongAgo, 30, streamTime))); // on time, started long ago

        assertThat(reference.errors()).containsExactly(new ExpectedError(Topics.FEATURE_USAGE, 2, "LATE_EVENT"));
        assertThat(reference.balances().get(Topics.FEATURE_USAGE)).isEqualTo(balance(4, 3, 0, 0, 0, 1));
        assertThat(reference.table(Topics.MEETING_MINUTES))
                .containsKey(new PeriodKey(PeriodType.DAILY, LocalDate.ofInstant(startedLongAgo, ZoneOffset.UTC)));
    }

    @Test
    void brokenRecordsUndecodableBytesAndTombstonesGoWhereTheyBelong() {
        Meeting valid = factory.meetingStarted("m1", "u1", T);
        Meeting noId = Meeting.newBuilder(valid).setEventId(" ").build();
        Meeting future = Meeting.newBuilder(valid)
                .setEventId("e-future")
                .setEventTime(NOW.plus(Duration.ofHours(25)))
                .build();
        Meeting unknownStatus = Meeting.newBuilder(valid)
                .setEventId("e-status")
                .setStatus(MeetingStatus.UNRECOGNIZED)
                .build();
        GoldReference reference = compute(
                catalogEntry(PlanType.PRO, Map.of(), Map.of(), Map.of()),
                InputRecord.tombstone(Topics.PLANS, "PRO"),
                InputRecord.of(Topics.MEETINGS, "m1", noId),
                InputRecord.of(Topics.MEETINGS, "m1", future),
                InputRecord.of(Topics.MEETINGS, "m1", unknownStatus),
                InputRecord.tombstone(Topics.MEETINGS, "m1"),
                InputRecord.garbage(Topics.MEETINGS, "m1", new byte[] {0, 0, 0, 0, 1}),
                InputRecord.of(Topics.MEETINGS, "m1", valid));

        assertThat(reference.balances().get(Topics.PLANS)).isEqualTo(balance(2, 2, 0, 0, 0, 0));
        assertThat(reference.balances().get(Topics.MEETINGS)).isEqualTo(balance(6, 1, 0, 1, 4, 0));
        assertThat(reference.errors()).extracting(ExpectedError::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(reference.table(Topics.EVENT_TOTALS).keySet())
                .extracting(key -> ((EventTotalsKey) key).getStream())
                .containsOnly("plans", "meetings");
    }

    @Test
    void validationNamesEveryBrokenRule() {
        Meeting started = factory.meetingStarted("m1", "u1", T);
        Meeting ended = factory.meetingEnded("m1", "u1", T, 30, T);
        BillingEvent fee = factory.billing(
                "u1",
                T,
                BillingEventType.SUBSCRIPTION_FEE,
                PlanType.PRO,
                new BigDecimal("10.00"),
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31));
        FeatureUsage usage = factory.featureUsage(null, "u1", "CHAT", T, 1, 1);
        Webinar webinar = factory.webinar("w1", "u1", T, T.plusSeconds(60), 10, 5);

        assertProblems(started);
        assertProblems(ended);
        assertProblems(fee);
        assertProblems(Meeting.newBuilder(started)
                .setEventTime(NOW.plus(Duration.ofDays(1)))
                .build());
        assertProblems(Meeting.newBuilder(started).setEventId(null).build(), "missing event_id");
        assertProblems(Meeting.newBuilder(started).setEventId(" ").build(), "missing event_id");
        assertProblems(Meeting.newBuilder(started).setEventTime(null).build(), "missing event_time");
        assertProblems(
                Meeting.newBuilder(started)
                        .setEventTime(NOW.plus(Duration.ofDays(1)).plusMillis(1))
                        .build(),
                "event_time beyond the clock skew");
        assertProblems(Meeting.newBuilder(started).setMeetingId(null).build(), "missing meeting_id");
        assertProblems(
                Meeting.newBuilder(started)
                        .setStatus(MeetingStatus.UNRECOGNIZED)
                        .build(),
                "unrecognized status");
        assertProblems(
                Meeting.newBuilder(ended).setDurationMinutes(null).build(),
                "ENDED meeting without end_time or duration_minutes");
        assertProblems(
                Meeting.newBuilder(ended)
                        .setEndTime(T.minusSeconds(1))
                        .setDurationMinutes(-1)
                        .build(),
                "end_time before its start",
                "negative duration_minutes");
        assertProblems(Meeting.newBuilder(started).setParticipantCount(-1).build(), "negative participant_count");
        assertProblems(factory.attendance("m1", "u1", T, T.minusSeconds(1)), "leave_time before its start");
        assertProblems(
                FeatureUsage.newBuilder(usage)
                        .setUserId(null)
                        .setUsageCount(-1)
                        .setUsageSeconds(-1)
                        .build(),
                "missing user_id",
                "negative usage_count",
                "negative usage_seconds");
        assertProblems(
                Webinar.newBuilder(webinar)
                        .setEndTime(T.minusSeconds(1))
                        .setRegistrants(-1)
                        .setAttendees(-1)
                        .build(),
                "end_time before its start",
                "negative registrants",
                "negative attendees");
        assertProblems(factory.ticket("t1", "u1", T, TicketStatus.CLOSED, T, T, T, 6), "csat_score outside 1-5: 6");
        assertProblems(
                BillingEvent.newBuilder(fee)
                        .setUserId(" ")
                        .setAmount(new BigDecimal("-0.01"))
                        .setCurrency("EUR")
                        .build(),
                "missing user_id",
                "negative amount",
                "no rate for currency EUR");
        assertProblems(
                BillingEvent.newBuilder(fee).setServicePeriodEnd(null).build(), "only one of the service period dates");
        assertProblems(
                BillingEvent.newBuilder(fee)
                        .setServicePeriodEnd(LocalDate.of(2026, 2, 28))
                        .build(),
                "service_period_end before service_period_start");
        assertProblems(
                factory.license(
                        "l1", T, "PRO", null, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 1), LicenseStatus.ACTIVE),
                "end_date before start_date");
        assertProblems(
                factory.serviceStatus(" ", T, ComponentStatus.UNRECOGNIZED),
                "missing component",
                "unrecognized status");
    }

    // ---- meetings and activity

    @Test
    void aCorrectionReplacesAMeetingsMinutesAndAnOlderStateChangesNothing() {
        Instant start = Instant.parse("2026-03-02T00:30:00Z");
        Meeting started = factory.meetingStarted("m1", "u1", start);
        Meeting ended = factory.meetingEnded("m1", "u1", start, 30, start.plus(Duration.ofMinutes(30)));
        Instant movedStart = Instant.parse("2026-03-01T23:50:00Z"); // to the previous day, month and week
        Meeting corrected = factory.meetingEnded("m1", "u1", movedStart, 45, start.plus(Duration.ofHours(2)));
        GoldReference reference = compute(
                InputRecord.of(Topics.MEETINGS, "m1", ended),
                InputRecord.of(Topics.MEETINGS, "m1", corrected),
                InputRecord.of(Topics.MEETINGS, "m1", started));

        assertThat(reference.table(Topics.MEETING_MINUTES))
                .containsOnlyKeys(
                        new PeriodKey(PeriodType.DAILY, LocalDate.of(2026, 3, 1)),
                        new PeriodKey(PeriodType.WEEKLY, LocalDate.of(2026, 2, 23)),
                        new PeriodKey(PeriodType.MONTHLY, LocalDate.of(2026, 3, 1)));
        assertThat(row(reference, Topics.MEETING_MINUTES, new PeriodKey(PeriodType.DAILY, LocalDate.of(2026, 3, 1))))
                .containsEntry("total_meeting_minutes", 45L)
                .containsEntry("meeting_count", 1L)
                .containsEntry("avg_meeting_minutes", new BigDecimal("45.00"))
                .containsEntry("meetings_per_active_user", new BigDecimal("1.00"));
        assertThat(reference.table(Topics.ACTIVE_USERS))
                .doesNotContainKey(new PeriodKey(PeriodType.DAILY, LocalDate.of(2026, 3, 2)));
        assertThat(row(
                        reference,
                        Topics.USAGE_BY_PRODUCT,
                        new ProductMeterKey("UNKNOWN", "meeting_minutes", "2026-03")))
                .isEqualTo(Map.of("usage", new BigDecimal("45.00")));
        // all three states are accepted and counted
        assertThat(reference.balances().get(Topics.MEETINGS)).isEqualTo(balance(3, 3, 0, 0, 0, 0));
    }

    @Test
    void meetingsPerActiveUserDividesByTheActiveUsersOfThePeriod() {
        Instant start = T;
        GoldReference reference = compute(
                InputRecord.of(Topics.MEETINGS, "m1", factory.meetingEnded("m1", "u1", start, 10, start)),
                InputRecord.of(Topics.MEETINGS, "m2", factory.meetingEnded("m2", "u1", start, 15, start)),
                InputRecord.of(Topics.ATTENDANCE, "m1", factory.attendance("m1", "u2", start, start)),
                recording("u3", start, 60));

        assertThat(row(reference, Topics.MEETING_MINUTES, new PeriodKey(PeriodType.DAILY, LocalDate.of(2026, 3, 2))))
                .isEqualTo(Map.of(
                        "total_meeting_minutes",
                        25L,
                        "meeting_count",
                        2L,
                        "avg_meeting_minutes",
                        new BigDecimal("12.50"),
                        "meetings_per_active_user",
                        new BigDecimal("0.67")));
    }

    @Test
    void anIsoWeekAcrossTheYearEndIsNamedByItsMonday() {
        GoldReference reference = compute(
                recording("u1", Instant.parse("2025-12-31T12:00:00Z"), 60), // Wednesday
                recording("u2", Instant.parse("2026-01-02T12:00:00Z"), 60), // Friday
                recording("u3", Instant.parse("2026-01-04T23:59:59Z"), 60), // Sunday
                recording("u4", Instant.parse("2026-01-05T00:00:00Z"), 60)); // Monday: the next week

        assertThat(activeUsers(reference, PeriodType.WEEKLY, 2025, 12, 29)).isEqualTo(3L);
        assertThat(activeUsers(reference, PeriodType.WEEKLY, 2026, 1, 5)).isEqualTo(1L);
        assertThat(activeUsers(reference, PeriodType.MONTHLY, 2025, 12, 1)).isEqualTo(1L);
        assertThat(activeUsers(reference, PeriodType.MONTHLY, 2026, 1, 1)).isEqualTo(3L);
        assertThat(activeUsers(reference, PeriodType.DAILY, 2026, 1, 4)).isEqualTo(1L);
        assertThat(reference.table(Topics.ACTIVE_USERS)).hasSize(4 + 2 + 2);
    }

    // ---- plans of records, usage and overage

    @Test
    void aRecordWithoutAProfileCountsUnderUnknownAndALaterProfileDoesNotMoveIt() {
        GoldReference reference = compute(
                recording("u1", T, 90),
                profile("u1", T.minus(Duration.ofHours(1)), PlanType.PRO),
                recording("u1", T.plus(Duration.ofHours(1)), 90));

        assertThat(row(
                        reference,
                        Topics.USAGE_BY_PRODUCT,
                        new ProductMeterKey("UNKNOWN", "recording_minutes", "2026-03")))
                .isEqualTo(Map.of("usage", new BigDecimal("1.50")));
        assertThat(row(reference, Topics.USAGE_BY_PRODUCT, new ProductMeterKey("PRO", "recording_minutes", "2026-03")))
                .isEqualTo(Map.of("usage", new BigDecimal("1.50")));
        assertThat(row(
                        reference,
                        Topics.EVENT_TOTALS,
                        new EventTotalsKey("feature-usage", "UNKNOWN", PeriodType.HOURLY, T)))
                .isEqualTo(Map.of("event_count", 1L));
        assertThat(row(
                        reference,
                        Topics.EVENT_TOTALS,
                        new EventTotalsKey("users", "PRO", PeriodType.DAILY, Instant.parse("2026-03-02T00:00:00Z"))))
                .isEqualTo(Map.of("event_count", 1L));
    }

    @Test
    void overageIsPerAccountAgainstTheIncludedQuantity() {
        Instant start = T;
        GoldReference reference = compute(
                catalogEntry(
                        PlanType.PRO,
                        Map.of("meeting_minutes", 60L),
                        Map.of("meeting_minutes", new BigDecimal("0.05")),
                        Map.of("meeting_minutes", 30L)),
                profile("u1", start.minus(Duration.ofDays(1)), PlanType.PRO),
                profile("u2", start.minus(Duration.ofDays(1)), PlanType.PRO),
                InputRecord.of(Topics.MEETINGS, "m1", factory.meetingEnded("m1", "u1", start, 100, start)),
                InputRecord.of(Topics.MEETINGS, "m2", factory.meetingEnded("m2", "u2", start, 50, start)),
                // recording_minutes is not in the catalog entry: nothing included, no price
                recording("u2", start, 125));

        ProductMeterKey minutes = new ProductMeterKey("PRO", "meeting_minutes", "2026-03");
        ProductMeterKey recording = new ProductMeterKey("PRO", "recording_minutes", "2026-03");
        assertThat(row(reference, Topics.USAGE_BY_PRODUCT, minutes))
                .isEqualTo(Map.of("usage", new BigDecimal("150.00")));
        assertThat(row(reference, Topics.OVERAGE, minutes))
                .isEqualTo(Map.of(
                        "overage",
                        new BigDecimal("40.00"),
                        "overage_accounts",
                        1L,
                        "overage_revenue",
                        new BigDecimal("2.00")));
        assertThat(row(reference, Topics.OVERAGE, recording))
                .isEqualTo(Map.of(
                        "overage",
                        new BigDecimal("2.08"),
                        "overage_accounts",
                        1L,
                        "overage_revenue",
                        new BigDecimal("0.00")));
        assertThat(reference.overageAlertCrossings()).containsExactly(minutes);
    }

    @Test
    void productsOutsideTheCatalogHaveUsageButNoOverage() {
        GoldReference reference = compute(
                catalogEntry(PlanType.BASIC, Map.of(), Map.of(), Map.of()),
                InputRecord.tombstone(Topics.PLANS, "BASIC"),
                profile("u1", T.minus(Duration.ofDays(1)), PlanType.BASIC),
                recording("u1", T, 60),
                recording("u2", T, 0));

        assertThat(reference.table(Topics.USAGE_BY_PRODUCT))
                .containsOnlyKeys(
                        new ProductMeterKey("BASIC", "recording_minutes", "2026-03"),
                        new ProductMeterKey("UNKNOWN", "recording_minutes", "2026-03"));
        assertThat(row(
                        reference,
                        Topics.USAGE_BY_PRODUCT,
                        new ProductMeterKey("UNKNOWN", "recording_minutes", "2026-03")))
                .isEqualTo(Map.of("usage", new BigDecimal("0.00")));
        assertThat(reference.table(Topics.OVERAGE)).isEmpty();
    }

    // ---- the random sets

    @Test
    void randomSetsAreDeterministicPerSeedAndSmall() {
        for (long seed = 0; seed < 20; seed++) {
            List<InputRecord> records = RandomEventSets.generate(seed);
            assertThat(RandomEventSets.generate(seed)).isEqualTo(records);
            assertThat(records).hasSizeBetween(20, 150);
            assertThat(records).allSatisfy(record -> {
                if (record.value() != null) {
                    Instant eventTime = Envelope.of(record.value()).eventTime();
                    assertThat(eventTime == null
                                    || eventTime.isBefore(RandomEventSets.processingTime())
                                    || eventTime.isAfter(
                                            RandomEventSets.processingTime().plus(Duration.ofDays(1))))
                            .isTrue();
                }
            });
        }
        assertThat(RandomEventSets.generate(1)).isNotEqualTo(RandomEventSets.generate(2));
    }

    @Test
    void randomSetsHoldEveryKindOfRecord() {
        List<Set<String>> kindsPerSeed =
                LongStream.range(0, 50).mapToObj(GoldReferenceTest::kindsOf).toList();

        Map<String, Long> seedsPerKind = kindsPerSeed.stream()
                .flatMap(Set::stream)
                .collect(Collectors.groupingBy(kind -> kind, Collectors.counting()));
        assertThat(seedsPerKind.keySet())
                .containsAll(List.of(
                        "duplicate",
                        "late",
                        "invalid",
                        "garbage",
                        "correction",
                        "plan tombstone",
                        "forbidden tombstone",
                        "unknown plan",
                        "plan change",
                        "odd recording seconds",
                        "one-off charge",
                        "service period",
                        "refund",
                        "downgrade",
                        "overage alert"));
        assertThat(seedsPerKind)
                .allSatisfy((kind, seeds) -> assertThat(seeds).as(kind).isGreaterThanOrEqualTo(5));
        assertThat(seedsPerKind.get("duplicate")).isGreaterThanOrEqualTo(40);
        assertThat(seedsPerKind.get("late")).isGreaterThanOrEqualTo(40);
        assertThat(seedsPerKind.get("invalid")).isGreaterThanOrEqualTo(40);
    }

    @Test
    void everyReadRecordIsAcceptedADuplicateOrAnError() {
        for (long seed = 0; seed < 50; seed++) {
            GoldReference reference = compute(RandomEventSets.generate(seed));
            long errors = 0;
            for (StreamBalance balance : reference.balances().values()) {
                long streamErrors = balance.errors().values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                assertThat(balance.read()).isEqualTo(balance.accepted() + balance.duplicates() + streamErrors);
                errors += streamErrors;
            }
            assertThat(reference.errors()).hasSize((int) errors);
        }
    }

    private static Set<String> kindsOf(long seed) {
        List<InputRecord> records = RandomEventSets.generate(seed);
        GoldReference reference = compute(records);
        Set<String> kinds = new HashSet<>();
        reference.balances().values().forEach(balance -> {
            if (balance.duplicates() > 0) {
                kinds.add("duplicate");
            }
            balance.errors().forEach((type, count) -> {
                if (count > 0) {
                    kinds.add(Map.of("LATE_EVENT", "late", "VALIDATION", "invalid", "DESERIALIZATION", "garbage")
                            .get(type));
                }
            });
        });
        Map<String, Set<String>> endedEventIds = new HashMap<>();
        Map<String, Set<String>> userPlans = new HashMap<>();
        for (InputRecord record : records) {
            if (record.isTombstone()) {
                kinds.add(record.topic().equals(Topics.PLANS) ? "plan tombstone" : "forbidden tombstone");
            } else if (record.value() instanceof Meeting meeting && meeting.getStatus() == MeetingStatus.ENDED) {
                endedEventIds
                        .computeIfAbsent(meeting.getMeetingId(), id -> new HashSet<>())
                        .add(meeting.getEventId());
            } else if (record.value() instanceof User user) {
                userPlans
                        .computeIfAbsent(user.getUserId(), id -> new HashSet<>())
                        .add(user.getPlanType().name());
            } else if (record.value() instanceof FeatureUsage usage
                    && usage.getFeatureName().equals("RECORDING")
                    && usage.getUsageSeconds() % 60 != 0) {
                kinds.add("odd recording seconds");
            } else if (record.value() instanceof BillingEvent billing) {
                kinds.add(billing.getServicePeriodStart() == null ? "one-off charge" : "service period");
                if (billing.getEventType() == BillingEventType.REFUND) {
                    kinds.add("refund");
                } else if (billing.getEventType() == BillingEventType.DOWNGRADE) {
                    kinds.add("downgrade");
                }
            }
        }
        if (endedEventIds.values().stream().anyMatch(ids -> ids.size() > 1)) {
            kinds.add("correction");
        }
        if (userPlans.values().stream().anyMatch(plans -> plans.size() > 1)) {
            kinds.add("plan change");
        }
        if (reference.table(Topics.EVENT_TOTALS).keySet().stream()
                .anyMatch(key -> ((EventTotalsKey) key).getPlanType().equals("UNKNOWN"))) {
            kinds.add("unknown plan");
        }
        if (!reference.overageAlertCrossings().isEmpty()) {
            kinds.add("overage alert");
        }
        return kinds;
    }

    // ---- helpers

    private static GoldReference compute(List<InputRecord> records) {
        return GoldReference.compute(records, ReferenceSettings.defaults(NOW));
    }

    private static GoldReference compute(InputRecord... records) {
        return compute(List.of(records));
    }

    private static void assertProblems(SpecificRecord value, String... expected) {
        assertThat(Validation.problems(value, ReferenceSettings.defaults(NOW))).containsExactly(expected);
    }

    private static Map<String, Object> row(GoldReference reference, String topic, Object key) {
        Map<String, Object> row = reference.table(topic).get(key);
        assertThat(row)
                .as(
                        "%s has a row for %s; it holds %s",
                        topic, key, reference.table(topic).keySet())
                .isNotNull();
        return row;
    }

    private static long activeUsers(GoldReference reference, PeriodType type, int year, int month, int day) {
        PeriodKey key = new PeriodKey(type, LocalDate.of(year, month, day));
        return (Long) row(reference, Topics.ACTIVE_USERS, key).get("active_user_count");
    }

    private static Map<String, Object> mrr(String mrr, long paying, String arpu) {
        Map<String, Object> row = new HashMap<>();
        row.put("monthly_recurring_revenue", new BigDecimal(mrr));
        row.put("paying_accounts", paying);
        row.put("arpu", arpu == null ? null : new BigDecimal(arpu));
        return row;
    }

    private static StreamBalance balance(
            long read, long accepted, long duplicates, long deserialization, long validation, long late) {
        return new StreamBalance(
                read,
                accepted,
                duplicates,
                Map.of(
                        "DESERIALIZATION",
                        deserialization,
                        "VALIDATION",
                        validation,
                        "LATE_EVENT",
                        late,
                        "EXPIRED_PERIOD",
                        0L));
    }

    private InputRecord fee(String userId, String amount, LocalDate start, LocalDate end) {
        return billing(userId, T, BillingEventType.SUBSCRIPTION_FEE, PlanType.PRO, amount, start, end);
    }

    private InputRecord billing(
            String userId,
            Instant at,
            BillingEventType type,
            PlanType plan,
            String amount,
            LocalDate start,
            LocalDate end) {
        return InputRecord.of(
                Topics.BILLING_EVENTS,
                userId,
                factory.billing(userId, at, type, plan, new BigDecimal(amount), start, end));
    }

    private InputRecord recording(String userId, Instant at, long seconds) {
        return InputRecord.of(
                Topics.FEATURE_USAGE, userId, factory.featureUsage(null, userId, "RECORDING", at, 1, seconds));
    }

    private InputRecord profile(String userId, Instant at, PlanType plan) {
        return InputRecord.of(
                Topics.USERS, userId, factory.user(userId, at, plan, UserStatus.ACTIVE, LocalDate.of(2025, 1, 1)));
    }

    private InputRecord catalogEntry(
            PlanType plan, Map<String, Long> included, Map<String, BigDecimal> prices, Map<String, Long> thresholds) {
        Plan entry =
                factory.plan(plan, T.minus(Duration.ofDays(10)), new BigDecimal("10.00"), included, prices, thresholds);
        return InputRecord.of(Topics.PLANS, plan.name(), entry);
    }
}
