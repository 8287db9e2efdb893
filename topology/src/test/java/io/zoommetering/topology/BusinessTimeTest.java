package io.zoommetering.topology;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.attendance;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.MeetingMinutes;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.TicketResolution;
import io.zoommetering.avro.gold.TicketResolutionKey;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.support.TicketType;
import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.aggregate.Combiner;
import io.zoommetering.topology.output.activeusers.ActiveUsersOutput;
import io.zoommetering.topology.output.meetingminutes.MeetingMinutesOutput;
import io.zoommetering.topology.output.ticketresolution.TicketResolutionOutput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lateness is judged by event_time alone (SPEC 2): a record on time counts in the periods of its business time
 * however far back they lie, in both emission modes; in FINAL mode a closed period it changes is restated.
 */
class BusinessTimeTest {

    private static final Instant WALL_CLOCK = at("2100-04-10T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"EVERY_UPDATE", "FINAL"})
    void shouldCountAThirtyHourMeetingThatEndsOnTimeInTheDayItStarted(String mode) {
        try (GoldDriver driver = new GoldDriver(Map.of("zm.emit.mode", mode), WALL_CLOCK)) {
            // Given stream time 2100-03-04 15:00 on zoom.meetings
            use(driver, "x", "2100-03-04T15:00:00Z");
            // When a meeting that started 2100-03-03 10:00 ends now, 30 hours later, its ENDED state on time
            meeting(driver, ended("m-1", "a", at("2100-03-03T10:00:00Z"), 30 * 60, at("2100-03-04T16:00:00Z")));
            // and stream time passes the close of its start day (FINAL mode writes then)
            use(driver, "x", "2100-03-05T01:00:00Z");

            // Then its 1,800 minutes count in 2100-03-03 and nothing went to the error stream
            assertThat(driver.errors()).isEmpty();
            assertThat(driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE))
                            .get(day("2100-03-03"))
                            .getTotalMeetingMinutes())
                    .isEqualTo(30 * 60);
            // and its host is active that day
            assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE))
                            .get(day("2100-03-03"))
                            .getActiveUserCount())
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EVERY_UPDATE", "FINAL"})
    void shouldCountAnAttendeeWhoStayedOvernightInTheDayTheyJoined(String mode) {
        try (GoldDriver driver = new GoldDriver(Map.of("zm.emit.mode", mode), WALL_CLOCK)) {
            // Given stream time 2100-03-05 08:00 on zoom.attendance (another attendee)
            attend(driver, "m-0", "x", at("2100-03-05T07:00:00Z"), at("2100-03-05T08:00:00Z"));
            // When an attendee who joined 2100-03-03 22:00 and left 2100-03-05 07:30 is reported on leaving
            attend(driver, "m-1", "u-1", at("2100-03-03T22:00:00Z"), at("2100-03-05T07:30:00Z"));
            // and stream time passes the close of 2100-03-03
            attend(driver, "m-2", "y", at("2100-03-05T09:00:00Z"), at("2100-03-05T09:30:00Z"));

            // Then the attendee is active on the day they joined, 33.5 hours before the record's event_time
            assertThat(driver.errors()).isEmpty();
            assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE))
                            .get(day("2100-03-03"))
                            .getActiveUserCount())
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldRestateAClosedDayWhenAnOnTimeRecordChangesItAndMarkTheRevision() {
        try (GoldDriver driver = new GoldDriver(Map.of("zm.emit.mode", "FINAL"), WALL_CLOCK)) {
            // Given a 30-minute meeting on 2100-03-03, final once stream time passes 2100-03-05 00:00
            meeting(driver, ended("m-1", "a", at("2100-03-03T09:00:00Z"), 30));
            use(driver, "x", "2100-03-05T01:00:00Z");
            List<TestRecord<PeriodKey, MeetingMinutes>> first = dailyMinutes(driver);
            assertThat(first).hasSize(1);
            assertThat(revision(first.get(0))).isEqualTo("1");

            // When a 40-hour meeting that started that day ends on time
            meeting(driver, ended("m-2", "b", at("2100-03-03T10:00:00Z"), 40 * 60, at("2100-03-05T02:00:00Z")));

            // Then the closed day is restated at once: first as its host b becomes active there (revision 2: the
            // meetings per active user change), then with its minutes (revision 3)
            List<TestRecord<PeriodKey, MeetingMinutes>> restated = dailyMinutes(driver);
            assertThat(restated).extracting(BusinessTimeTest::revision).containsExactly("2", "3");
            assertThat(restated.get(0).value().getMeetingsPerActiveUser()).isEqualByComparingTo("0.50");
            MeetingMinutes last = restated.get(1).value();
            assertThat(last.getTotalMeetingMinutes()).isEqualTo(30 + 40 * 60);
            assertThat(last.getMeetingCount()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EVERY_UPDATE", "FINAL"})
    void shouldChangeTheOpeningWeekOfATicketResolvedWeeksLater(String mode) {
        try (GoldDriver driver = new GoldDriver(Map.of("zm.emit.mode", mode), WALL_CLOCK)) {
            // Given a ticket opened Tuesday 2100-03-02 (ISO week of Monday 2100-03-01), unresolved
            Instant opened = at("2100-03-02T09:00:00Z");
            send(driver, ticket("t-1", "u-1", TicketType.BILLING, TicketStatus.OPEN, opened, null, null, null, opened));
            // When it is resolved three weeks later, its state on time, and stream time passes the week's close
            Instant resolved = at("2100-03-23T09:00:00Z");
            send(
                    driver,
                    ticket(
                            "t-1",
                            "u-1",
                            TicketType.BILLING,
                            TicketStatus.RESOLVED,
                            opened,
                            null,
                            resolved,
                            4,
                            resolved));
            send(driver, ticket("t-2", "u-2", at("2100-03-31T12:00:00Z")));

            // Then the opening week's resolution rate is 100 %, and the resolution counts in its own week
            Map<TicketResolutionKey, TicketResolution> table =
                    driver.table(driver.topics().output(TicketResolutionOutput.INSTANCE));
            TicketResolutionKey openingWeek =
                    new TicketResolutionKey("BILLING", PeriodType.WEEKLY, LocalDate.parse("2100-03-01"));
            assertThat(table.get(openingWeek).getTicketsOpened()).isEqualTo(1);
            assertThat(table.get(openingWeek).getResolutionRate()).isEqualByComparingTo("100.00");
            TicketResolutionKey resolutionWeek =
                    new TicketResolutionKey("BILLING", PeriodType.WEEKLY, LocalDate.parse("2100-03-22"));
            assertThat(table.get(resolutionWeek).getAvgResolutionHours()).isEqualByComparingTo("504.00");
            assertThat(driver.errors()).isEmpty();
        }
    }

    private static List<TestRecord<PeriodKey, MeetingMinutes>> dailyMinutes(GoldDriver driver) {
        return driver.testRecords(driver.topics().output(MeetingMinutesOutput.INSTANCE)).stream()
                .filter(record -> record.key().equals(day("2100-03-03")))
                .toList();
    }

    private static String revision(TestRecord<?, ?> record) {
        Header header = record.headers().lastHeader(Combiner.REVISION_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }

    private static void send(GoldDriver driver, SupportTicket state) {
        driver.send(driver.topics().supportTickets, state.getTicketId(), state);
    }

    private static void meeting(GoldDriver driver, Meeting state) {
        driver.send(driver.topics().meetings, state.getMeetingId(), state);
    }

    private static void attend(GoldDriver driver, String meeting, String user, Instant join, Instant leave) {
        Attendance stay = Attendance.newBuilder(attendance(meeting, user, join))
                .setLeaveTime(leave)
                .setEventTime(leave)
                .build();
        driver.send(driver.topics().attendance, meeting, stay);
    }

    /** Another user's feature usage: advances stream time without touching the figures under test. */
    private static void use(GoldDriver driver, String user, String time) {
        driver.send(driver.topics().featureUsage, user, feature(user, "CHAT", 5, at(time)));
    }

    private static PeriodKey day(String date) {
        return new PeriodKey(PeriodType.DAILY, LocalDate.parse(date));
    }
}
