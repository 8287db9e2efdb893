package io.zoommetering.topology.output.supportticketfact;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ticket;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.fact.SupportTicketFact;
import io.zoommetering.avro.gold.fact.SupportTicketFactKey;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.support.TicketType;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.topics.Topic;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupportTicketFactTest {

    private static final Instant OPENED = at("2026-03-02T23:30:00Z");

    private final GoldDriver driver = new GoldDriver();
    private final Topic<SupportTicketFactKey, SupportTicketFact> facts =
            driver.topics().output(SupportTicketFactOutput.INSTANCE);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldRewriteTheRowFromEachNewerStateWithTheNameAsOfItsEventTime() {
        // Given u-1 is Ann until 10:00 on the 3rd, then Anna
        profile("u-1", "Ann", at("2026-03-01T00:00:00Z"));
        profile("u-1", "Anna", at("2026-03-03T10:00:00Z"));
        // When the ticket opens on the 2nd, is reclassified and resolved at 12:00 on the 3rd, and an older
        // IN_PROGRESS state arrives late, and the resolution is re-sent
        driver.send(driver.topics().supportTickets, "t-1", state(TicketType.TECHNICAL, TicketStatus.OPEN, OPENED));
        SupportTicket resolved = state(TicketType.BILLING, TicketStatus.RESOLVED, at("2026-03-03T12:00:00Z"));
        driver.send(driver.topics().supportTickets, "t-1", resolved);
        driver.send(
                driver.topics().supportTickets,
                "t-1",
                state(TicketType.TECHNICAL, TicketStatus.IN_PROGRESS, at("2026-03-03T08:00:00Z")));
        driver.send(driver.topics().supportTickets, "t-1", resolved);
        // Then the row was written twice: as opened (Ann), and as resolved (Anna, the name at 12:00)
        List<KeyValue<SupportTicketFactKey, SupportTicketFact>> rows = driver.records(facts);
        assertThat(rows)
                .extracting(
                        row -> row.value.getUserName(),
                        row -> row.value.getTicketType(),
                        row -> row.value.getResolutionStatus())
                .containsExactly(tuple("Ann", "TECHNICAL", "OPEN"), tuple("Anna", "BILLING", "RESOLVED"));
        // and the open date is the day of open_time, in the reporting zone (UTC)
        assertThat(rows).allSatisfy(row -> assertThat(row.value.getOpenDate()).isEqualTo(LocalDate.of(2026, 3, 2)));
    }

    @Test
    void shouldLeaveTheNameNullWithoutAProfile() {
        // When a ticket of a user with no profile is opened
        driver.send(driver.topics().supportTickets, "t-9", ticket("t-9", "u-9", OPENED));
        // Then its row has no name
        assertThat(driver.table(facts).get(new SupportTicketFactKey("t-9")).getUserName())
                .isNull();
    }

    private static SupportTicket state(TicketType type, TicketStatus status, Instant eventTime) {
        return ticket("t-1", "u-1", type, status, OPENED, null, null, null, eventTime);
    }

    private void profile(String userId, String name, Instant at) {
        User profile = User.newBuilder(user(userId, PlanType.PRO, at))
                .setUserName(name)
                .build();
        driver.send(driver.topics().users, userId, profile);
    }
}
