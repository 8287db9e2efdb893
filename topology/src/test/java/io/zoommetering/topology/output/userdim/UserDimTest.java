package io.zoommetering.topology.output.userdim;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.dim.UserDim;
import io.zoommetering.avro.gold.dim.UserDimKey;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.UserStatus;
import io.zoommetering.topology.Events;
import io.zoommetering.topology.GoldDriver;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UserDimTest {

    private static final Instant T1 = at("2026-03-02T09:00:00Z");
    private static final Instant T2 = at("2026-03-04T09:00:00Z");
    private static final Instant T3 = at("2026-03-06T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(GoldDriver.START, ZoneOffset.UTC);

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldOpenTheFirstVersionAtTheFirstProfilesEventTime() {
        // Given one profile
        send(user("u-1", PlanType.PRO, T1));
        // Then one current row starts at its event time, with the profile's attributes and today's lineage
        List<KeyValue<UserDimKey, UserDim>> rows = rows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).key).isEqualTo(new UserDimKey("u-1", T1));
        UserDim row = rows.get(0).value;
        assertThat(row.getUserId()).isEqualTo("u-1");
        assertThat(row.getUserName()).isEqualTo("Name u-1");
        assertThat(row.getEmail()).isEqualTo("u-1@example.com");
        assertThat(row.getCompany()).isEqualTo("Acme");
        assertThat(row.getPlanType()).isEqualTo("PRO");
        assertThat(row.getUserStatus()).isEqualTo("ACTIVE");
        assertThat(row.getLocation()).isEqualTo("EU");
        assertThat(row.getValidFrom()).isEqualTo(T1);
        assertThat(row.getValidTo()).isNull();
        assertThat(row.getIsCurrent()).isTrue();
        assertThat(row.getLoadDate()).isEqualTo(TODAY);
        assertThat(row.getUpdateDate()).isEqualTo(TODAY);
        assertThat(row.getSourceSystem()).isEqualTo("zoom-metering");
    }

    @Test
    void shouldCloseTheCurrentRowAndOpenOneOnATrackedChange() {
        // Given a profile, then a newer one on another plan
        send(user("u-1", PlanType.PRO, T1));
        rows();
        send(user("u-1", PlanType.BUSINESS, T2));
        // Then the first row is written again, closed at the change, and a current row opens there
        List<KeyValue<UserDimKey, UserDim>> rows = rows();
        assertThat(rows).extracting(row -> row.key).containsExactly(key(T1), key(T2));
        UserDim closed = rows.get(0).value;
        assertThat(closed.getPlanType()).isEqualTo("PRO");
        assertThat(closed.getValidTo()).isEqualTo(T2);
        assertThat(closed.getIsCurrent()).isFalse();
        assertThat(closed.getLoadDate()).isEqualTo(TODAY);
        assertThat(closed.getUpdateDate()).isEqualTo(TODAY);
        UserDim opened = rows.get(1).value;
        assertThat(opened.getPlanType()).isEqualTo("BUSINESS");
        assertThat(opened.getValidFrom()).isEqualTo(T2);
        assertThat(opened.getValidTo()).isNull();
        assertThat(opened.getIsCurrent()).isTrue();
    }

    @Test
    void shouldVersionEachOfTheSixTrackedAttributes() {
        // Given a profile, then six newer ones, each changing one more tracked attribute
        User profile = user("u-1", PlanType.PRO, T1);
        send(profile);
        List<User> changes = List.of(
                User.newBuilder(profile).setUserName("Renamed").build(),
                User.newBuilder(profile).setEmail("new@example.com").build(),
                User.newBuilder(profile).setCompany("Globex").build(),
                User.newBuilder(profile).setPlanType(PlanType.ENTERPRISE).build(),
                User.newBuilder(profile).setUserStatus(UserStatus.SUSPENDED).build(),
                User.newBuilder(profile).setLocation("APAC").build());
        for (int i = 0; i < changes.size(); i++) {
            send(User.newBuilder(changes.get(i))
                    .setEventId(Events.newId())
                    .setEventTime(T1.plusSeconds(60L * (i + 1)))
                    .build());
        }
        // Then every change opens a version: seven keys, one of them current
        List<KeyValue<UserDimKey, UserDim>> rows = rows();
        assertThat(rows.stream().map(row -> row.key).distinct()).hasSize(7);
        assertThat(latest(rows).stream().filter(UserDim::getIsCurrent))
                .singleElement()
                .satisfies(row -> assertThat(row.getLocation()).isEqualTo("APAC"));
    }

    @Test
    void shouldWriteNothingForAnIdenticalReSend() {
        // Given a profile and the same profile re-sent later (a new event id, the same attributes)
        User profile = user("u-1", PlanType.PRO, T1);
        send(profile);
        rows();
        send(User.newBuilder(profile)
                .setEventId(Events.newId())
                .setEventTime(T2)
                .build());
        // Then nothing is written
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldWriteNothingForAChangeOfAnUntrackedFieldOnly() {
        // Given a profile and a newer one that only changes the registration date
        User profile = user("u-1", PlanType.PRO, T1);
        send(profile);
        rows();
        send(User.newBuilder(profile)
                .setEventId(Events.newId())
                .setEventTime(T2)
                .setRegistrationDate(LocalDate.of(2024, 6, 1))
                .build());
        // Then nothing is written
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldWriteNothingForAnOlderStateArrivingLate() {
        // Given versions at T1 and T3, then a state at T2 (older than the current version) with other attributes
        send(user("u-1", PlanType.PRO, T1));
        send(user("u-1", PlanType.BUSINESS, T3));
        rows();
        send(user("u-1", PlanType.BASIC, T2));
        // Then nothing is written: an older state changes nothing, even between two versions
        assertThat(rows()).isEmpty();
        // nor does one older than the first version
        send(user("u-1", PlanType.BASIC, T1.minusSeconds(3600)));
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldKeepEveryVersionOfTwoChangesInOneCommitInterval() {
        // Given three versions sent back to back, before anything is read or committed
        send(user("u-1", PlanType.PRO, T1));
        send(user("u-1", PlanType.BUSINESS, T2));
        send(user("u-1", PlanType.ENTERPRISE, T3));
        // Then the sink holds the three versions, each closed where the next opens
        List<UserDim> table = latest(rows());
        assertThat(table)
                .extracting(UserDim::getPlanType, UserDim::getValidFrom, UserDim::getValidTo, UserDim::getIsCurrent)
                .containsExactly(
                        tuple("PRO", T1, T2, false),
                        tuple("BUSINESS", T2, T3, false),
                        tuple("ENTERPRISE", T3, null, true));
    }

    @Test
    void shouldReplaceTheCurrentVersionInPlaceOnATieWithOtherAttributes() {
        // Given a profile and another state with the same event time on another plan, processed after it
        send(user("u-1", PlanType.PRO, T1));
        rows();
        send(user("u-1", PlanType.BUSINESS, T1));
        // Then the later processed state is the version starting at T1: its key written again, still current
        List<KeyValue<UserDimKey, UserDim>> rows = rows();
        assertThat(rows).extracting(row -> row.key).containsExactly(key(T1));
        assertThat(rows.get(0).value.getPlanType()).isEqualTo("BUSINESS");
        assertThat(rows.get(0).value.getIsCurrent()).isTrue();
        assertThat(rows.get(0).value.getValidTo()).isNull();
    }

    @Test
    void shouldKeepUsersApart() {
        // Given two users with a profile each
        send(user("u-1", PlanType.PRO, T1));
        send(user("u-2", PlanType.PRO, T1));
        // Then each has its own first version
        assertThat(rows())
                .extracting(row -> row.key)
                .containsExactly(new UserDimKey("u-1", T1), new UserDimKey("u-2", T1));
    }

    private void send(User profile) {
        driver.send(driver.topics().users, profile.getUserId(), profile);
    }

    private List<KeyValue<UserDimKey, UserDim>> rows() {
        return driver.records(driver.topics().output(UserDimOutput.INSTANCE));
    }

    /** The latest row per key, in the order keys were first written: what a sink holds. */
    private static List<UserDim> latest(List<KeyValue<UserDimKey, UserDim>> rows) {
        Map<UserDimKey, UserDim> table = new LinkedHashMap<>();
        rows.forEach(row -> table.put(row.key, row.value));
        return List.copyOf(table.values());
    }

    private static UserDimKey key(Instant validFrom) {
        return new UserDimKey("u-1", validFrom);
    }
}
