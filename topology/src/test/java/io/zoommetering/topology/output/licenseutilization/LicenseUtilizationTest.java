package io.zoommetering.topology.output.licenseutilization;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotals;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.LicenseUtilization;
import io.zoommetering.avro.gold.LicenseUtilizationKey;
import io.zoommetering.topology.Events;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.output.eventtotals.EventTotalsOutput;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * gold.license-utilization: per license type and period, valid licenses (latest state ACTIVE, days overlapping the
 * period), those whose holder was active in it, and 100 × utilized ÷ valid; a row only while the period has an
 * active user. Activity is sent as meetings whose start lies on the day in question (the start is the business
 * time, so any day can be reached by an on-time record); every figure below is worked out by hand.
 */
class LicenseUtilizationTest {

    private static final String SEAT = "PRO_SEAT";
    private static final LocalDate MARCH_1 = LocalDate.parse("2026-03-01");
    private static final LocalDate MARCH_31 = LocalDate.parse("2026-03-31");

    private final GoldDriver driver = new GoldDriver();
    /** The latest event time a test sends: just before the driver's processing clock. */
    private static final Instant LATEST_EVENT_TIME = GoldDriver.START.minus(Duration.ofHours(1));

    /** Event times of the license stream, increasing unless a test says otherwise. */
    private Instant licenseClock = Instant.parse("2026-03-09T00:00:00Z");

