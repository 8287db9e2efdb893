package io.zoommetering.topology.output.overagealerts;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.plan;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.OverageAlert;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.GoldDriver;
import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gold.overage-alerts: once per product, meter and month, when the overage first reaches the threshold. */
class OverageAlertsTest {

    private static final ProductMeterKey PRO_MINUTES_MARCH = new ProductMeterKey("PRO", "meeting_minutes", "2026-03");

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldAlertOnceWhenTheProductsOverageReachesItsThreshold() {
        // Given PRO includes 100 meeting minutes and alerts at 50 minutes of overage
        driver.send(
                driver.topics().plans,
                "PRO",
                plan(PlanType.PRO, "meeting_minutes", 100, "0.10", 50, at("2026-01-01T00:00:00Z")));
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-01T00:00:00Z")));

        // When u-1 hosts 120 minutes: 20 over, below the threshold
        meeting(ended("m-1", "u-1", at("2026-03-02T09:00:00Z"), 120));
        // Then no alert is written
        assertThat(driver.records(driver.topics().output(OverageAlertsOutput.INSTANCE)))
                .isEmpty();

        // When u-1 hosts 30 more minutes: exactly 50 over, the threshold
        meeting(ended("m-2", "u-1", at("2026-03-03T09:00:00Z"), 30));
        // Then exactly one alert is written, with the overage, threshold and accounts over
        List<KeyValue<ProductMeterKey, OverageAlert>> alerts =
                driver.records(driver.topics().output(OverageAlertsOutput.INSTANCE));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).key).isEqualTo(PRO_MINUTES_MARCH);
        assertThat(alerts.get(0).value.getOverage()).isEqualTo(new BigDecimal("50.00"));
        assertThat(alerts.get(0).value.getThreshold()).isEqualTo(50L);
        assertThat(alerts.get(0).value.getOverageAccounts()).isEqualTo(1L);

        // When the overage grows further to 70
        meeting(ended("m-3", "u-1", at("2026-03-04T09:00:00Z"), 20));
        // Then no second alert is written
        assertThat(driver.records(driver.topics().output(OverageAlertsOutput.INSTANCE)))
                .isEmpty();
    }

    @Test
    void shouldAlertOnTheOverageSummedOverTheProductsAccounts() {
        // Given PRO includes 100 meeting minutes and alerts at 50 minutes of overage
        driver.send(
                driver.topics().plans,
                "PRO",
                plan(PlanType.PRO, "meeting_minutes", 100, "0.10", 50, at("2026-01-01T00:00:00Z")));
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        driver.send(driver.topics().users, "u-2", user("u-2", PlanType.PRO, at("2026-03-01T00:00:00Z")));

        // When u-1 is 30 over
        meeting(ended("m-1", "u-1", at("2026-03-02T09:00:00Z"), 130));
        assertThat(driver.records(driver.topics().output(OverageAlertsOutput.INSTANCE)))
                .isEmpty();
        // and u-2 is 30 over too
        meeting(ended("m-2", "u-2", at("2026-03-03T09:00:00Z"), 130));

        // Then the product's overage of 60 from two accounts raises the alert
        List<KeyValue<ProductMeterKey, OverageAlert>> alerts =
                driver.records(driver.topics().output(OverageAlertsOutput.INSTANCE));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).key).isEqualTo(PRO_MINUTES_MARCH);
        assertThat(alerts.get(0).value.getOverage()).isEqualTo(new BigDecimal("60.00"));
        assertThat(alerts.get(0).value.getOverageAccounts()).isEqualTo(2L);
    }

    @Test
    void shouldNotRetractNorRepeatAnAlertWhenACorrectionLowersAndRaisesTheOverageAgain() {
        // Given PRO alerts at 50 minutes of overage over 100 included, and an alert raised at 60 over
        driver.send(
                driver.topics().plans,
                "PRO",
                plan(PlanType.PRO, "meeting_minutes", 100, "0.10", 50, at("2026-01-01T00:00:00Z")));
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        meeting(ended("m-1", "u-1", at("2026-03-02T09:00:00Z"), 160));
        assertThat(driver.records(driver.topics().output(OverageAlertsOutput.INSTANCE)))
                .hasSize(1);

        // When a correction makes the meeting 110 minutes (10 over), then another 150 minutes (50 over)
        meeting(ended("m-1", "u-1", at("2026-03-02T09:00:00Z"), 110, at("2026-03-02T20:00:00Z")));
        assertThat(driver.records(driver.topics().output(OverageAlertsOutput.INSTANCE)))
                .isEmpty();
        meeting(ended("m-1", "u-1", at("2026-03-02T09:00:00Z"), 150, at("2026-03-02T21:00:00Z")));

        // Then nothing is written: the alert stays (no tombstone) and is not raised again
        assertThat(driver.records(driver.topics().output(OverageAlertsOutput.INSTANCE)))
                .isEmpty();
    }

    private void meeting(Meeting state) {
        driver.send(driver.topics().meetings, state.getMeetingId(), state);
    }
}
