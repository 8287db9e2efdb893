package io.zoommetering.topology.output.ticketresolution;

import static io.zoommetering.topology.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.TicketResolution;
import io.zoommetering.avro.gold.TicketResolutionKey;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.support.TicketType;
import io.zoommetering.topology.Events;
import io.zoommetering.topology.GoldDriver;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * gold.ticket-resolution, by each ticket's latest state: opened by open_time, resolved by resolved_time, first
 * answered by first_response_time, per ticket type and DAILY, WEEKLY and MONTHLY period. Expected values are
 * worked out by hand in the comments.
 */
class TicketResolutionTest {

    private GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldCountOpenResponseAndResolutionInTheirOwnPeriodsAcrossTheWeekBoundary() {
        // Given a ticket opened Sunday 2026-03-08 23:30, answered Monday 00:15 (0.75 h) and resolved Monday 02:30
        // (3 h) with a score of 4, and a second ticket opened that Sunday and still open
        send(state("t-1", TicketType.TECHNICAL, TicketStatus.OPEN, "2026-03-08T23:30:00Z", null, null, null));
        send(state(
                "t-1",
                TicketType.TECHNICAL,
                TicketStatus.IN_PROGRESS,
                "2026-03-08T23:30:00Z",
                "2026-03-09T00:15:00Z",
                null,
                null));
        send(state(
                "t-1",
                TicketType.TECHNICAL,
                TicketStatus.RESOLVED,
                "2026-03-08T23:30:00Z",
                "2026-03-09T00:15:00Z",
                "2026-03-09T02:30:00Z",
                4));
        send(state("t-2", TicketType.TECHNICAL, TicketStatus.OPEN, "2026-03-08T20:00:00Z", null, null, null));
        // Then Sunday and its ISO week hold the two openings, one of them resolved (50 %)
        assertRow(TicketType.TECHNICAL, PeriodType.DAILY, "2026-03-08", 2, 0, null, null, "50.00", null);
        assertRow(TicketType.TECHNICAL, PeriodType.WEEKLY, "2026-03-02", 2, 0, null, null, "50.00", null);
        // and Monday and the next week the response and the resolution, with no opening (no rate)
        assertRow(TicketType.TECHNICAL, PeriodType.DAILY, "2026-03-09", 0, 1, "3.00", "0.75", null, "4.00");
        assertRow(TicketType.TECHNICAL, PeriodType.WEEKLY, "2026-03-09", 0, 1, "3.00", "0.75", null, "4.00");
        // and March all of it
        assertRow(TicketType.TECHNICAL, PeriodType.MONTHLY, "2026-03-01", 2, 1, "3.00", "0.75", "50.00", "4.00");
        assertThat(table()).hasSize(5);
    }

    @Test
    void shouldSplitATicketAtTheMonthEnd() {
        // Given a ticket opened Saturday 2026-02-28 22:00, answered at 22:20 (1/3 h) and resolved Sunday 2026-03-01
        // 01:00 (3 h) with a score of 3
        send(state("t-1", TicketType.BILLING, TicketStatus.OPEN, "2026-02-28T22:00:00Z", null, null, null));
        send(state(
                "t-1",
                TicketType.BILLING,
                TicketStatus.RESOLVED,
                "2026-02-28T22:00:00Z",
                "2026-02-28T22:20:00Z",
                "2026-03-01T01:00:00Z",
                3));
        // Then February holds the opening and the response, March the resolution
        assertRow(TicketType.BILLING, PeriodType.DAILY, "2026-02-28", 1, 0, null, "0.33", "100.00", null);
        assertRow(TicketType.BILLING, PeriodType.MONTHLY, "2026-02-01", 1, 0, null, "0.33", "100.00", null);
        assertRow(TicketType.BILLING, PeriodType.DAILY, "2026-03-01", 0, 1, "3.00", null, null, "3.00");
        assertRow(TicketType.BILLING, PeriodType.MONTHLY, "2026-03-01", 0, 1, "3.00", null, null, "3.00");
        // and the ISO week of Monday 2026-02-23, which holds both days, all of it
        assertRow(TicketType.BILLING, PeriodType.WEEKLY, "2026-02-23", 1, 1, "3.00", "0.33", "100.00", "3.00");
        assertThat(table()).hasSize(5);
    }

