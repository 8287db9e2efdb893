package io.zoommetering.topology.output.billingfact;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.oneOff;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.fact.BillingFact;
import io.zoommetering.avro.gold.fact.BillingFactKey;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.topics.Topic;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BillingFactTest {

    private final GoldDriver driver =
            new GoldDriver(Map.of(MeteringConfig.CURRENCY_RATES, "USD:1,EUR:1.1"), GoldDriver.START);
    private final Topic<BillingFactKey, BillingFact> facts = driver.topics().output(BillingFactOutput.INSTANCE);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldWriteEachBillingEventOnceWithTheNameAsOfItsEventTime() {
        // Given u-1 is Ann from the 2nd, renamed Anna on the 4th
        profile("u-1", "Ann", at("2026-03-02T00:00:00Z"));
        profile("u-1", "Anna", at("2026-03-04T00:00:00Z"));
        // When a fee before any profile, a refund on the 3rd and an add-on in EUR on the 5th are billed, and the
        // refund is re-sent
        BillingEvent fee =
                oneOff("u-1", BillingEventType.SUBSCRIPTION_FEE, PlanType.PRO, "20.00", at("2026-03-01T10:00:00Z"));
        BillingEvent refund = oneOff("u-1", BillingEventType.REFUND, PlanType.PRO, "5.00", at("2026-03-03T10:00:00Z"));
        BillingEvent addOn = BillingEvent.newBuilder(oneOff(
                        "u-1", BillingEventType.ADD_ON_PURCHASE, PlanType.PRO, "10.15", at("2026-03-05T23:59:00Z")))
                .setCurrency("EUR")
                .build();
        for (BillingEvent event : List.of(fee, refund, addOn, refund)) {
            driver.send(driver.topics().billingEvents, "u-1", event);
        }
        // Then one row per event: the name as of each event_time, the refund's amount unsigned, the EUR amount at
        // 1.1 rounded half-even to cents (11.165 → 11.16)
        List<KeyValue<BillingFactKey, BillingFact>> rows = driver.records(facts);
        assertThat(rows)
                .extracting(row -> row.key.getEventId())
                .containsExactly(fee.getEventId(), refund.getEventId(), addOn.getEventId());
        assertThat(rows).extracting(row -> row.value.getUserName()).containsExactly(null, "Ann", "Anna");
        assertThat(rows)
                .extracting(row -> row.value.getEventType())
                .containsExactly("SUBSCRIPTION_FEE", "REFUND", "ADD_ON_PURCHASE");
        assertThat(rows)
                .extracting(row -> row.value.getAmount())
                .containsExactly(new BigDecimal("20.00"), new BigDecimal("5.00"), new BigDecimal("11.16"));
        assertThat(rows)
                .extracting(row -> row.value.getEventDate())
                .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 5));
    }

    private void profile(String userId, String name, Instant at) {
        User profile = User.newBuilder(user(userId, PlanType.PRO, at))
                .setUserName(name)
                .build();
        driver.send(driver.topics().users, userId, profile);
    }
}
