package io.zoommetering.topology.output.activeusers;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.attendance;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.ActiveUsers;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.topology.GoldDriver;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActiveUsersTest {

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldCountAUserOnceADayWhenActiveTwice() {
        // Given a user who attends a meeting and uses a feature on the same day
        driver.send(driver.topics().attendance, "m-1", attendance("m-1", "u-1", at("2026-03-03T09:00:00Z")));
        driver.send(driver.topics().featureUsage, "u-1", feature("u-1", "CHAT", 30, at("2026-03-03T15:00:00Z")));
        // When the figures are read
        Map<PeriodKey, ActiveUsers> table = driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE));
        // Then the user counts once in the day, the week and the month
        assertThat(count(table, PeriodType.DAILY, "2026-03-03")).isEqualTo(1);
        assertThat(count(table, PeriodType.WEEKLY, "2026-03-02")).isEqualTo(1);
        assertThat(count(table, PeriodType.MONTHLY, "2026-03-01")).isEqualTo(1);
    }

    @Test
    void shouldCountDistinctUsersAcrossActivityKinds() {
        // Given a host, an attendee and a feature user, two of them the same person
        driver.send(driver.topics().meetings, "m-1", started("m-1", "host", at("2026-03-03T09:00:00Z")));
        driver.send(driver.topics().attendance, "m-1", attendance("m-1", "guest", at("2026-03-03T09:01:00Z")));
        driver.send(driver.topics().featureUsage, "host", feature("host", "CHAT", 5, at("2026-03-03T09:02:00Z")));
        // Then two distinct users are active that day
        assertThat(count(
                        driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE)),
                        PeriodType.DAILY,
                        "2026-03-03"))
                .isEqualTo(2);
    }

    @Test
    void shouldSplitIsoWeeksBetweenSundayAndMonday() {
        // Given activity late on Sunday 2026-03-08 and early on Monday 2026-03-09 (UTC)
        driver.send(driver.topics().featureUsage, "a", feature("a", "CHAT", 5, at("2026-03-08T23:59:59Z")));
        driver.send(driver.topics().featureUsage, "b", feature("b", "CHAT", 5, at("2026-03-09T00:00:00Z")));
        Map<PeriodKey, ActiveUsers> table = driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE));
        // Then each lands in its own ISO week, named by its Monday
        assertThat(count(table, PeriodType.WEEKLY, "2026-03-02")).isEqualTo(1);
        assertThat(count(table, PeriodType.WEEKLY, "2026-03-09")).isEqualTo(1);
    }

    @Test
    void shouldPutTheLastDayOfAMonthAndLeapDayInTheirOwnMonth() {
        // Given activity on leap day 2028-02-29 and on 2028-03-01, in a driver whose clock is in 2028
        try (GoldDriver leapDriver = new GoldDriver(Map.of(), at("2028-03-05T00:00:00Z"))) {
            leapDriver.send(leapDriver.topics().featureUsage, "a", feature("a", "CHAT", 5, at("2028-02-29T12:00:00Z")));
            leapDriver.send(leapDriver.topics().featureUsage, "b", feature("b", "CHAT", 5, at("2028-03-01T00:00:00Z")));
            Map<PeriodKey, ActiveUsers> table =
                    leapDriver.table(leapDriver.topics().output(ActiveUsersOutput.INSTANCE));
            // Then February and March each have one user, and the ISO week holding both has two
            assertThat(count(table, PeriodType.DAILY, "2028-02-29")).isEqualTo(1);
            assertThat(count(table, PeriodType.MONTHLY, "2028-02-01")).isEqualTo(1);
            assertThat(count(table, PeriodType.MONTHLY, "2028-03-01")).isEqualTo(1);
            assertThat(count(table, PeriodType.WEEKLY, "2028-02-28")).isEqualTo(2);
        }
    }

    @Test
    void shouldNameTheIsoWeekOverAYearEndByItsMonday() {
        // Given activity on 2025-12-31 and 2026-01-02, both in the ISO week starting Monday 2025-12-29
        try (GoldDriver yearEnd = new GoldDriver(Map.of(), at("2026-01-05T00:00:00Z"))) {
            yearEnd.send(yearEnd.topics().featureUsage, "a", feature("a", "CHAT", 5, at("2025-12-31T10:00:00Z")));
            yearEnd.send(yearEnd.topics().featureUsage, "b", feature("b", "CHAT", 5, at("2026-01-02T10:00:00Z")));
            Map<PeriodKey, ActiveUsers> table = yearEnd.table(yearEnd.topics().output(ActiveUsersOutput.INSTANCE));
            // Then the week counts both, while the months each count one
            assertThat(count(table, PeriodType.WEEKLY, "2025-12-29")).isEqualTo(2);
            assertThat(count(table, PeriodType.MONTHLY, "2025-12-01")).isEqualTo(1);
            assertThat(count(table, PeriodType.MONTHLY, "2026-01-01")).isEqualTo(1);
        }
    }

    @Test
    void shouldMoveAHostsActivityWhenAMeetingIsCorrectedToAnotherDay() {
        // Given a meeting hosted on 2026-03-03, corrected to have started on 2026-03-04
        driver.send(driver.topics().meetings, "m-1", ended("m-1", "host", at("2026-03-03T09:00:00Z"), 30));
        var corrected = ended("m-1", "host", at("2026-03-04T09:00:00Z"), 30);
        driver.send(driver.topics().meetings, "m-1", corrected);
        Map<PeriodKey, ActiveUsers> table = driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE));
        // Then the host is active on the 4th only: the 3rd's row is deleted
        assertThat(table).doesNotContainKey(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-03-03")));
        assertThat(count(table, PeriodType.DAILY, "2026-03-04")).isEqualTo(1);
        assertThat(count(table, PeriodType.WEEKLY, "2026-03-02")).isEqualTo(1);
    }

    @Test
    void shouldIgnoreADuplicateOfAnActivity() {
        // Given the same feature usage sent twice (a producer retry)
        var usage = feature("u-1", "CHAT", 5, at("2026-03-03T10:00:00Z"));
        driver.send(driver.topics().featureUsage, "u-1", usage);
        driver.send(driver.topics().featureUsage, "u-1", usage);
        // Then it counts once
        assertThat(count(
                        driver.table(driver.topics().output(ActiveUsersOutput.INSTANCE)),
                        PeriodType.DAILY,
                        "2026-03-03"))
                .isEqualTo(1);
    }

    private static long count(Map<PeriodKey, ActiveUsers> table, PeriodType type, String date) {
        ActiveUsers row = table.get(new PeriodKey(type, LocalDate.parse(date)));
        assertThat(row).as("row %s %s", type, date).isNotNull();
        return row.getActiveUserCount();
    }
}
