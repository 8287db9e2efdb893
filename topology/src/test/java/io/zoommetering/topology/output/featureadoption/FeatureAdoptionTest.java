package io.zoommetering.topology.output.featureadoption;

import static io.zoommetering.topology.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.FeatureAdoption;
import io.zoommetering.avro.gold.FeatureAdoptionKey;
import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.topology.Events;
import io.zoommetering.topology.GoldDriver;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeatureAdoptionTest {

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldDivideTheFeaturesDistinctUsersByThePeriodsActiveUsers() {
        // Given on Tuesday 2026-03-03: u-1 shares its screen twice, u-2 once, u-3 only chats, u-4 only attends
        use("u-1", "SCREEN_SHARE", at("2026-03-03T09:00:00Z"));
        use("u-1", "SCREEN_SHARE", at("2026-03-03T10:00:00Z"));
        use("u-2", "SCREEN_SHARE", at("2026-03-03T11:00:00Z"));
        use("u-3", "CHAT", at("2026-03-03T12:00:00Z"));
        attend("u-4", at("2026-03-03T13:00:00Z"));
        // Then screen share: 2 of 4 active users; chat: 1 of 4
        assertThat(row("SCREEN_SHARE", PeriodType.DAILY, "2026-03-03")).isEqualTo(adoption("50.00", 2, 4));
        assertThat(row("CHAT", PeriodType.DAILY, "2026-03-03")).isEqualTo(adoption("25.00", 1, 4));
        assertThat(row("CHAT", PeriodType.WEEKLY, "2026-03-02")).isEqualTo(adoption("25.00", 1, 4));
        assertThat(row("CHAT", PeriodType.MONTHLY, "2026-03-01")).isEqualTo(adoption("25.00", 1, 4));
    }

    @Test
    void shouldRecomputeEveryFeatureOfThePeriodWhenItsActiveUsersChange() {
        // Given screen share and chat by u-1 on 2026-03-03
        use("u-1", "SCREEN_SHARE", at("2026-03-03T09:00:00Z"));
        use("u-1", "CHAT", at("2026-03-03T09:05:00Z"));
        assertThat(row("CHAT", PeriodType.DAILY, "2026-03-03")).isEqualTo(adoption("100.00", 1, 1));
        // When two more users become active that day without using either feature
        attend("u-2", at("2026-03-03T14:00:00Z"));
        attend("u-3", at("2026-03-03T15:00:00Z"));
        // Then both features' rows are rewritten with the new denominator
        assertThat(row("SCREEN_SHARE", PeriodType.DAILY, "2026-03-03")).isEqualTo(adoption("33.33", 1, 3));
        assertThat(row("CHAT", PeriodType.DAILY, "2026-03-03")).isEqualTo(adoption("33.33", 1, 3));
    }

    @Test
    void shouldCountFailedUsesAndSplitAtTheWeekAndMonthBoundary() {
        // Given a failed use in the last second of Saturday 2026-02-28 and a use at the start of Monday 2026-03-02
        send(FeatureUsage.newBuilder(Events.feature("u-1", "WHITEBOARD", 30, at("2026-02-28T23:59:59Z")))
                .setSuccess(false)
                .build());
        use("u-2", "WHITEBOARD", at("2026-03-02T00:00:00Z"));
        // Then the failed use counts, in February and the week of 2026-02-23; the other in March and its week
        assertThat(row("WHITEBOARD", PeriodType.MONTHLY, "2026-02-01")).isEqualTo(adoption("100.00", 1, 1));
        assertThat(row("WHITEBOARD", PeriodType.WEEKLY, "2026-02-23")).isEqualTo(adoption("100.00", 1, 1));
        assertThat(row("WHITEBOARD", PeriodType.MONTHLY, "2026-03-01")).isEqualTo(adoption("100.00", 1, 1));
        assertThat(row("WHITEBOARD", PeriodType.WEEKLY, "2026-03-02")).isEqualTo(adoption("100.00", 1, 1));
    }

    @Test
    void shouldCountARetriedUseOnceAndALateUseNowhere() {
        // Given a use, its retry (same event_id), and stream time moved two days on by another user's use
        FeatureUsage first = Events.feature("u-1", "POLLING", 10, at("2026-03-03T09:00:00Z"));
        send(first);
        send(first);
        use("u-2", "CHAT", at("2026-03-05T12:00:00Z"));
        // When a use of 2026-03-03 arrives more than the grace period (24 h) behind stream time
        use("u-3", "POLLING", at("2026-03-04T11:00:00Z"));
        // Then polling on 2026-03-03 still has one user, and the late use went to the error stream
        assertThat(row("POLLING", PeriodType.DAILY, "2026-03-03")).isEqualTo(adoption("100.00", 1, 1));
        assertThat(row("POLLING", PeriodType.DAILY, "2026-03-04")).isNull();
        assertThat(driver.errors()).hasSize(1);
    }

    private void use(String user, String feature, Instant at) {
        send(Events.feature(user, feature, 60, at));
    }

    private void send(FeatureUsage usage) {
        driver.send(driver.topics().featureUsage, usage.getUserId(), usage);
    }

    private void attend(String user, Instant join) {
        Attendance attendance = Events.attendance("m-" + user, user, join);
        driver.send(driver.topics().attendance, attendance.getMeetingId(), attendance);
    }

    /** The figures of a row, without its lineage columns. */
    private record Adoption(BigDecimal rate, long users, long active) {}

    private Adoption row(String feature, PeriodType type, String start) {
        Map<FeatureAdoptionKey, FeatureAdoption> table =
                driver.table(driver.topics().output(FeatureAdoptionOutput.INSTANCE));
        FeatureAdoption row = table.get(new FeatureAdoptionKey(feature, type, LocalDate.parse(start)));
        return row == null ? null : new Adoption(row.getAdoptionRate(), row.getFeatureUsers(), row.getActiveUsers());
    }

    private static Adoption adoption(String rate, long users, long active) {
        return new Adoption(new BigDecimal(rate), users, active);
    }
}
