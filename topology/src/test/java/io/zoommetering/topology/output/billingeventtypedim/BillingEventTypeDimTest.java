package io.zoommetering.topology.output.billingeventtypedim;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.oneOff;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.dim.BillingEventTypeDim;
import io.zoommetering.avro.gold.dim.BillingEventTypeDimKey;
import io.zoommetering.topology.GoldDriver;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BillingEventTypeDimTest {

    private static final Instant AT = at("2026-03-03T09:00:00Z");

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldWriteEachBillingEventTypeOnce() {
        // Given add-on purchases of two accounts, a refund, and a duplicate of the refund
        send(oneOff("u-1", BillingEventType.ADD_ON_PURCHASE, PlanType.PRO, "10.00", AT));
        send(oneOff("u-2", BillingEventType.ADD_ON_PURCHASE, PlanType.PRO, "12.00", AT));
        BillingEvent refund = oneOff("u-1", BillingEventType.REFUND, PlanType.PRO, "10.00", AT.plusSeconds(60));
        send(refund);
        send(refund);
        // Then each type is written once
        List<KeyValue<BillingEventTypeDimKey, BillingEventTypeDim>> rows = rows();
        assertThat(rows).extracting(row -> row.key.getEventType()).containsExactly("ADD_ON_PURCHASE", "REFUND");
        assertThat(rows).allSatisfy(row -> assertThat(row.value.getEventType()).isEqualTo(row.key.getEventType()));
    }

    private void send(BillingEvent event) {
        driver.send(driver.topics().billingEvents, event.getUserId(), event);
    }

    private List<KeyValue<BillingEventTypeDimKey, BillingEventTypeDim>> rows() {
        return driver.records(driver.topics().output(BillingEventTypeDimOutput.INSTANCE));
    }
}
