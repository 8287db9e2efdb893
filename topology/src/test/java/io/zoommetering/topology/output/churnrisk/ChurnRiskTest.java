package io.zoommetering.topology.output.churnrisk;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.attendance;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.license;
import static io.zoommetering.topology.Events.oneOff;
import static io.zoommetering.topology.Events.ticket;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.ChurnRisk;
import io.zoommetering.avro.gold.ChurnRiskKey;
import io.zoommetering.avro.gold.ChurnRiskReason;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketPriority;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.support.TicketType;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.account.AccountRowsCheck;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.topics.Topic;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * gold.churn-risk through the whole topology: each signal appearing and clearing, by an account's own records and by
 * stream time alone; duplicates, corrections, older states and late records. The windows are the defaults: usage of
 * the last 7 days against the weekly average of the 4 weeks before, 14 days of inactivity, 30 days of credits, and
 * licenses ending within 30 days.
 */
class ChurnRiskTest {

    private static final Instant PROFILED = at("2026-03-01T08:00:00Z");

    private final GoldDriver driver = new GoldDriver(Map.of(), at("2026-07-01T00:00:00Z"));
    private final Topic<ChurnRiskKey, ChurnRisk> risks = driver.topics().output(ChurnRiskOutput.INSTANCE);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldScoreAProfiledAccountZeroWithNoReasonsAndNoOtherAccount() {
        // When u-1 has a profile and u-2 only uses a feature
        profile("u-1", PROFILED);
        driver.send(driver.topics().featureUsage, "u-2", feature("u-2", "CHAT", 30, PROFILED));
        // Then u-1 has a row of score 0 with no reasons, and u-2 none
        assertThat(driver.table(risks)).containsOnlyKeys(new ChurnRiskKey("u-1"));
        assertThat(risk("u-1").getScore()).isZero();
        assertThat(risk("u-1").getReasons()).isEmpty();
        assertThat(risk("u-1").getAlert()).isFalse();
    }

    @Test
    void shouldFlagFallingUsageAgainstTheFourWeeksBeforeAndClearItWhenUsageComesBack() {
        // Given u-1 hosted 400 minutes in each of the four weeks before the last 7 days (Feb 26 - Mar 25)
        profile("u-1", at("2026-02-20T08:00:00Z"));
        for (String day : List.of("2026-02-27", "2026-03-06", "2026-03-13", "2026-03-20")) {
            host("m-" + day, "u-1", at(day + "T09:00:00Z"), 400);
        }
        // When only 50 minutes are hosted in the last 7 days (to Apr 1)
        host("m-recent", "u-1", at("2026-04-01T09:00:00Z"), 50);
        // Then usage is falling: 50 < half of 400
        assertThat(reasons("u-1"))
                .containsExactly(
                        tuple("FALLING_USAGE", 30, "usage 50 min in the last 7 days, 4-week weekly average 400.0 min"));
        assertThat(risk("u-1").getScore()).isEqualTo(30);
        // When the meeting is corrected to 250 minutes (a newer ENDED state) and re-sent (a duplicate)
        var corrected = ended("m-recent", "u-1", at("2026-04-01T09:00:00Z"), 250, at("2026-04-01T15:00:00Z"));
        driver.send(driver.topics().meetings, "m-recent", corrected);
        driver.send(driver.topics().meetings, "m-recent", corrected);
        // Then the signal clears: 250 is not below 200, and the row says score 0 with no reasons
        assertThat(reasons("u-1")).isEmpty();
        assertThat(risk("u-1").getScore()).isZero();
    }

    @Test
    void shouldMakeAQuietAccountInactiveByStreamTimeAloneAndActiveAgainWithItsOwnRecord() {
        // Given u-2 was last active on Mar 2
        profile("u-2", PROFILED);
        driver.send(driver.topics().attendance, "m-1", attendance("m-1", "u-2", at("2026-03-02T10:00:00Z")));
        // When only another account's records move stream time to Mar 15, then to Mar 16
        profile("u-9", at("2026-03-15T12:00:00Z"));
        // Then u-2 is not inactive after 13 quiet days
        assertThat(reasons("u-2")).isEmpty();
        profile("u-9", at("2026-03-16T00:05:00Z"));
        // but after 14, without a record of its own, it is
        assertThat(reasons("u-2")).containsExactly(tuple("INACTIVE", 40, "no activity since 2026-03-02"));
        // When u-2 uses a feature again
        driver.send(driver.topics().featureUsage, "u-2", feature("u-2", "CHAT", 30, at("2026-03-16T09:00:00Z")));
        // Then the signal clears
        assertThat(reasons("u-2")).isEmpty();
    }

