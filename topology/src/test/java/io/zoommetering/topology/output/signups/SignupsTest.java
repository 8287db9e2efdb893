package io.zoommetering.topology.output.signups;

import static io.zoommetering.topology.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.Signups;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.Events;
import io.zoommetering.topology.GoldDriver;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignupsTest {

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldCountANewUserInTheDayWeekAndMonthOfItsRegistration() {
        // Given two users registered on Wednesday 2026-03-04 and one on Monday 2026-03-09
        send(profile("u-1", "2026-03-04", at("2026-03-05T10:00:00Z")));
        send(profile("u-2", "2026-03-04", at("2026-03-05T11:00:00Z")));
        send(profile("u-3", "2026-03-09", at("2026-03-09T12:00:00Z")));
        // Then the day has two, each ISO week its own, and the month all three
        assertThat(newUsers(PeriodType.DAILY, "2026-03-04")).isEqualTo(2);
        assertThat(newUsers(PeriodType.WEEKLY, "2026-03-02")).isEqualTo(2);
        assertThat(newUsers(PeriodType.WEEKLY, "2026-03-09")).isEqualTo(1);
        assertThat(newUsers(PeriodType.MONTHLY, "2026-03-01")).isEqualTo(3);
    }

    @Test
    void shouldCountAUserOnceHoweverManyProfileStatesItHas() {
        // Given a user whose profile is re-sent and then changes plan, the registration date unchanged
        send(profile("u-1", "2026-03-04", at("2026-03-05T10:00:00Z")));
        send(User.newBuilder(profile("u-1", "2026-03-04", at("2026-03-06T10:00:00Z")))
                .setPlanType(PlanType.BUSINESS)
                .build());
        // Then it counts once
        assertThat(newUsers(PeriodType.DAILY, "2026-03-04")).isEqualTo(1);
        assertThat(newUsers(PeriodType.MONTHLY, "2026-03-01")).isEqualTo(1);
    }

    @Test
    void shouldMoveAUserWhoseLatestStateCorrectsTheRegistrationDate() {
        // Given a user registered on 2026-02-27, then corrected to 2026-03-02 by a newer state
        send(profile("u-1", "2026-02-27", at("2026-03-05T10:00:00Z")));
        send(profile("u-1", "2026-03-02", at("2026-03-06T10:00:00Z")));
        // Then it counts in March only, and February's rows are gone (tombstoned)
        Map<PeriodKey, Signups> table = table();
        assertThat(table)
                .doesNotContainKeys(
                        new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-02-27")),
                        new PeriodKey(PeriodType.MONTHLY, LocalDate.parse("2026-02-01")));
        assertThat(newUsers(PeriodType.DAILY, "2026-03-02")).isEqualTo(1);
        assertThat(newUsers(PeriodType.MONTHLY, "2026-03-01")).isEqualTo(1);
        // and the ISO week holding both days still counts the user once
        assertThat(newUsers(PeriodType.WEEKLY, "2026-02-23")).isZero();
        assertThat(newUsers(PeriodType.WEEKLY, "2026-03-02")).isEqualTo(1);
    }

    @Test
    void shouldIgnoreAnOlderProfileStateArrivingLater() {
        // Given a user's state of 2026-03-06 and then, late, its older state of 2026-03-05 with another date
        send(profile("u-1", "2026-03-04", at("2026-03-06T10:00:00Z")));
        send(profile("u-1", "2026-01-15", at("2026-03-05T10:00:00Z")));
        // Then the latest state by event time decides
        assertThat(newUsers(PeriodType.DAILY, "2026-03-04")).isEqualTo(1);
        assertThat(table()).doesNotContainKey(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-01-15")));
    }

    private User profile(String userId, String registered, Instant eventTime) {
        return User.newBuilder(Events.user(userId, PlanType.PRO, eventTime))
                .setRegistrationDate(LocalDate.parse(registered))
                .build();
    }

    private void send(User profile) {
        driver.send(driver.topics().users, profile.getUserId(), profile);
    }

    private Map<PeriodKey, Signups> table() {
        return driver.table(driver.topics().output(SignupsOutput.INSTANCE));
    }

    private long newUsers(PeriodType type, String start) {
        Signups row = table().get(new PeriodKey(type, LocalDate.parse(start)));
        return row == null ? 0 : row.getNewUsers();
    }
}