    private int meetings;

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldCountValidLicensesAndThoseWhoseHolderWasActive() {
        // Given three March seats held by u-1, u-2 and u-3, and u-1 and u-2 active on Tue 2026-03-03, u-1 alone on
        // Wed 2026-03-04
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        send(license("l-2", SEAT, "u-2", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        send(license("l-3", SEAT, "u-3", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        active("u-1", "2026-03-03");
        active("u-2", "2026-03-03");
        active("u-1", "2026-03-04");
        // Then 2 of 3 seats are used on the 3rd, 1 of 3 on the 4th, 2 of 3 in the week and the month
        assertRow(PeriodType.DAILY, "2026-03-03", 3, 2, "66.67");
        assertRow(PeriodType.DAILY, "2026-03-04", 3, 1, "33.33");
        assertRow(PeriodType.WEEKLY, "2026-03-02", 3, 2, "66.67");
        assertRow(PeriodType.MONTHLY, "2026-03-01", 3, 2, "66.67");
        // and a day of March with no active user at all has no row
        assertThat(table()).doesNotContainKey(key(SEAT, PeriodType.DAILY, "2026-03-05"));
        assertThat(table()).hasSize(4);
    }

    @Test
    void shouldKeepLicenseTypesApart() {
        // Given a PRO seat and an ENTERPRISE seat, only the enterprise holder active
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        send(license("l-2", "ENTERPRISE_SEAT", "u-2", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        active("u-2", "2026-03-03");
        // Then each type has its own row of the period
        assertRow(PeriodType.DAILY, "2026-03-03", 1, 0, "0.00");
        assertThat(table().get(key("ENTERPRISE_SEAT", PeriodType.DAILY, "2026-03-03")))
                .extracting(LicenseUtilization::getValidLicenses, LicenseUtilization::getUtilizedLicenses)
                .containsExactly(1L, 1L);
    }

    @Test
    void shouldCountAReassignedLicenseForItsNewHolderOnly() {
        // Given a seat held by u-1, who is active on the 3rd, while u-2 is active on the 4th
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        active("u-1", "2026-03-03");
        active("u-2", "2026-03-04");
        assertRow(PeriodType.DAILY, "2026-03-03", 1, 1, "100.00");
        assertRow(PeriodType.DAILY, "2026-03-04", 1, 0, "0.00");
        // When a newer state reassigns it to u-2
        send(license("l-1", SEAT, "u-2", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        // Then u-1's activity no longer counts, u-2's does, and the seat is still one valid license
        assertRow(PeriodType.DAILY, "2026-03-03", 1, 0, "0.00");
        assertRow(PeriodType.DAILY, "2026-03-04", 1, 1, "100.00");
        assertRow(PeriodType.WEEKLY, "2026-03-02", 1, 1, "100.00");
        assertRow(PeriodType.MONTHLY, "2026-03-01", 1, 1, "100.00");
        // and the event totals count the two accepted states, not the withdrawal the reassignment caused
        assertThat(licenseEventsOnMarch9()).isEqualTo(2);
    }

    @Test
    void shouldStopCountingAHolderWhoLosesTheirLastActivityOfThePeriod() {
        // Given a seat held by u-1, whose only activity of the 3rd is a meeting they host
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        Instant start = Instant.parse("2026-03-03T10:00:00Z");
        driver.send(driver.topics().meetings, "m-x", Events.started("m-x", "u-1", start, start));
        assertRow(PeriodType.DAILY, "2026-03-03", 1, 1, "100.00");
        // When a newer state of the meeting names u-2 as its host
        driver.send(
                driver.topics().meetings,
                "m-x",
                Events.started("m-x", "u-2", start, start.plus(Duration.ofMinutes(1))));
        // Then u-1 was not active on the 3rd: the seat is valid, not used, and u-2 keeps the period's row alive
        assertRow(PeriodType.DAILY, "2026-03-03", 1, 0, "0.00");
        assertRow(PeriodType.MONTHLY, "2026-03-01", 1, 0, "0.00");
    }

    @Test
    void shouldMakeASuspendedOrExpiredLicenseValidNowhere() {
        // Given two seats of u-1, who is active on the 3rd
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        send(license("l-2", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        active("u-1", "2026-03-03");
        assertRow(PeriodType.DAILY, "2026-03-03", 2, 2, "100.00");
        // When l-1's latest state is SUSPENDED
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.SUSPENDED));
        // Then only l-2 counts
        assertRow(PeriodType.DAILY, "2026-03-03", 1, 1, "100.00");
        // When l-2 expires too, though its days still cover March
        send(license("l-2", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.EXPIRED));
        // Then no license of the type is valid: its rows are gone
        assertThat(table()).isEmpty();
        // When l-1 is active again
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        // Then it counts again, with its holder's activity
        assertRow(PeriodType.DAILY, "2026-03-03", 1, 1, "100.00");
    }

    @Test
    void shouldCountAnUnassignedLicenseAsValidButNeverUtilized() {
        // Given an unassigned seat and u-1's seat, and u-1 active on the 3rd
        send(license("l-1", SEAT, null, MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        send(license("l-2", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        active("u-1", "2026-03-03");
        // Then both are valid, one used
        assertRow(PeriodType.DAILY, "2026-03-03", 2, 1, "50.00");
        // When the unassigned seat is given to u-1
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        // Then both are used, and still two
        assertRow(PeriodType.DAILY, "2026-03-03", 2, 2, "100.00");
        // When it is unassigned again
        send(license("l-1", SEAT, "", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        assertRow(PeriodType.DAILY, "2026-03-03", 2, 1, "50.00");
    }

    @Test
    void shouldCountAHolderWhoIsNeverActiveAsValidOnly() {
        // Given u-1's seat, and only u-2 (who holds none) active
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        active("u-2", "2026-03-03");
        // Then the period has a row with nothing utilized
        assertRow(PeriodType.DAILY, "2026-03-03", 1, 0, "0.00");
        assertRow(PeriodType.WEEKLY, "2026-03-02", 1, 0, "0.00");
        assertRow(PeriodType.MONTHLY, "2026-03-01", 1, 0, "0.00");
    }

    @Test
    void shouldWriteAPeriodsRowWhenItGetsItsFirstActiveUser() {
        // Given a seat valid all of March and no activity at all
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE));
        assertThat(table()).isEmpty();
        // When u-2, who holds no license, becomes the first active user of the 5th
        active("u-2", "2026-03-05");
        // Then the day, its week and its month get their row (the active users' change re-evaluates them)
        assertRow(PeriodType.DAILY, "2026-03-05", 1, 0, "0.00");
        assertRow(PeriodType.WEEKLY, "2026-03-02", 1, 0, "0.00");
        assertRow(PeriodType.MONTHLY, "2026-03-01", 1, 0, "0.00");
        assertThat(table()).hasSize(3);
        // When the holder is active that day too
        active("u-1", "2026-03-05");
        assertRow(PeriodType.DAILY, "2026-03-05", 1, 1, "100.00");
    }

    @Test
    void shouldIgnoreAnOlderLicenseStateThatArrivesAfterANewerOne() {
        // Given u-1's seat (state of 12:00), u-1 active on the 3rd
        Instant newer = Instant.parse("2026-03-09T12:00:00Z");
        Instant older = Instant.parse("2026-03-09T08:00:00Z");
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE, newer));
        active("u-1", "2026-03-03");
        active("u-2", "2026-03-03");
        // When older states arrive: one suspending it, one giving it to u-2
        send(license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.SUSPENDED, older));
        send(license("l-1", SEAT, "u-2", MARCH_1, MARCH_31, LicenseStatus.ACTIVE, older));
        // Then the newest state still decides
        assertRow(PeriodType.DAILY, "2026-03-03", 1, 1, "100.00");
        assertRow(PeriodType.MONTHLY, "2026-03-01", 1, 1, "100.00");
        // and a state with the same event time as the current one, read later, replaces it
        send(license("l-1", SEAT, "u-2", MARCH_1, MARCH_31, LicenseStatus.SUSPENDED, newer));
        assertThat(table()).isEmpty();
    }

    @Test
    void shouldCountADuplicateLicenseStateOnce() {
        // Given the same state sent twice (a producer retry: same event id)
        License state = license("l-1", SEAT, "u-1", MARCH_1, MARCH_31, LicenseStatus.ACTIVE);
        send(state);
        send(state);
        active("u-1", "2026-03-03");
        // Then it is one valid license
        assertRow(PeriodType.DAILY, "2026-03-03", 1, 1, "100.00");
    }

    @Test
    void shouldTreatTheDaysOfALicenseAsInclusiveAtWeekAndMonthBoundaries() {
        // Given a seat of u-1 from Wed 2026-02-25 to Sun 2026-03-08, and u-1 active on Sat 2026-02-28, Sun 8th and
        // Mon 9th, u-2 on Sun 1st
        send(license(
                "l-1",
                SEAT,
                "u-1",
                LocalDate.parse("2026-02-25"),
                LocalDate.parse("2026-03-08"),
                LicenseStatus.ACTIVE));
        active("u-1", "2026-02-28");
        active("u-2", "2026-03-01");
        active("u-1", "2026-03-08");
        active("u-1", "2026-03-09");
        // Then its last day counts, the Monday after does not (no row: no valid license that day or week)
        assertRow(PeriodType.DAILY, "2026-03-08", 1, 1, "100.00");
        assertThat(table())
                .doesNotContainKeys(
                        key(SEAT, PeriodType.DAILY, "2026-03-09"), key(SEAT, PeriodType.WEEKLY, "2026-03-09"));
        // and the ISO week ending on its last day counts u-1's Sunday
        assertRow(PeriodType.WEEKLY, "2026-03-02", 1, 1, "100.00");
        // and the week across the month's end holds its February days and u-2's March 1st
        assertRow(PeriodType.WEEKLY, "2026-02-23", 1, 1, "100.00");
        assertRow(PeriodType.DAILY, "2026-03-01", 1, 0, "0.00");
        // and both months overlap it
        assertRow(PeriodType.MONTHLY, "2026-02-01", 1, 1, "100.00");
        assertRow(PeriodType.MONTHLY, "2026-03-01", 1, 1, "100.00");
    }

    @Test
    void shouldCountAHolderActiveInThePeriodThoughNotOnTheLicensesDays() {
        // Given a seat of u-1 ending on Wed 2026-03-04, and u-1 active only on Fri 6th
        send(license("l-1", SEAT, "u-1", MARCH_1, LocalDate.parse("2026-03-04"), LicenseStatus.ACTIVE));
        active("u-1", "2026-03-06");
        // Then the week and the month, which the seat overlaps and u-1 was active in, count it as utilized
        assertRow(PeriodType.WEEKLY, "2026-03-02", 1, 1, "100.00");
        assertRow(PeriodType.MONTHLY, "2026-03-01", 1, 1, "100.00");
        // and the day, which it does not overlap, has no row
        assertThat(table()).doesNotContainKey(key(SEAT, PeriodType.DAILY, "2026-03-06"));
    }

    @Test
    void shouldEndALicenseOnTheLastDayOfItsMonth() {
        // Given a seat of u-1 from 2026-01-15 to Sat 2026-01-31, and u-1 active on Sat 31st and Sun 2026-02-01
        send(license(
                "l-1",
                SEAT,
                "u-1",
                LocalDate.parse("2026-01-15"),
                LocalDate.parse("2026-01-31"),
                LicenseStatus.ACTIVE));
        active("u-1", "2026-01-31");
        active("u-1", "2026-02-01");
        // Then January and the week of Mon 2026-01-26 count it, February does not
        assertRow(PeriodType.DAILY, "2026-01-31", 1, 1, "100.00");
        assertRow(PeriodType.MONTHLY, "2026-01-01", 1, 1, "100.00");
        assertRow(PeriodType.WEEKLY, "2026-01-26", 1, 1, "100.00");
        assertThat(table())
                .doesNotContainKeys(
                        key(SEAT, PeriodType.DAILY, "2026-02-01"), key(SEAT, PeriodType.MONTHLY, "2026-02-01"));
    }

    @Test
    void shouldCountALicenseOfALeapDayInItsDayWeekAndMonth() {
        // Given a seat valid on Tue 2028-02-29 only, u-1 active that day and u-2 on 2028-03-01
        LocalDate leapDay = LocalDate.parse("2028-02-29");
        send(license("l-1", SEAT, "u-1", leapDay, leapDay, LicenseStatus.ACTIVE));
        active("u-1", "2028-02-29");
        active("u-2", "2028-03-01");
        // Then the day, the week of Mon 2028-02-28 and February hold it; March 1st, in the same week, has no row
        assertRow(PeriodType.DAILY, "2028-02-29", 1, 1, "100.00");
        assertRow(PeriodType.WEEKLY, "2028-02-28", 1, 1, "100.00");
        assertRow(PeriodType.MONTHLY, "2028-02-01", 1, 1, "100.00");
        assertThat(table())
                .doesNotContainKeys(
                        key(SEAT, PeriodType.DAILY, "2028-03-01"), key(SEAT, PeriodType.MONTHLY, "2028-03-01"));
        assertThat(table()).hasSize(3);
    }

    @Test
    void shouldWriteRowsOfAYearLongLicenseOnlyForPeriodsWithActivity() {
        // Given a seat of u-1 for all of 2026, and u-1 active on Tue 3rd and Wed 4th of March and Mon 15th of June
        send(license(
                "l-1",
                SEAT,
                "u-1",
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"),
                LicenseStatus.ACTIVE));
        active("u-1", "2026-03-03");
        active("u-1", "2026-03-04");
        active("u-1", "2026-06-15");
        // Then the table has 3 days, 2 weeks and 2 months, not the 365 + 53 + 12 periods the license covers
        Map<LicenseUtilizationKey, LicenseUtilization> table = table();
        assertThat(table)
                .containsOnlyKeys(
                        key(SEAT, PeriodType.DAILY, "2026-03-03"),
                        key(SEAT, PeriodType.DAILY, "2026-03-04"),
                        key(SEAT, PeriodType.DAILY, "2026-06-15"),
                        key(SEAT, PeriodType.WEEKLY, "2026-03-02"),
                        key(SEAT, PeriodType.WEEKLY, "2026-06-15"),
                        key(SEAT, PeriodType.MONTHLY, "2026-03-01"),
                        key(SEAT, PeriodType.MONTHLY, "2026-06-01"));
        table.values().forEach(row -> assertThat(row.getUtilizationRate()).isEqualByComparingTo("100.00"));
        // When it is shortened to end in May, a newer state
        send(license(
                "l-1",
                SEAT,
                "u-1",
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-05-31"),
                LicenseStatus.ACTIVE));
        // Then June's rows go
        assertThat(table()).hasSize(4);
    }

    @Test
    void shouldCountLicensesWhoseDaysLieBeyondTheWrittenPeriodsWhenActivityReachesThem() {
        // Given three seats for the rest of 2026, written by the task only up to the period after its latest
        // record (ValidLicenseCalendar), and u-1 active on Tue 3rd of March
        LocalDate yearEnd = LocalDate.parse("2026-12-31");
        send(license("l-1", SEAT, "u-1", MARCH_1, yearEnd, LicenseStatus.ACTIVE));
        send(license("l-2", SEAT, "u-2", MARCH_1, yearEnd, LicenseStatus.ACTIVE));
        send(license("l-3", SEAT, "u-3", LocalDate.parse("2026-07-01"), yearEnd, LicenseStatus.ACTIVE));
        active("u-1", "2026-03-03");
        assertRow(PeriodType.DAILY, "2026-03-03", 2, 1, "50.00");
        // When l-2 is suspended and l-1 renewed into 2027, both while their later days are not written yet
        send(license("l-2", SEAT, "u-2", MARCH_1, yearEnd, LicenseStatus.SUSPENDED));
        send(license("l-1", SEAT, "u-1", MARCH_1, LocalDate.parse("2027-02-28"), LicenseStatus.ACTIVE));
        // and u-1 is active in June, August and January 2027
        active("u-1", "2026-06-15");
        active("u-1", "2026-08-04");
        active("u-1", "2027-01-05");
        // Then each later period counts the seats valid in it, and March's count lost the suspended seat
        assertRow(PeriodType.DAILY, "2026-03-03", 1, 1, "100.00");
        assertRow(PeriodType.DAILY, "2026-06-15", 1, 1, "100.00");
        assertRow(PeriodType.DAILY, "2026-08-04", 2, 1, "50.00");
        assertRow(PeriodType.WEEKLY, "2026-08-03", 2, 1, "50.00");
        assertRow(PeriodType.MONTHLY, "2026-08-01", 2, 1, "50.00");
        assertRow(PeriodType.DAILY, "2027-01-05", 1, 1, "100.00");
        assertRow(PeriodType.MONTHLY, "2027-01-01", 1, 1, "100.00");
    }

    private License license(
            String licenseId, String type, String holder, LocalDate start, LocalDate end, LicenseStatus status) {
        licenseClock = licenseClock.plus(Duration.ofMinutes(1));
        return license(licenseId, type, holder, start, end, status, licenseClock);
    }

    private License license(
            String licenseId,
            String type,
            String holder,
            LocalDate start,
            LocalDate end,
            LicenseStatus status,
            Instant eventTime) {
        return Events.license(licenseId, type, holder, start, end, status, eventTime);
    }

    private void send(License license) {
        driver.send(driver.topics().licenses, license.getLicenseId(), license);
    }

    /**
     * The user hosts a meeting that starts at 10:00 UTC on the day. Days are sent in increasing order: intake
     * judges lateness by business time too (docs/SEMANTICS.md), so the meeting is sent when it starts, or, for a
     * day after the processing clock (which an event time may not pass), now, starting in the future.
     */
    private void active(String user, String day) {
        String meetingId = "m-" + ++meetings;
        Instant start = LocalDate.parse(day).atTime(10, 0).toInstant(ZoneOffset.UTC);
        driver.send(
                driver.topics().meetings,
                meetingId,
                Events.started(meetingId, user, start, start.isAfter(LATEST_EVENT_TIME) ? LATEST_EVENT_TIME : start));
    }

    private long licenseEventsOnMarch9() {
        Map<EventTotalsKey, EventTotals> totals = driver.table(driver.topics().output(EventTotalsOutput.INSTANCE));
        return totals.entrySet().stream()
                .filter(entry -> entry.getKey().getStream().equals("licenses")
                        && entry.getKey().getPeriod() == PeriodType.DAILY)
                .mapToLong(entry -> entry.getValue().getEventCount())
                .sum();
    }

    private Map<LicenseUtilizationKey, LicenseUtilization> table() {
        return driver.table(driver.topics().output(LicenseUtilizationOutput.INSTANCE));
    }

    private static LicenseUtilizationKey key(String type, PeriodType period, String start) {
        return new LicenseUtilizationKey(type, period, LocalDate.parse(start));
    }

    private void assertRow(PeriodType period, String start, long valid, long utilized, String rate) {
        LicenseUtilization row = table().get(key(SEAT, period, start));
        assertThat(row).as("%s %s", period, start).isNotNull();
        assertThat(row.getValidLicenses()).as("valid, %s %s", period, start).isEqualTo(valid);
        assertThat(row.getUtilizedLicenses())
                .as("utilized, %s %s", period, start)
                .isEqualTo(utilized);
        assertThat(row.getUtilizationRate()).as("rate, %s %s", period, start).isEqualTo(new BigDecimal(rate));
    }
}
