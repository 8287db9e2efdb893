package io.zoommetering.topology.output.eventtotals;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.license;
import static io.zoommetering.topology.Events.oneOff;
import static io.zoommetering.topology.Events.plan;
import static io.zoommetering.topology.Events.serviceStatus;
import static io.zoommetering.topology.Events.started;
import static io.zoommetering.topology.Events.ticket;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.EventTotals;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.Events;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.output.meetingminutes.MeetingMinutesOutput;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gold.event-totals: accepted input records per stream, plan, HOURLY and DAILY bucket of event_time. */
class EventTotalsTest {

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldCountFeatureUsagePerHourAndDayUnderTheUsersPlan() {
        // Given a PRO user
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-03T08:10:00Z")));
        // When they use features twice between 09:00 and 10:00 and once at 11:00
        usage(feature("u-1", "CHAT", 5, at("2026-03-03T09:05:00Z")));
        usage(feature("u-1", "CHAT", 5, at("2026-03-03T09:50:00Z")));
        usage(feature("u-1", "CHAT", 5, at("2026-03-03T11:00:00Z")));
        Map<EventTotalsKey, EventTotals> table = driver.table(driver.topics().output(EventTotalsOutput.INSTANCE));
        // Then each clock hour and the day hold their count
        assertCount(table, "feature-usage", "PRO", PeriodType.HOURLY, "2026-03-03T09:00:00Z", 2);
        assertCount(table, "feature-usage", "PRO", PeriodType.HOURLY, "2026-03-03T11:00:00Z", 1);
        assertCount(table, "feature-usage", "PRO", PeriodType.DAILY, "2026-03-03T00:00:00Z", 3);
        assertThat(table).doesNotContainKey(key("feature-usage", "PRO", PeriodType.HOURLY, "2026-03-03T10:00:00Z"));
        // and the profile itself counts under its own plan
        assertCount(table, "users", "PRO", PeriodType.HOURLY, "2026-03-03T08:00:00Z", 1);
        assertCount(table, "users", "PRO", PeriodType.DAILY, "2026-03-03T00:00:00Z", 1);
    }

    @Test
    void shouldCountEachStreamUnderThePlanItBelongsTo() {
        // Given u-1 on PRO and u-2 on BUSINESS
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-03T08:00:00Z")));
        driver.send(driver.topics().users, "u-2", user("u-2", PlanType.BUSINESS, at("2026-03-03T08:30:00Z")));
        // When records of every kind arrive
        driver.send(
                driver.topics().plans,
                "ENTERPRISE",
                plan(PlanType.ENTERPRISE, "meeting_minutes", 100, "0.10", 50, at("2026-03-03T07:00:00Z")));
        driver.send(
                driver.topics().billingEvents,
                "u-1",
                oneOff("u-1", BillingEventType.UPGRADE, PlanType.ENTERPRISE, "10.00", at("2026-03-03T12:00:00Z")));
        driver.send(
                driver.topics().serviceStatus,
                "api",
                serviceStatus("api", ComponentStatus.DEGRADED, at("2026-03-03T12:30:00Z")));
        driver.send(driver.topics().licenses, "l-1", license("l-1", null, at("2026-03-03T13:00:00Z")));
        driver.send(driver.topics().licenses, "l-2", license("l-2", "u-2", at("2026-03-03T13:10:00Z")));
        meeting(ended("m-1", "u-2", at("2026-03-03T14:00:00Z"), 30));
        driver.send(driver.topics().attendance, "m-1", Events.attendance("m-1", "u-1", at("2026-03-03T14:05:00Z")));
        driver.send(driver.topics().supportTickets, "t-1", ticket("t-1", "u-1", at("2026-03-03T15:00:00Z")));
        usage(feature("u-9", "CHAT", 5, at("2026-03-03T16:00:00Z")));
        driver.send(driver.topics().webinars, "w-1", Events.webinar("w-1", "u-2", at("2026-03-03T16:30:00Z"), 10));
        Map<EventTotalsKey, EventTotals> table = driver.table(driver.topics().output(EventTotalsOutput.INSTANCE));

        // Then users, plans and billing events count under their own plan
        assertCount(table, "users", "PRO", PeriodType.DAILY, "2026-03-03T00:00:00Z", 1);
        assertCount(table, "users", "BUSINESS", PeriodType.DAILY, "2026-03-03T00:00:00Z", 1);
        assertCount(table, "plans", "ENTERPRISE", PeriodType.HOURLY, "2026-03-03T07:00:00Z", 1);
        assertCount(table, "billing-events", "ENTERPRISE", PeriodType.HOURLY, "2026-03-03T12:00:00Z", 1);
        // service status and an unassigned license under NONE, an assigned license under its user's plan
        assertCount(table, "service-status", "NONE", PeriodType.HOURLY, "2026-03-03T12:00:00Z", 1);
        assertCount(table, "licenses", "NONE", PeriodType.HOURLY, "2026-03-03T13:00:00Z", 1);
        assertCount(table, "licenses", "BUSINESS", PeriodType.HOURLY, "2026-03-03T13:00:00Z", 1);
        // a meeting and a webinar under their host's plan, by event_time (the ENDED meeting's is 14:30, the
        // webinar's 17:30), an attendance (event_time 14:15) and a ticket under their user's plan
        assertCount(table, "meetings", "BUSINESS", PeriodType.HOURLY, "2026-03-03T14:00:00Z", 1);
        assertCount(table, "webinars", "BUSINESS", PeriodType.HOURLY, "2026-03-03T17:00:00Z", 1);
        assertCount(table, "attendance", "PRO", PeriodType.HOURLY, "2026-03-03T14:00:00Z", 1);
        assertCount(table, "support-tickets", "PRO", PeriodType.HOURLY, "2026-03-03T15:00:00Z", 1);
        // and a record whose user has no profile under UNKNOWN
        assertCount(table, "feature-usage", "UNKNOWN", PeriodType.DAILY, "2026-03-03T00:00:00Z", 1);
        // nothing else: 12 records, each in one hour and one day
        assertThat(table).hasSize(24);
        assertThat(table.keySet())
                .noneMatch(key -> key.getStream().equals("billing-events")
                        && !key.getPlanType().equals("ENTERPRISE"));
    }