    @Test
    void shouldCountALeapDayInFebruary() {
        // Given processing in March 2028, a ticket opened on the leap day 2028-02-29 (a Tuesday) at 10:00, answered
        // at 10:30 and closed a day later with a score of 5
        driver.close();
        driver = new GoldDriver(Map.of(), at("2028-03-05T00:00:00Z"));
        send(state("t-1", TicketType.GENERAL_INQUIRY, TicketStatus.OPEN, "2028-02-29T10:00:00Z", null, null, null));
        send(state(
                "t-1",
                TicketType.GENERAL_INQUIRY,
                TicketStatus.CLOSED,
                "2028-02-29T10:00:00Z",
                "2028-02-29T10:30:00Z",
                "2028-03-01T10:00:00Z",
                5));
        // Then the leap day and February hold the opening and the response
        assertRow(TicketType.GENERAL_INQUIRY, PeriodType.DAILY, "2028-02-29", 1, 0, null, "0.50", "100.00", null);
        assertRow(TicketType.GENERAL_INQUIRY, PeriodType.MONTHLY, "2028-02-01", 1, 0, null, "0.50", "100.00", null);
        // and 2028-03-01 and March the resolution, 24 hours after the opening
        assertRow(TicketType.GENERAL_INQUIRY, PeriodType.DAILY, "2028-03-01", 0, 1, "24.00", null, null, "5.00");
        assertRow(TicketType.GENERAL_INQUIRY, PeriodType.MONTHLY, "2028-03-01", 0, 1, "24.00", null, null, "5.00");
        assertRow(TicketType.GENERAL_INQUIRY, PeriodType.WEEKLY, "2028-02-28", 1, 1, "24.00", "0.50", "100.00", "5.00");
        assertThat(table()).hasSize(5);
    }

    @Test
    void shouldMoveAReclassifiedTicketToItsNewType() {
        // Given a TECHNICAL ticket opened 2026-03-03 09:00, then reclassified BILLING and answered at 10:00
        send(state("t-1", TicketType.TECHNICAL, TicketStatus.OPEN, "2026-03-03T09:00:00Z", null, null, null));
        assertRow(TicketType.TECHNICAL, PeriodType.DAILY, "2026-03-03", 1, 0, null, null, "0.00", null);
        send(state(
                "t-1",
                TicketType.BILLING,
                TicketStatus.IN_PROGRESS,
                "2026-03-03T09:00:00Z",
                "2026-03-03T10:00:00Z",
                null,
                null));
        // Then it counts under BILLING only, and the TECHNICAL rows are gone (tombstoned)
        assertRow(TicketType.BILLING, PeriodType.DAILY, "2026-03-03", 1, 0, null, "1.00", "0.00", null);
        assertRow(TicketType.BILLING, PeriodType.WEEKLY, "2026-03-02", 1, 0, null, "1.00", "0.00", null);
        assertRow(TicketType.BILLING, PeriodType.MONTHLY, "2026-03-01", 1, 0, null, "1.00", "0.00", null);
        assertThat(table()).hasSize(3);
    }

    @Test
    void shouldIgnoreAnOlderStateArrivingAfterANewerOne() {
        // Given a ticket's RESOLVED state of 12:00 (opened 08:00, answered 09:00, resolved 12:00, score 2), and
        // then, out of order, its older IN_PROGRESS state of 10:00, typed FEATURE_REQUEST
        send(state(
                "t-1",
                TicketType.TECHNICAL,
                TicketStatus.RESOLVED,
                "2026-03-04T08:00:00Z",
                "2026-03-04T09:00:00Z",
                "2026-03-04T12:00:00Z",
                2));
        send(Events.ticket(
                "t-1",
                "u-1",
                TicketType.FEATURE_REQUEST,
                TicketStatus.IN_PROGRESS,
                at("2026-03-04T08:00:00Z"),
                at("2026-03-04T09:00:00Z"),
                null,
                null,
                at("2026-03-04T10:00:00Z")));
        // Then the newer state alone decides, and the older one was accepted, not rejected
        assertRow(TicketType.TECHNICAL, PeriodType.DAILY, "2026-03-04", 1, 1, "4.00", "1.00", "100.00", "2.00");
        assertThat(table()).hasSize(3);
        assertThat(driver.errors()).isEmpty();
    }

    @Test
    void shouldIgnoreARetriedStateEvenWhereItWouldWinATie() {
        // Given an OPEN state and a RESOLVED state of the same event time 10:00: the later offset is current
        SupportTicket open = Events.ticket(
                "t-1",
                "u-1",
                TicketType.TECHNICAL,
                TicketStatus.OPEN,
                at("2026-03-04T09:00:00Z"),
                null,
                null,
                null,
                at("2026-03-04T10:00:00Z"));
        send(open);
        send(Events.ticket(
                "t-1",
                "u-1",
                TicketType.TECHNICAL,
                TicketStatus.RESOLVED,
                at("2026-03-04T09:00:00Z"),
                null,
                at("2026-03-04T10:00:00Z"),
                null,
                at("2026-03-04T10:00:00Z")));
        // When the producer retries the OPEN state (the same event_id), which would win the tie if it counted
        send(open);
        // Then it is a duplicate: the ticket stays resolved, and a duplicate is no error
        assertRow(TicketType.TECHNICAL, PeriodType.DAILY, "2026-03-04", 1, 1, "1.00", null, "100.00", null);
        assertThat(driver.errors()).isEmpty();
    }

