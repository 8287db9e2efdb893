package io.zoommetering.topology.output.licenseutilizationfact;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.license;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.fact.LicenseUtilizationFact;
import io.zoommetering.avro.gold.fact.LicenseUtilizationFactKey;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.topics.Topic;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LicenseUtilizationFactTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 12, 31);

    private final GoldDriver driver = new GoldDriver();
    private final Topic<LicenseUtilizationFactKey, LicenseUtilizationFact> facts =
            driver.topics().output(LicenseUtilizationFactOutput.INSTANCE);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldRewriteTheRowAsTheLicenseIsAssignedAndReassigned() {
        // Given two named users
        profile("u-1", "Ann", at("2026-03-01T00:00:00Z"));
        profile("u-2", "Bob", at("2026-03-01T00:00:00Z"));
        // When l-1 is unassigned, then assigned to u-1, then reassigned to u-2 with a later end, then an older
        // state (assigned to u-1) arrives late
        send(null, END, at("2026-03-02T09:00:00Z"));
        send("u-1", END, at("2026-03-03T09:00:00Z"));
        send("u-2", LocalDate.of(2027, 6, 30), at("2026-03-04T09:00:00Z"));
        send("u-1", END, at("2026-03-03T12:00:00Z"));
        // Then the row was written from each newer state, with its assignee's name (none while unassigned)
        List<KeyValue<LicenseUtilizationFactKey, LicenseUtilizationFact>> rows = driver.records(facts);
        assertThat(rows).extracting(row -> row.value.getUserName()).containsExactly(null, "Ann", "Bob");
        assertThat(rows).extracting(row -> row.value.getEndDate()).containsExactly(END, END, LocalDate.of(2027, 6, 30));
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.key.getLicenseId()).isEqualTo("l-1");
            assertThat(row.value.getLicenseType()).isEqualTo("PRO_SEAT");
            assertThat(row.value.getStartDate()).isEqualTo(START);
        });
    }

    @Test
    void shouldNameTheAssigneeAsOfTheStatesEventTime() {
        // Given u-1's profile starts after the license state's event time
        profile("u-1", "Ann", at("2026-03-05T00:00:00Z"));
        // When l-1 is assigned to u-1 on the 3rd
        send("u-1", END, at("2026-03-03T09:00:00Z"));
        // Then its row has no name
        assertThat(driver.table(facts).get(new LicenseUtilizationFactKey("l-1")).getUserName())
                .isNull();
    }

    private void send(String assignee, LocalDate end, Instant at) {
        driver.send(
                driver.topics().licenses,
                "l-1",
                license("l-1", "PRO_SEAT", assignee, START, end, LicenseStatus.ACTIVE, at));
    }

    private void profile(String userId, String name, Instant at) {
        User profile = User.newBuilder(user(userId, PlanType.PRO, at))
                .setUserName(name)
                .build();
        driver.send(driver.topics().users, userId, profile);
    }
}
