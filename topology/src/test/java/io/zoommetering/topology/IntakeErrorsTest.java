package io.zoommetering.topology;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.billing;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.oneOff;
import static io.zoommetering.topology.Events.plan;
import static io.zoommetering.topology.Events.started;
import static io.zoommetering.topology.Events.ticket;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ErrorStatus;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.EventTotals;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.output.activeusers.ActiveUsersOutput;
import io.zoommetering.topology.output.eventtotals.EventTotalsOutput;
import io.zoommetering.topology.output.meetingminutes.MeetingMinutesOutput;
import io.zoommetering.topology.output.mrr.MrrOutput;
import io.zoommetering.topology.output.overage.OverageOutput;
import io.zoommetering.topology.output.revenue.RevenueOutput;
import io.zoommetering.topology.output.usagebyproduct.UsageByProductOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gold.audit.errors: what intake rejects (docs/SEMANTICS.md, "Intake"), with where it was read and its bytes. */
class IntakeErrorsTest {

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldReportGarbageBytesAsADeserializationErrorWithTheOriginalBytesAndPosition() {
        // Given a valid meeting at offset 0 of zoom.meetings
        meeting(started("m-1", "a", at("2026-03-03T09:00:00Z")));
        // When bytes that are no Confluent-framed Avro arrive at offset 1
        byte[] garbage = {0x7f, 0x01, 0x02, 0x03, (byte) 0xff};
        driver.sendRaw(driver.topics().meetings, "m-2", garbage);

        // Then one DESERIALIZATION error names topic, partition and offset, and keeps the key and value bytes
        List<KeyValue<ErrorAuditKey, ErrorAudit>> errors = driver.errors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).key).isEqualTo(new ErrorAuditKey("zoom.meetings", 0, 1L));
        ErrorAudit error = errors.get(0).value;
        assertThat(error.getErrorType()).isEqualTo(ErrorType.DESERIALIZATION);
        assertThat(error.getSourceTable()).isEqualTo("zoom.meetings");
        assertThat(error.getSourcePartition()).isEqualTo(0);
        assertThat(error.getSourceOffset()).isEqualTo(1L);
        assertThat(error.getStatus()).isEqualTo(ErrorStatus.OPEN);
        assertThat(bytes(error.getOriginalValue())).isEqualTo(garbage);
        assertThat(bytes(error.getOriginalKey())).isEqualTo("m-2".getBytes(StandardCharsets.UTF_8));
        assertThat(error.getErrorDescription()).isNotBlank();
    }

    @Test
    void shouldRejectANegativeAmountKeepingTheOriginalBytes() {
        // Given a billing event with amount -5.00, as a producer would send it
        BillingEvent negative =
                oneOff("u-1", BillingEventType.SUBSCRIPTION_FEE, PlanType.PRO, "-5.00", at("2026-03-03T10:00:00Z"));
        byte[] sent = driver.serialize(driver.topics().billingEvents, negative);
        driver.sendRaw(driver.topics().billingEvents, "u-1", sent);
        // Then it is a VALIDATION error with a readable reason and the exact bytes, and counts nowhere
        ErrorAudit error = singleError(ErrorType.VALIDATION, "zoom.billing-events", "amount is negative (-5.00)");
        assertThat(bytes(error.getOriginalValue())).isEqualTo(sent);
        assertThat(driver.table(driver.topics().output(RevenueOutput.INSTANCE))).isEmpty();
        assertThat(driver.table(driver.topics().output(EventTotalsOutput.INSTANCE)))
                .isEmpty();
    }

    @Test
    void shouldRejectAnEndedMeetingWithoutDuration() {
        // Given an ENDED meeting whose duration_minutes is missing
        meeting(Meeting.newBuilder(ended("m-1", "a", at("2026-03-03T09:00:00Z"), 30))
                .setDurationMinutes(null)
                .build());
        // Then it is a VALIDATION error and the host is not active
        singleError(ErrorType.VALIDATION, "zoom.meetings", "ENDED meeting without duration_minutes");
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE)))
                .isEmpty();
    }

    @Test
    void shouldRejectAMeetingThatEndsBeforeItStarts() {
        // Given a meeting that starts at 10:00 and ends at 09:00
        meeting(Meeting.newBuilder(ended("m-1", "a", at("2026-03-03T10:00:00Z"), 30))
                .setEndTime(at("2026-03-03T09:00:00Z"))
                .build());
        // Then it is a VALIDATION error that names both times
        singleError(
                ErrorType.VALIDATION,
                "zoom.meetings",
                "end_time 2026-03-03T09:00:00Z is before start_time 2026-03-03T10:00:00Z");
        assertThat(driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE)))
                .isEmpty();
    }

    @Test
    void shouldRejectACsatScoreOutsideOneToFive() {
        // Given a ticket scored 7
        driver.send(
                driver.topics().supportTickets,
                "t-1",
                io.zoommetering.avro.support.SupportTicket.newBuilder(ticket("t-1", "u-1", at("2026-03-03T10:00:00Z")))
                        .setCsatScore(7)
                        .build());
        // Then it is a VALIDATION error
        singleError(ErrorType.VALIDATION, "zoom.support-tickets", "csat_score 7 is outside 1-5");
    }

    @Test
    void shouldRejectACurrencyWithoutAConfiguredRate() {
        // Given a billing event in EUR while only USD has a rate
        driver.send(
                driver.topics().billingEvents,
                "u-1",
                BillingEvent.newBuilder(oneOff(
                                "u-1",
                                BillingEventType.SUBSCRIPTION_FEE,
                                PlanType.PRO,
                                "10.00",
                                at("2026-03-03T10:00:00Z")))
                        .setCurrency("EUR")
                        .build());
        // Then it is a VALIDATION error and no revenue
        singleError(ErrorType.VALIDATION, "zoom.billing-events", "currency EUR has no configured rate");
        assertThat(driver.table(driver.topics().output(RevenueOutput.INSTANCE))).isEmpty();
    }

    @Test
    void shouldRejectAServicePeriodThatEndsBeforeItStarts() {
        // Given a fee whose service period ends before it starts
        driver.send(
                driver.topics().billingEvents,
                "u-1",
                billing(
                        "u-1",
                        BillingEventType.SUBSCRIPTION_FEE,
                        PlanType.PRO,
                        "10.00",
                        at("2026-03-03T10:00:00Z"),
                        LocalDate.parse("2026-03-31"),
                        LocalDate.parse("2026-03-01")));
        // Then it is a VALIDATION error and neither revenue nor recurring revenue
        singleError(
                ErrorType.VALIDATION,
                "zoom.billing-events",
                "service_period_end 2026-03-01 is before service_period_start 2026-03-31");
        assertThat(driver.table(driver.topics().output(RevenueOutput.INSTANCE))).isEmpty();
        assertThat(driver.table(driver.topics().output(MrrOutput.INSTANCE))).isEmpty();
    }

    @Test
    void shouldRejectAnEventTimeFurtherInTheFutureThanTheClockSkew() {
        // Given a feature usage stamped three days after the wall clock (skew allows one day)
        usage(feature("u-1", "CHAT", 5, GoldDriver.START.plus(Duration.ofDays(3))));
        // Then it is a VALIDATION error
        singleError(ErrorType.VALIDATION, "zoom.feature-usage", "is further in the future than the allowed clock skew");
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE)))
                .isEmpty();
    }

    @Test
    void shouldRejectABlankEventId() {
        // Given a feature usage whose event_id is blank
        usage(FeatureUsage.newBuilder(feature("u-1", "CHAT", 5, at("2026-03-03T10:00:00Z")))
                .setEventId("  ")
                .build());
        // Then it is a VALIDATION error
        singleError(ErrorType.VALIDATION, "zoom.feature-usage", "event_id is missing");
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE)))
                .isEmpty();
    }

    @Test
    void shouldRejectAMissingEventTime() {
        // Given a feature usage without event_time
        usage(FeatureUsage.newBuilder(feature("u-1", "CHAT", 5, at("2026-03-03T10:00:00Z")))
                .setEventTime(null)
                .build());
        // Then it is a VALIDATION error
        singleError(ErrorType.VALIDATION, "zoom.feature-usage", "event_time is missing");
    }

    @Test
    void shouldRejectAMissingKeyField() {
        // Given a meeting without meeting_id
        driver.send(
                driver.topics().meetings,
                "m-1",
                Meeting.newBuilder(started("m-1", "a", at("2026-03-03T09:00:00Z")))
                        .setMeetingId(null)
                        .build());
        // Then it is a VALIDATION error naming the field
        singleError(ErrorType.VALIDATION, "zoom.meetings", "meeting_id is missing");
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE)))
                .isEmpty();
    }

    @Test
    void shouldRejectABillingEventWithOnlyOneServicePeriodDate() {
        // Given a fee with a service_period_start but no service_period_end
        driver.send(
                driver.topics().billingEvents,
                "u-1",
                billing(
                        "u-1",
                        BillingEventType.SUBSCRIPTION_FEE,
                        PlanType.PRO,
                        "10.00",
                        at("2026-03-03T10:00:00Z"),
                        LocalDate.parse("2026-03-01"),
                        null));
        // Then it is a VALIDATION error
        singleError(
                ErrorType.VALIDATION,
                "zoom.billing-events",
                "service_period_start and service_period_end must both be set or both be null");
    }

    @Test
    void shouldRejectAnEnumSymbolThisVersionDoesNotKnow() {
        // Given a profile whose plan_type was read as UNRECOGNIZED
        driver.send(
                driver.topics().users,
                "u-1",
                io.zoommetering.avro.usage.User.newBuilder(user("u-1", PlanType.PRO, at("2026-03-03T10:00:00Z")))
                        .setPlanType(PlanType.UNRECOGNIZED)
                        .build());
        // Then it is a VALIDATION error naming the field
        singleError(ErrorType.VALIDATION, "zoom.users", "plan_type has a symbol this version does not know");
    }

    @Test
    void shouldRejectATombstoneOnAStreamOtherThanPlans() {
        // Given a null value on zoom.meetings
        driver.sendTombstone(driver.topics().meetings, "m-1");
        // Then it is a VALIDATION error keeping the key, with no value bytes
        ErrorAudit error = singleError(ErrorType.VALIDATION, "zoom.meetings", "tombstone");
        assertThat(bytes(error.getOriginalKey())).isEqualTo("m-1".getBytes(StandardCharsets.UTF_8));
        assertThat(error.getOriginalValue()).isNull();
    }

    @Test
    void shouldReportARecordMoreThanTheGraceBehindStreamTimeAsLateWithItsOriginalBytes() {
        // Given stream time 2026-03-05 12:00 on zoom.feature-usage
        usage(feature("u-now", "CHAT", 5, at("2026-03-05T12:00:00Z")));
        // When a record 25 hours behind arrives, and one exactly 24 hours (the grace) behind
        FeatureUsage late = feature("u-late", "CHAT", 5, at("2026-03-04T11:00:00Z"));
        byte[] lateBytes = driver.serialize(driver.topics().featureUsage, late);
        driver.sendRaw(driver.topics().featureUsage, "u-late", lateBytes);
        usage(feature("u-edge", "CHAT", 5, at("2026-03-04T12:00:00Z")));

        // Then the first is a LATE_EVENT error with its original bytes, at offset 1
        List<KeyValue<ErrorAuditKey, ErrorAudit>> errors = driver.errors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).key).isEqualTo(new ErrorAuditKey("zoom.feature-usage", 0, 1L));
        assertThat(errors.get(0).value.getErrorType()).isEqualTo(ErrorType.LATE_EVENT);
        assertThat(bytes(errors.get(0).value.getOriginalValue())).isEqualTo(lateBytes);
        // and counts nowhere, while the record within the grace counts: one active user on the 4th
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE))
                        .get(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-03-04")))
                        .getActiveUserCount())
                .isEqualTo(1);
    }

    @Test
    void shouldCountAMeetingWhoseStartIsBeyondTheGraceWhenItsEventTimeIsOnTime() {
        // Given stream time 2026-03-05 12:00 on zoom.meetings
        meeting(started("m-1", "a", at("2026-03-05T12:00:00Z")));
        // When a meeting arrives that started 26 hours earlier and ended an hour ago (25 hours long)
        meeting(ended("m-2", "b", at("2026-03-04T10:00:00Z"), 25 * 60));

        // Then it is on time (lateness is by event_time alone) and counts in the day it started
        assertThat(driver.errors()).isEmpty();
        assertThat(driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE))
                        .get(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-03-04")))
                        .getTotalMeetingMinutes())
                .isEqualTo(25 * 60);
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE)))
                .containsKey(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-03-04")));
    }

    @Test
    void shouldTreatARetryOfAnAcceptedRecordAsADuplicateEvenWhenItIsLate() {
        // Given a feature usage accepted at 2026-03-03 10:00, then stream time moved to 2026-03-06 10:00
        FeatureUsage first = feature("u-1", "CHAT", 5, at("2026-03-03T10:00:00Z"));
        usage(first);
        usage(feature("u-2", "CHAT", 5, at("2026-03-06T10:00:00Z")));
        // When the producer retries the first record (same event id), now 3 days behind stream time
        usage(first);
        // Then it is a duplicate, not a LATE_EVENT error: it was counted once already
        assertThat(driver.errors()).isEmpty();
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE))
                        .get(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-03-03")))
                        .getActiveUserCount())
                .isEqualTo(1);
    }

    @Test
    void shouldJudgeLatenessAgainstTheStreamTimeOfTheRecordsOwnStream() {
        // Given zoom.meetings at 2026-03-06 10:00
        meeting(started("m-1", "a", at("2026-03-06T10:00:00Z")));
        // When a feature usage of 2026-03-01 arrives, the first record of zoom.feature-usage
        usage(feature("u-1", "CHAT", 5, at("2026-03-01T10:00:00Z")));
        // Then it is not late: each stream has its own stream time
        assertThat(driver.errors()).isEmpty();
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE)))
                .containsKey(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-03-01")));
    }

    @Test
    void shouldNotTreatTheSameEventIdOnAnotherStreamAsADuplicate() {
        // Given a feature usage and a meeting that share an event id
        usage(FeatureUsage.newBuilder(feature("u-1", "CHAT", 5, at("2026-03-03T10:00:00Z")))
                .setEventId("shared")
                .build());
        meeting(Meeting.newBuilder(started("m-1", "u-2", at("2026-03-03T11:00:00Z")))
                .setEventId("shared")
                .build());
        // Then both count: duplicates are recognised within one stream only
        assertThat(driver.errors()).isEmpty();
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE))
                        .get(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-03-03")))
                        .getActiveUserCount())
                .isEqualTo(2);
    }

    @Test
    void shouldAcceptAPlanTombstoneAndRemoveTheProductFromTheCatalog() {
        // Given PRO in the catalog and a PRO host whose February webinar has an overage row
        driver.send(
                driver.topics().plans,
                "PRO",
                plan(PlanType.PRO, "meeting_minutes", 100, "0.10", 50, at("2026-01-01T00:00:00Z")));
        driver.send(driver.topics().users, "h", user("h", PlanType.PRO, at("2026-01-01T00:00:00Z")));
        webinar("w-1", "h", "2026-02-27T10:00:00Z", 40);
        assertThat(driver.table(driver.topics().output(OverageOutput.INSTANCE)))
                .containsKey(new ProductMeterKey("PRO", "webinar_registrants", "2026-02"));

        // When a tombstone removes PRO from the catalog, and h hosts a webinar in March
        driver.sendTombstone(driver.topics().plans, "PRO");
        webinar("w-2", "h", "2026-03-03T10:00:00Z", 30);

        // Then the tombstone is no error
        assertThat(driver.errors()).isEmpty();
        // and March has usage but no overage row: PRO is no longer in the catalog
        assertThat(driver.table(driver.topics().output(UsageByProductOutput.INSTANCE)))
                .containsKey(new ProductMeterKey("PRO", "webinar_registrants", "2026-03"));
        assertThat(driver.table(driver.topics().output(OverageOutput.INSTANCE)))
                .doesNotContainKey(new ProductMeterKey("PRO", "webinar_registrants", "2026-03"));
        // and the tombstone is in no event total: the plans stream counts only the plan record
        Map<EventTotalsKey, EventTotals> totals = driver.table(driver.topics().output(EventTotalsOutput.INSTANCE));
        assertThat(totals.entrySet().stream()
                        .filter(entry -> entry.getKey().getStream().equals("plans"))
                        .mapToLong(entry -> entry.getValue().getEventCount())
                        .sum())
                .isEqualTo(2);
    }

    private ErrorAudit singleError(ErrorType type, String topic, String reasonFragment) {
        List<KeyValue<ErrorAuditKey, ErrorAudit>> errors = driver.errors();
        assertThat(errors).as("errors").hasSize(1);
        ErrorAudit error = errors.get(0).value;
        assertThat(error.getErrorType()).isEqualTo(type);
        assertThat(error.getSourceTable()).isEqualTo(topic);
        assertThat(errors.get(0).key.getSourceTopic()).isEqualTo(topic);
        assertThat(error.getErrorDescription()).contains(reasonFragment);
        return error;
    }

    private void meeting(Meeting state) {
        driver.send(driver.topics().meetings, state.getMeetingId(), state);
    }

    private void usage(FeatureUsage usage) {
        driver.send(driver.topics().featureUsage, usage.getUserId(), usage);
    }

    private void webinar(String webinarId, String host, String start, int registrants) {
        driver.send(driver.topics().webinars, webinarId, Events.webinar(webinarId, host, at(start), registrants));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