    @Test
    void shouldAverageAResolutionWithoutAFirstResponse() {
        // Given a ticket resolved 45 minutes after it was opened, never answered first, without a score
        send(state(
                "t-1",
                TicketType.TECHNICAL,
                TicketStatus.RESOLVED,
                "2026-03-05T08:00:00Z",
                null,
                "2026-03-05T08:45:00Z",
                null));
        // Then the resolution counts and the first-response and csat averages are null, averaging nothing
        assertRow(TicketType.TECHNICAL, PeriodType.DAILY, "2026-03-05", 1, 1, "0.75", null, "100.00", null);
    }

    @Test
    void shouldTakeAScoreGivenOnlyWhenTheTicketIsClosed() {
        // Given a ticket resolved 2026-03-05 12:00 without a score
        send(state(
                "t-1",
                TicketType.BILLING,
                TicketStatus.RESOLVED,
                "2026-03-05T10:00:00Z",
                "2026-03-05T10:30:00Z",
                "2026-03-05T12:00:00Z",
                null));
        assertRow(TicketType.BILLING, PeriodType.DAILY, "2026-03-05", 1, 1, "2.00", "0.50", "100.00", null);
        // When it is CLOSED the next day with a score of 5, its resolved_time unchanged
        send(Events.ticket(
                "t-1",
                "u-1",
                TicketType.BILLING,
                TicketStatus.CLOSED,
                at("2026-03-05T10:00:00Z"),
                at("2026-03-05T10:30:00Z"),
                at("2026-03-05T12:00:00Z"),
                5,
                at("2026-03-06T09:00:00Z")));
        // Then the score counts for the day of the resolution, which is still counted once; the day of the closing
        // has no row
        assertRow(TicketType.BILLING, PeriodType.DAILY, "2026-03-05", 1, 1, "2.00", "0.50", "100.00", "5.00");
        assertThat(table()).doesNotContainKey(key(TicketType.BILLING, PeriodType.DAILY, "2026-03-06"));
    }

    @Test
    void shouldCountATicketResolvedWeeksAfterItWasOpened() {
        // Given t-1 opened 2026-02-02 09:00 and answered at 10:00, and t-2 opened 2026-03-05 08:00 and still open
        send(state("t-1", TicketType.TECHNICAL, TicketStatus.OPEN, "2026-02-02T09:00:00Z", null, null, null));
        send(state("t-2", TicketType.TECHNICAL, TicketStatus.OPEN, "2026-03-05T08:00:00Z", null, null, null));
        // When t-1 is resolved 2026-03-05 09:00 (31 days: 744 h) with a score of 4, and t-3, opened 2026-02-10
        // 10:00 and never seen before, arrives CLOSED at 2026-03-05 10:00 (23 days: 552 h): both on time by
        // event_time, their openings weeks behind stream time
        send(Events.ticket(
                "t-1",
                "u-1",
                TicketType.TECHNICAL,
                TicketStatus.RESOLVED,
                at("2026-02-02T09:00:00Z"),
                at("2026-02-02T10:00:00Z"),
                at("2026-03-05T09:00:00Z"),
                4,
                at("2026-03-05T09:00:00Z")));
        send(state(
                "t-3",
                TicketType.TECHNICAL,
                TicketStatus.CLOSED,
                "2026-02-10T10:00:00Z",
                null,
                "2026-03-05T10:00:00Z",
                null));
        // Then nothing is rejected, and the openings count in February's periods
        assertThat(driver.errors()).isEmpty();
        assertRow(TicketType.TECHNICAL, PeriodType.DAILY, "2026-02-02", 1, 0, null, "1.00", "100.00", null);
        assertRow(TicketType.TECHNICAL, PeriodType.DAILY, "2026-02-10", 1, 0, null, null, "100.00", null);
        assertRow(TicketType.TECHNICAL, PeriodType.MONTHLY, "2026-02-01", 2, 0, null, "1.00", "100.00", null);
        // and the resolutions on 2026-03-05: (744 + 552) / 2 = 648 h, beside t-2's opening (0 % resolved)
        assertRow(TicketType.TECHNICAL, PeriodType.DAILY, "2026-03-05", 1, 2, "648.00", null, "0.00", "4.00");
    }