    @Test
    void shouldCountFromTheFirstProfileForAnAccountNeverActive() {
        // Given u-3 has a profile since Mar 1 and was never active
        profile("u-3", PROFILED);
        // When stream time reaches Mar 15
        profile("u-9", at("2026-03-15T00:00:00Z"));
        // Then it is inactive since its profile
        assertThat(reasons("u-3"))
                .containsExactly(tuple("INACTIVE", 40, "no activity since the first profile on 2026-03-01"));
    }

    @Test
    void shouldFlagARefundOrDowngradeForThirtyDays() {
        // Given u-4 is active every week and gets a refund and a downgrade on Mar 10
        profile("u-4", PROFILED);
        BillingEvent refund = oneOff("u-4", BillingEventType.REFUND, PlanType.PRO, "49.00", at("2026-03-10T10:00:00Z"));
        driver.send(driver.topics().billingEvents, "u-4", refund);
        driver.send(
                driver.topics().billingEvents,
                "u-4",
                oneOff("u-4", BillingEventType.DOWNGRADE, PlanType.PRO, "10.00", at("2026-03-10T11:00:00Z")));
        // and the refund is re-sent (a duplicate) and a fee arrives (not a credit)
        driver.send(driver.topics().billingEvents, "u-4", refund);
        driver.send(
                driver.topics().billingEvents,
                "u-4",
                oneOff("u-4", BillingEventType.ADD_ON_PURCHASE, PlanType.PRO, "5.00", at("2026-03-10T12:00:00Z")));
        // Then one reason names both credits
        assertThat(reasons("u-4"))
                .containsExactly(tuple(
                        "REFUND_OR_DOWNGRADE",
                        25,
                        "REFUND 49.00 USD on 2026-03-10; DOWNGRADE 10.00 USD on 2026-03-10"));
        // When u-4 stays active and stream time reaches Apr 8, the 30th day from Mar 10
        active("u-4", "2026-03-20", "2026-04-01", "2026-04-08");
        assertThat(signals("u-4")).containsExactly("REFUND_OR_DOWNGRADE");
        // and then Apr 9, by another account's record
        profile("u-9", at("2026-04-09T00:01:00Z"));
        // Then the credits have left the window
        assertThat(reasons("u-4")).isEmpty();
    }

    @Test
    void shouldFlagAnOpenCriticalTicketUntilItsLatestStateIsResolved() {
        // Given u-5 opens a critical ticket
        profile("u-5", PROFILED);
        Instant opened = at("2026-03-03T09:00:00Z");
        driver.send(driver.topics().supportTickets, "t-1", critical("u-5", TicketStatus.OPEN, opened, opened));
        assertThat(reasons("u-5")).containsExactly(tuple("CRITICAL_TICKET", 25, "ticket t-1 OPEN since 2026-03-03"));
        // When it is in progress, then resolved, and an older OPEN state arrives after the resolution
        driver.send(
                driver.topics().supportTickets,
                "t-1",
                critical("u-5", TicketStatus.IN_PROGRESS, opened, at("2026-03-04T09:00:00Z")));
        assertThat(reasons("u-5"))
                .containsExactly(tuple("CRITICAL_TICKET", 25, "ticket t-1 IN_PROGRESS since 2026-03-03"));
        driver.send(
                driver.topics().supportTickets,
                "t-1",
                critical("u-5", TicketStatus.RESOLVED, opened, at("2026-03-05T09:00:00Z")));
        driver.send(
                driver.topics().supportTickets,
                "t-1",
                critical("u-5", TicketStatus.OPEN, opened, at("2026-03-04T12:00:00Z")));
        // Then the signal is gone: the latest state decides
        assertThat(reasons("u-5")).isEmpty();
    }

