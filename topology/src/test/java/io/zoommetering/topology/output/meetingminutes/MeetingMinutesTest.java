package io.zoommetering.topology.output.meetingminutes;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.attendance;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.started;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.MeetingMinutes;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.UsageByProduct;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.output.activeusers.ActiveUsersOutput;
import io.zoommetering.topology.output.usagebyproduct.UsageByProductOutput;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gold.meeting-minutes: Σ duration, count, average and meetings per active user, over meetings now ENDED. */
class MeetingMinutesTest {

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldSumCountAndAverageMeetingMinutesPerDayWeekAndMonth() {
        // Given on Tue 2026-03-03: a hosts 30 min, b hosts 60 min, c attends b's meeting (3 active users)
        meeting(ended("m-1", "a", at("2026-03-03T09:00:00Z"), 30));
        meeting(ended("m-2", "b", at("2026-03-03T13:00:00Z"), 60));
        driver.send(driver.topics().attendance, "m-2", attendance("m-2", "c", at("2026-03-03T13:05:00Z")));
        // and on Thu 2026-03-05 a hosts 50 min
        meeting(ended("m-3", "a", at("2026-03-05T10:00:00Z"), 50));
        // and on Mon 2026-03-09 (next ISO week) d hosts 20 min while e only uses a feature
        meeting(ended("m-4", "d", at("2026-03-09T08:00:00Z"), 20));
        driver.send(driver.topics().featureUsage, "e", feature("e", "CHAT", 10, at("2026-03-09T09:00:00Z")));

        // When the figures are read
        Map<PeriodKey, MeetingMinutes> table = driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE));

        // Then each period holds Σ minutes, count, total ÷ count and count ÷ active users, rounded to cents
        assertRow(table, PeriodType.DAILY, "2026-03-03", 90, 2, "45.00", "0.67");
        assertRow(table, PeriodType.DAILY, "2026-03-05", 50, 1, "50.00", "1.00");
        assertRow(table, PeriodType.DAILY, "2026-03-09", 20, 1, "20.00", "0.50");
        assertRow(table, PeriodType.WEEKLY, "2026-03-02", 140, 3, "46.67", "1.00");
        assertRow(table, PeriodType.WEEKLY, "2026-03-09", 20, 1, "20.00", "0.50");
        assertRow(table, PeriodType.MONTHLY, "2026-03-01", 160, 4, "40.00", "0.80");
        assertThat(table).doesNotContainKey(key(PeriodType.DAILY, "2026-03-04"));
    }

    @Test
    void shouldReplaceAMeetingsMinutesWhenItIsCorrected() {
        // Given a meeting that ended after 30 minutes
        meeting(ended("m-1", "a", at("2026-03-03T09:00:00Z"), 30));
        assertRow(
                driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE)),
                PeriodType.DAILY,
                "2026-03-03",
                30,
                1,
                "30.00",
                "1.00");
        // When a later ENDED state (a correction, with its own event id) says it lasted 45 minutes
        meeting(ended("m-1", "a", at("2026-03-03T09:00:00Z"), 45, at("2026-03-03T12:00:00Z")));
        // Then the 45 minutes replace the 30 instead of adding to them
        Map<PeriodKey, MeetingMinutes> table = driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE));
        assertRow(table, PeriodType.DAILY, "2026-03-03", 45, 1, "45.00", "1.00");
        assertRow(table, PeriodType.WEEKLY, "2026-03-02", 45, 1, "45.00", "1.00");
        assertRow(table, PeriodType.MONTHLY, "2026-03-01", 45, 1, "45.00", "1.00");
    }

    @Test
    void shouldIgnoreAnOlderMeetingStateThatArrivesAfterANewerOne() {
        // Given the corrected state (45 min, event time 12:00) arrives first
        meeting(ended("m-1", "a", at("2026-03-03T09:00:00Z"), 45, at("2026-03-03T12:00:00Z")));
        // When the original ENDED state (30 min, event time 09:30) and the STARTED state (09:00) arrive after it
        meeting(ended("m-1", "a", at("2026-03-03T09:00:00Z"), 30));
        meeting(started("m-1", "a", at("2026-03-03T09:00:00Z")));
        // Then the newest state still decides: one meeting of 45 minutes
        Map<PeriodKey, MeetingMinutes> table = driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE));
        assertRow(table, PeriodType.DAILY, "2026-03-03", 45, 1, "45.00", "1.00");
        assertRow(table, PeriodType.MONTHLY, "2026-03-01", 45, 1, "45.00", "1.00");
    }

    @Test
    void shouldLetTheLaterOfTwoStatesWithTheSameEventTimeWin() {
        // Given two ENDED states of one meeting with the same event time, 30 minutes then 40 minutes
        meeting(ended("m-1", "a", at("2026-03-03T09:00:00Z"), 30, at("2026-03-03T12:00:00Z")));
        meeting(ended("m-1", "a", at("2026-03-03T09:00:00Z"), 40, at("2026-03-03T12:00:00Z")));
        // Then the one read later (the later offset) is the meeting's state
        assertRow(
                driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE)),
                PeriodType.DAILY,
                "2026-03-03",
                40,
                1,
                "40.00",
                "1.00");
    }

    @Test
    void shouldIgnoreADuplicateMeetingState() {
        // Given the same ENDED state sent twice (a producer retry: same event id)
        Meeting state = ended("m-1", "a", at("2026-03-03T09:00:00Z"), 30);
        meeting(state);
        meeting(state);
        // Then the meeting counts once
        assertRow(
                driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE)),
                PeriodType.DAILY,
                "2026-03-03",
                30,
                1,
                "30.00",
                "1.00");
    }

    @Test
    void shouldDeleteTheOldDaysRowWhenACorrectionMovesTheMeetingToAnotherDay() {
        // Given a meeting that started on 2026-03-03
        meeting(ended("m-1", "a", at("2026-03-03T09:00:00Z"), 30));
        assertThat(driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE)))
                .containsKey(key(PeriodType.DAILY, "2026-03-03"));
        // When a correction says it started on 2026-03-04
        meeting(ended("m-1", "a", at("2026-03-04T09:00:00Z"), 30));
        // Then the 3rd's row is deleted (a tombstone) and the 4th has the meeting; the week holds it once
        Map<PeriodKey, MeetingMinutes> table = driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE));
        assertThat(table).doesNotContainKey(key(PeriodType.DAILY, "2026-03-03"));
        assertRow(table, PeriodType.DAILY, "2026-03-04", 30, 1, "30.00", "1.00");
        assertRow(table, PeriodType.WEEKLY, "2026-03-02", 30, 1, "30.00", "1.00");
    }

    @Test
    void shouldMakeTheHostOfAStartedMeetingActiveWithoutMeetingMinutes() {
        // Given a meeting that has only started
        meeting(started("m-1", "a", at("2026-03-03T09:00:00Z")));
        // Then its host is active that day
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE))
                        .get(key(PeriodType.DAILY, "2026-03-03"))
                        .getActiveUserCount())
                .isEqualTo(1);
        // but no period has meeting minutes yet: a row exists only once a period has an ENDED meeting
        assertThat(driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE)))
                .isEmpty();
    }

    @Test
    void shouldMoveActivityAndMinutesToTheNewHostWhenACorrectionChangesTheHost() {
        // Given a (PRO) hosts a 30-minute meeting and b (BUSINESS) attends another meeting the same day
        driver.send(driver.topics().users, "a", user("a", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        driver.send(driver.topics().users, "b", user("b", PlanType.BUSINESS, at("2026-03-01T00:00:00Z")));
        meeting(ended("m-1", "a", at("2026-03-03T09:00:00Z"), 30));
        driver.send(driver.topics().attendance, "m-9", attendance("m-9", "b", at("2026-03-03T10:00:00Z")));
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE))
                        .get(key(PeriodType.DAILY, "2026-03-03"))
                        .getActiveUserCount())
                .isEqualTo(2);

        // When a correction says b hosted the meeting, for 40 minutes
        meeting(ended("m-1", "b", at("2026-03-03T09:00:00Z"), 40, at("2026-03-03T12:00:00Z")));

        // Then a is no longer active (only b is), the minutes are the corrected ones
        assertThat(driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE))
                        .get(key(PeriodType.DAILY, "2026-03-03"))
                        .getActiveUserCount())
                .isEqualTo(1);
        assertRow(
                driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE)),
                PeriodType.DAILY,
                "2026-03-03",
                40,
                1,
                "40.00",
                "1.00");
        // and the usage moved from a's plan to b's: PRO's row is deleted, BUSINESS has the 40 minutes
        Map<ProductMeterKey, UsageByProduct> usage =
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE));
        assertThat(usage).doesNotContainKey(new ProductMeterKey("PRO", "meeting_minutes", "2026-03"));
        assertThat(usage.get(new ProductMeterKey("BUSINESS", "meeting_minutes", "2026-03"))
                        .getUsage())
                .isEqualTo(new BigDecimal("40.00"));
    }

    private void meeting(Meeting state) {
        driver.send(driver.topics().meetings, state.getMeetingId(), state);
    }

    private static PeriodKey key(PeriodType type, String date) {
        return new PeriodKey(type, LocalDate.parse(date));
    }

    private static void assertRow(
            Map<PeriodKey, MeetingMinutes> table,
            PeriodType type,
            String date,
            long totalMinutes,
            long meetings,
            String average,
            String perActiveUser) {
        MeetingMinutes row = table.get(key(type, date));
        assertThat(row).as("row %s %s", type, date).isNotNull();
        assertThat(row.getTotalMeetingMinutes()).as("total %s %s", type, date).isEqualTo(totalMinutes);
        assertThat(row.getMeetingCount()).as("count %s %s", type, date).isEqualTo(meetings);
        assertThat(row.getAvgMeetingMinutes()).as("avg %s %s", type, date).isEqualTo(new BigDecimal(average));
        assertThat(row.getMeetingsPerActiveUser())
                .as("per active user %s %s", type, date)
                .isEqualTo(new BigDecimal(perActiveUser));
    }
}