    @Test
    void shouldCountATicketOnceWhenItsNewerStateNamesAnotherUser() {
        // Given a ticket of u-1, whose newer state (answered at 11:00) names u-2
        send(state("t-1", TicketType.TECHNICAL, TicketStatus.OPEN, "2026-03-04T10:00:00Z", null, null, null));
        send(Events.ticket(
                "t-1",
                "u-2",
                TicketType.TECHNICAL,
                TicketStatus.IN_PROGRESS,
                at("2026-03-04T10:00:00Z"),
                at("2026-03-04T11:00:00Z"),
                null,
                null,
                at("2026-03-04T11:00:00Z")));
        // Then u-1's account took its contribution back: the ticket is opened once, answered after an hour
        assertRow(TicketType.TECHNICAL, PeriodType.DAILY, "2026-03-04", 1, 0, null, "1.00", "0.00", null);
        assertRow(TicketType.TECHNICAL, PeriodType.MONTHLY, "2026-03-01", 1, 0, null, "1.00", "0.00", null);
    }

    @Test
    void shouldRoundAveragesHalfEvenWhenWritten() {
        // Given on 2026-03-06: t-1 answered after 5 minutes and resolved after 15 (score 4), t-2 resolved the
        // moment it was opened (score 5), t-3 still open
        send(state(
                "t-1",
                TicketType.TECHNICAL,
                TicketStatus.RESOLVED,
                "2026-03-06T10:00:00Z",
                "2026-03-06T10:05:00Z",
                "2026-03-06T10:15:00Z",
                4));
        send(state(
                "t-2",
                TicketType.TECHNICAL,
                TicketStatus.RESOLVED,
                "2026-03-06T11:00:00Z",
                null,
                "2026-03-06T11:00:00Z",
                5));
        send(state("t-3", TicketType.TECHNICAL, TicketStatus.OPEN, "2026-03-06T12:00:00Z", null, null, null));
        // Then (0.25 + 0) / 2 = 0.125 h rounds to 0.12, 5/60 h to 0.08, 200/3 % to 66.67, and (4 + 5) / 2 is 4.50
        assertRow(TicketType.TECHNICAL, PeriodType.DAILY, "2026-03-06", 3, 2, "0.12", "0.08", "66.67", "4.50");
    }

    /**
     * A state of one of u-1's tickets whose event time is the latest time it holds: the resolution, else the
     * first response, else the opening.
     */
    private static SupportTicket state(
            String ticketId,
            TicketType type,
            TicketStatus status,
            String opened,
            String firstResponse,
            String resolved,
            Integer csat) {
        String latest = resolved != null ? resolved : firstResponse != null ? firstResponse : opened;
        return Events.ticket(
                ticketId, "u-1", type, status, at(opened), instant(firstResponse), instant(resolved), csat, at(latest));
    }

    private static Instant instant(String iso) {
        return iso == null ? null : at(iso);
    }

    private void send(SupportTicket state) {
        driver.send(driver.topics().supportTickets, state.getTicketId(), state);
    }

    private Map<TicketResolutionKey, TicketResolution> table() {
        return driver.table(driver.topics().output(TicketResolutionOutput.INSTANCE));
    }

    private static TicketResolutionKey key(TicketType type, PeriodType period, String start) {
        return new TicketResolutionKey(type.name(), period, LocalDate.parse(start));
    }

    private void assertRow(
            TicketType type,
            PeriodType period,
            String start,
            long opened,
            long resolved,
            String avgResolutionHours,
            String avgFirstResponseHours,
            String resolutionRate,
            String avgCsat) {
        TicketResolution row = table().get(key(type, period, start));
        String where = type + " " + period + " " + start;
        assertThat(row).as(where).isNotNull();
        assertThat(row.getTicketsOpened()).as("opened, %s", where).isEqualTo(opened);
        assertThat(row.getTicketsResolved()).as("resolved, %s", where).isEqualTo(resolved);
        assertThat(row.getAvgResolutionHours())
                .as("resolution hours, %s", where)
                .isEqualTo(decimal(avgResolutionHours));
        assertThat(row.getAvgFirstResponseHours())
                .as("first response hours, %s", where)
                .isEqualTo(decimal(avgFirstResponseHours));
        assertThat(row.getResolutionRate()).as("resolution rate, %s", where).isEqualTo(decimal(resolutionRate));
        assertThat(row.getAvgCsat()).as("csat, %s", where).isEqualTo(decimal(avgCsat));
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