    @Test
    void shouldMoveACriticalTicketWithItsUser() {
        // Given u-5's critical ticket
        profile("u-5", PROFILED);
        profile("u-6", PROFILED);
        Instant opened = at("2026-03-03T09:00:00Z");
        driver.send(driver.topics().supportTickets, "t-1", critical("u-5", TicketStatus.OPEN, opened, opened));
        // When a newer state gives it to u-6
        driver.send(
                driver.topics().supportTickets,
                "t-1",
                critical("u-6", TicketStatus.OPEN, opened, at("2026-03-03T10:00:00Z")));
        // Then u-6 holds the reason and u-5 no longer does
        assertThat(reasons("u-5")).isEmpty();
        assertThat(signals("u-6")).containsExactly("CRITICAL_TICKET");
    }

    @Test
    void shouldFlagALicenseEndingWithinThirtyDaysWithoutRenewalUntilItIsRenewed() {
        // Given u-7 holds an ACTIVE license ending Apr 20, without renewal_date, on Mar 21
        profile("u-7", at("2026-03-21T08:00:00Z"));
        License ending = license(
                "l-1",
                "PRO_SEAT",
                "u-7",
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 4, 20),
                LicenseStatus.ACTIVE,
                at("2026-03-21T09:00:00Z"));
        driver.send(driver.topics().licenses, "l-1", ending);
        // Then it is not a signal yet: Apr 20 is 30 days away
        assertThat(reasons("u-7")).isEmpty();
        // When u-7 is active on Mar 22 (Apr 20 is the 30th day from it)
        active("u-7", "2026-03-22");
        assertThat(reasons("u-7"))
                .containsExactly(tuple("EXPIRING_LICENSE", 20, "license l-1 ends 2026-04-20 with no renewal_date"));
        // When a newer state schedules a renewal
        driver.send(
                driver.topics().licenses,
                "l-1",
                License.newBuilder(ending)
                        .setEventId("e-renewed")
                        .setEventTime(at("2026-03-23T09:00:00Z"))
                        .setRenewalDate(LocalDate.of(2026, 4, 20))
                        .build());
        // Then the signal clears
        assertThat(reasons("u-7")).isEmpty();
    }

    @Test
    void shouldClearAnExpiringLicenseOnceItHasEnded() {
        // Given u-7's license ends Mar 25 without renewal
        profile("u-7", PROFILED);
        driver.send(
                driver.topics().licenses,
                "l-1",
                license(
                        "l-1",
                        "PRO_SEAT",
                        "u-7",
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 3, 25),
                        LicenseStatus.ACTIVE,
                        at("2026-03-02T09:00:00Z")));
        active("u-7", "2026-03-25");
        assertThat(signals("u-7")).containsExactly("EXPIRING_LICENSE");
        // When stream time reaches Mar 26 by another account's record
        profile("u-9", at("2026-03-26T00:01:00Z"));
        // Then the license has ended and is no longer expiring
        assertThat(reasons("u-7")).isEmpty();
    }

    @Test
    void shouldSumTheWeightsAndRaiseAnAlertFromTheAlertScore() {
        // Given u-8, never active, with a refund on Mar 14
        profile("u-8", PROFILED);
        driver.send(
                driver.topics().billingEvents,
                "u-8",
                oneOff("u-8", BillingEventType.REFUND, PlanType.PRO, "20.00", at("2026-03-14T10:00:00Z")));
        assertThat(risk("u-8").getAlert()).isFalse();
        // When stream time reaches Mar 15 (14 days since the profile)
        profile("u-9", at("2026-03-15T00:01:00Z"));
        // Then inactivity (40) and the refund (25) make 65, an alert
        assertThat(signals("u-8")).containsExactly("INACTIVE", "REFUND_OR_DOWNGRADE");
        assertThat(risk("u-8").getScore()).isEqualTo(65);
        assertThat(risk("u-8").getAlert()).isTrue();
        // and the query API reads back the rows the sweep wrote, from the ledger's accounts
        assertThat(AccountRowsCheck.compare(driver, ChurnRiskOutput.OUTPUT, row -> true))
                .isEqualTo(2);
    }

    @Test
    void shouldIgnoreALateRecord() {
        // Given u-4 is active until Mar 20
        profile("u-4", PROFILED);
        active("u-4", "2026-03-20");
        // When a refund of Mar 18 arrives after the billing stream reached Mar 20 (beyond the 24 h grace)
        driver.send(
                driver.topics().billingEvents,
                "u-4",
                oneOff("u-4", BillingEventType.ADD_ON_PURCHASE, PlanType.PRO, "5.00", at("2026-03-20T12:00:00Z")));
        driver.send(
                driver.topics().billingEvents,
                "u-4",
                oneOff("u-4", BillingEventType.REFUND, PlanType.PRO, "20.00", at("2026-03-18T10:00:00Z")));
        // Then it is a LATE_EVENT error and no reason
        assertThat(driver.errors())
                .extracting(error -> error.value.getErrorType().name())
                .contains("LATE_EVENT");
        assertThat(reasons("u-4")).isEmpty();
    }

    @Test
    void shouldTakeItsWeightsAndWindowsFromTheSettings() {
        // Given churn risk weighs inactivity 90 after 3 days
        try (GoldDriver tuned = new GoldDriver(
                Map.of(
                        ChurnRiskSettings.INACTIVE_DAYS, "3",
                        ChurnRiskSettings.WEIGHT_INACTIVE, "90",
                        ChurnRiskSettings.ALERT_SCORE, "80"),
                at("2026-07-01T00:00:00Z"))) {
            tuned.send(tuned.topics().users, "u-1", user("u-1", PlanType.PRO, PROFILED));
            // When stream time reaches Mar 4
            tuned.send(tuned.topics().users, "u-9", user("u-9", PlanType.PRO, at("2026-03-04T00:01:00Z")));
            // Then u-1 is inactive with weight 90, an alert
            ChurnRisk risk =
                    tuned.table(tuned.topics().output(ChurnRiskOutput.INSTANCE)).get(new ChurnRiskKey("u-1"));
            assertThat(risk.getReasons()).extracting(ChurnRiskReason::getWeight).containsExactly(90);
            assertThat(risk.getAlert()).isTrue();
            assertThat(tuned.config().churnRisk().inactiveDays()).isEqualTo(3);
            // and the row read back for the query API has its alert by the same settings
            assertThat(AccountRowsCheck.compare(tuned, ChurnRiskOutput.OUTPUT, row -> true))
                    .isEqualTo(2);
        }
        assertThat(new MeteringConfig(Map.of()).churnRisk()).isEqualTo(ChurnRiskSettings.DEFAULTS);
    }

    private void profile(String userId, Instant at) {
        driver.send(driver.topics().users, userId, user(userId, PlanType.PRO, at));
    }

    private void host(String meetingId, String host, Instant start, int minutes) {
        driver.send(driver.topics().meetings, meetingId, ended(meetingId, host, start, minutes));
    }

    /** A feature use of the user at 09:00 on each day, which also moves stream time there. */
    private void active(String userId, String... days) {
        for (String day : days) {
            driver.send(driver.topics().featureUsage, userId, feature(userId, "CHAT", 30, at(day + "T09:00:00Z")));
        }
    }

    private static SupportTicket critical(String userId, TicketStatus status, Instant opened, Instant eventTime) {
        return SupportTicket.newBuilder(
                        ticket("t-1", userId, TicketType.TECHNICAL, status, opened, null, null, null, eventTime))
                .setPriority(TicketPriority.CRITICAL)
                .build();
    }

    private ChurnRisk risk(String userId) {
        return driver.table(risks).get(new ChurnRiskKey(userId));
    }

    private List<org.assertj.core.groups.Tuple> reasons(String userId) {
        return risk(userId).getReasons().stream()
                .map(reason -> tuple(reason.getSignal(), reason.getWeight(), reason.getEvidence()))
                .toList();
    }

    private List<String> signals(String userId) {
        return risk(userId).getReasons().stream()
                .map(ChurnRiskReason::getSignal)
                .toList();
    }
}
