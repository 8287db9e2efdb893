package io.zoommetering.topology.output.tickettypedim;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.gold.dim.TicketTypeDim;
import io.zoommetering.avro.gold.dim.TicketTypeDimKey;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.support.TicketType;
import io.zoommetering.topology.GoldDriver;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TicketTypeDimTest {

    private static final Instant OPENED = at("2026-03-03T09:00:00Z");

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldWriteEachTicketTypeOnceHoweverManyTicketsHaveIt() {
        // Given three TECHNICAL tickets of two users and a BILLING one
        send(state("t-1", "u-1", TicketType.TECHNICAL, OPENED));
        send(state("t-2", "u-2", TicketType.TECHNICAL, OPENED));
        send(state("t-3", "u-1", TicketType.TECHNICAL, OPENED.plusSeconds(60)));
        send(state("t-4", "u-1", TicketType.BILLING, OPENED));
        // Then each type is written once, dated by the processing day
        List<KeyValue<TicketTypeDimKey, TicketTypeDim>> rows = rows();
        assertThat(rows).extracting(row -> row.key.getTicketType()).containsExactly("TECHNICAL", "BILLING");
        LocalDate today = LocalDate.ofInstant(GoldDriver.START, ZoneOffset.UTC);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.value.getTicketType()).isEqualTo(row.key.getTicketType());
            assertThat(row.value.getLoadDate()).isEqualTo(today);
            assertThat(row.value.getUpdateDate()).isEqualTo(today);
            assertThat(row.value.getSourceSystem()).isEqualTo("zoom-metering");
        });
    }

    @Test
    void shouldHoldEveryTypeSeenInAnAcceptedStateOlderStatesIncluded() {
        // Given a ticket reclassified by a newer state, then an older state of it with a third type arriving late
        send(state("t-1", "u-1", TicketType.TECHNICAL, OPENED));
        send(state("t-1", "u-1", TicketType.FEATURE_REQUEST, OPENED.plusSeconds(3600)));
        send(state("t-1", "u-1", TicketType.GENERAL_INQUIRY, OPENED.plusSeconds(60)));
        // Then every type of an accepted state is in the dimension, once
        assertThat(rows())
                .extracting(row -> row.key.getTicketType())
                .containsExactly("TECHNICAL", "FEATURE_REQUEST", "GENERAL_INQUIRY");
    }

    private static SupportTicket state(String ticketId, String userId, TicketType type, Instant at) {
        return ticket(ticketId, userId, type, TicketStatus.OPEN, OPENED, null, null, null, at);
    }

    private void send(SupportTicket ticket) {
        driver.send(driver.topics().supportTickets, ticket.getTicketId(), ticket);
    }

    private List<KeyValue<TicketTypeDimKey, TicketTypeDim>> rows() {
        return driver.records(driver.topics().output(TicketTypeDimOutput.INSTANCE));
    }
}
