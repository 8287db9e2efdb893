package io.zoommetering.topology.output.meetingusagefact;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.started;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.fact.MeetingUsageFact;
import io.zoommetering.avro.gold.fact.MeetingUsageFactKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.topics.Topic;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeetingUsageFactTest {

    private static final Instant NINE = at("2026-03-03T09:00:00Z");

    private final GoldDriver driver = new GoldDriver();
    private final Topic<MeetingUsageFactKey, MeetingUsageFact> facts =
            driver.topics().output(MeetingUsageFactOutput.INSTANCE);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldNameTheHostAsOfTheStatesEventTime() {
        // Given u-1 named Ann from 08:00, renamed Anna at 10:00 (the rename processed before the meeting)
        profile("u-1", "Ann", at("2026-03-03T08:00:00Z"));
        profile("u-1", "Anna", at("2026-03-03T10:00:00Z"));
        // When u-1 hosts m-1 from 09:00 to 09:30, and m-2 at 11:00
        driver.send(driver.topics().meetings, "m-1", ended("m-1", "u-1", NINE, 30));
        driver.send(driver.topics().meetings, "m-2", started("m-2", "u-1", at("2026-03-03T11:00:00Z")));
        // Then m-1's row names the profile as of 09:30, Ann, however the profile was renamed later; m-2's is Anna
        MeetingUsageFact m1 = row("m-1");
        assertThat(m1.getUserName()).isEqualTo("Ann");
        assertThat(m1.getMeetingTopic()).isEqualTo("Topic m-1");
        assertThat(m1.getStartTime()).isEqualTo(NINE);
        assertThat(m1.getEndTime()).isEqualTo(at("2026-03-03T09:30:00Z"));
        assertThat(m1.getDurationMinutes()).isEqualTo(30);
        assertThat(m1.getLoadDate()).isEqualTo(LocalDate.ofInstant(GoldDriver.START, ZoneOffset.UTC));
        assertThat(m1.getUpdateDate()).isEqualTo(m1.getLoadDate());
        assertThat(m1.getSourceSystem()).isEqualTo("zoom-metering");
        assertThat(row("m-2").getUserName()).isEqualTo("Anna");
        assertThat(row("m-2").getEndTime()).isNull();
        assertThat(row("m-2").getDurationMinutes()).isNull();
    }

    @Test
    void shouldLeaveTheNameNullWithoutAProfileAsOfTheEventTime() {
        // Given u-1's only profile starts after the meeting
        profile("u-1", "Ann", at("2026-03-03T12:00:00Z"));
        // When u-1 hosts a meeting at 09:00, and u-9 (no profile at all) another
        driver.send(driver.topics().meetings, "m-1", started("m-1", "u-1", NINE));
        driver.send(driver.topics().meetings, "m-9", started("m-9", "u-9", NINE));
        // Then neither row has a name
        assertThat(row("m-1").getUserName()).isNull();
        assertThat(row("m-9").getUserName()).isNull();
    }

    @Test
    void shouldRewriteTheRowOfACorrectedMeetingAndIgnoreOlderStatesAndDuplicates() {
        // Given m-1 started, then ended after 42 minutes
        driver.send(driver.topics().meetings, "m-1", started("m-1", "u-1", NINE));
        Meeting ended = ended("m-1", "u-1", NINE, 42);
        driver.send(driver.topics().meetings, "m-1", ended);
        // When a correction to 45 minutes follows, then the old STARTED state arrives again late (a new event_id),
        // then the correction is re-sent (the same event_id)
        Meeting corrected = ended("m-1", "u-1", NINE, 45, at("2026-03-03T12:00:00Z"));
        driver.send(driver.topics().meetings, "m-1", corrected);
        driver.send(driver.topics().meetings, "m-1", started("m-1", "u-1", NINE, NINE));
        driver.send(driver.topics().meetings, "m-1", corrected);
        // Then the row was written three times (started, ended, corrected), last with the correction
        assertThat(driver.records(facts))
                .extracting(record -> record.value.getDurationMinutes())
                .containsExactly(null, 42, 45);
    }

    @Test
    void shouldWriteTheRowOfAMeetingThatMovedToAnotherHostFromTheNewHost() {
        // Given two named hosts, and m-1 hosted by u-1
        profile("u-1", "Ann", at("2026-03-03T08:00:00Z"));
        profile("u-2", "Bob", at("2026-03-03T08:00:00Z"));
        driver.send(driver.topics().meetings, "m-1", started("m-1", "u-1", NINE));
        // When a newer state names u-2 as host, then one names u-1 again
        driver.send(driver.topics().meetings, "m-1", ended("m-1", "u-2", NINE, 20));
        driver.send(driver.topics().meetings, "m-1", ended("m-1", "u-1", NINE, 20, at("2026-03-03T11:00:00Z")));
        // Then each move rewrote the row, with the new host's name: the old host's task keeps nothing back
        assertThat(driver.records(facts))
                .extracting(record -> record.value.getUserName())
                .containsExactly("Ann", "Bob", "Ann");
    }

    private void profile(String userId, String name, Instant at) {
        User profile = User.newBuilder(user(userId, PlanType.PRO, at))
                .setUserName(name)
                .build();
        driver.send(driver.topics().users, userId, profile);
    }

    private MeetingUsageFact row(String meetingId) {
        return driver.table(facts).get(new MeetingUsageFactKey(meetingId));
    }
}