    @Test
    void shouldExcludeDuplicatesLateAndInvalidRecords() {
        // Given a feature usage at 2026-03-05 10:00, sent twice (the retry is a duplicate)
        FeatureUsage usage = feature("u-1", "CHAT", 5, at("2026-03-05T10:00:00Z"));
        usage(usage);
        usage(usage);
        // and one 25 hours behind the stream time (late) and one with negative usage seconds (invalid)
        usage(feature("u-1", "CHAT", 5, at("2026-03-04T09:00:00Z")));
        usage(feature("u-1", "CHAT", -5, at("2026-03-05T10:30:00Z")));
        Map<EventTotalsKey, EventTotals> table = driver.table(driver.topics().output(EventTotalsOutput.INSTANCE));
        // Then only the first record counts
        assertCount(table, "feature-usage", "UNKNOWN", PeriodType.HOURLY, "2026-03-05T10:00:00Z", 1);
        assertCount(table, "feature-usage", "UNKNOWN", PeriodType.DAILY, "2026-03-05T00:00:00Z", 1);
        assertThat(table).hasSize(2);
        // and the late and the invalid record are on the error stream
        assertThat(driver.errors()).hasSize(2);
    }

    @Test
    void shouldIncludeAnOlderMeetingStateThatArrivesLate() {
        // Given a PRO host whose meeting's ENDED state (event time 09:30) arrives before its STARTED state (09:00)
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        meeting(ended("m-1", "u-1", at("2026-03-03T09:00:00Z"), 30));
        meeting(started("m-1", "u-1", at("2026-03-03T09:00:00Z")));
        // Then both states are accepted records of the meetings stream
        Map<EventTotalsKey, EventTotals> table = driver.table(driver.topics().output(EventTotalsOutput.INSTANCE));
        assertCount(table, "meetings", "PRO", PeriodType.HOURLY, "2026-03-03T09:00:00Z", 2);
        assertCount(table, "meetings", "PRO", PeriodType.DAILY, "2026-03-03T00:00:00Z", 2);
        // while the meeting itself still counts once, as ended
        assertThat(driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE))
                        .values())
                .hasSize(3)
                .allSatisfy(row -> assertThat(row.getMeetingCount()).isEqualTo(1));
    }

    @Test
    void shouldCountEveryAcceptedTicketStateOnceUnderItsOwnUser() {
        // Given a ticket of PRO u-1 (09:10), its newer state naming BASIC u-2 (09:40), and then, late, an older
        // state of u-1 (09:20)
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        driver.send(driver.topics().users, "u-2", user("u-2", PlanType.BASIC, at("2026-03-01T00:00:00Z")));
        supportTicket(ticket("t-1", "u-1", at("2026-03-03T09:10:00Z")));
        supportTicket(ticket("t-1", "u-2", at("2026-03-03T09:40:00Z")));
        supportTicket(ticket("t-1", "u-1", at("2026-03-03T09:20:00Z")));
        // Then the three states count, the older one included, each under its own user's plan; the previous state
        // withdrawn from u-1 when the ticket moved to u-2 is no record and does not count again
        Map<EventTotalsKey, EventTotals> table = driver.table(driver.topics().output(EventTotalsOutput.INSTANCE));
        assertCount(table, "support-tickets", "PRO", PeriodType.HOURLY, "2026-03-03T09:00:00Z", 2);
        assertCount(table, "support-tickets", "BASIC", PeriodType.HOURLY, "2026-03-03T09:00:00Z", 1);
        assertCount(table, "support-tickets", "BASIC", PeriodType.DAILY, "2026-03-03T00:00:00Z", 1);
    }

    private void usage(FeatureUsage usage) {
        driver.send(driver.topics().featureUsage, usage.getUserId(), usage);
    }

    private void supportTicket(SupportTicket state) {
        driver.send(driver.topics().supportTickets, state.getTicketId(), state);
    }

    private void meeting(Meeting state) {
        driver.send(driver.topics().meetings, state.getMeetingId(), state);
    }

    private static EventTotalsKey key(String stream, String plan, PeriodType period, String bucketStart) {
        return new EventTotalsKey(stream, plan, period, at(bucketStart));
    }

    private static void assertCount(
            Map<EventTotalsKey, EventTotals> table,
            String stream,
            String plan,
            PeriodType period,
            String bucketStart,
            long count) {
        EventTotals row = table.get(key(stream, plan, period, bucketStart));
        assertThat(row).as("%s %s %s %s", stream, plan, period, bucketStart).isNotNull();
        assertThat(row.getEventCount())
                .as("%s %s %s %s", stream, plan, period, bucketStart)
                .isEqualTo(count);
    }
}
