package io.zoommetering.topology.output.revenue;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.billing;
import static io.zoommetering.topology.Events.oneOff;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.Revenue;
import io.zoommetering.avro.gold.RevenueKey;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.output.mrr.MrrOutput;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gold.revenue: by event time, under the billing event's own plan. */
class RevenueTest {

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldSumRevenueByTheBillingEventsOwnPlanAndPeriodWithRefundsAndDowngradesSubtracting() {
        // Given an account whose profile says BASIC, billed under PRO and BUSINESS
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.BASIC, at("2026-03-01T00:00:00Z")));
        bill(oneOff("u-1", BillingEventType.SUBSCRIPTION_FEE, PlanType.PRO, "100.00", at("2026-03-03T10:00:00Z")));
        bill(oneOff("u-1", BillingEventType.ADD_ON_PURCHASE, PlanType.PRO, "20.50", at("2026-03-04T10:00:00Z")));
        bill(oneOff("u-1", BillingEventType.REFUND, PlanType.PRO, "30.25", at("2026-03-05T10:00:00Z")));
        bill(oneOff("u-1", BillingEventType.DOWNGRADE, PlanType.BUSINESS, "10.00", at("2026-03-05T11:00:00Z")));
        bill(oneOff("u-1", BillingEventType.UPGRADE, PlanType.BUSINESS, "50.00", at("2026-03-09T10:00:00Z")));

        // When the revenue is read
        Map<RevenueKey, Revenue> table = driver.table(driver.topics().output(RevenueOutput.INSTANCE));

        // Then each day, ISO week and month holds Σ amount (REFUND and DOWNGRADE subtracting) and the event count
        assertRevenue(table, "PRO", PeriodType.DAILY, "2026-03-03", "100.00", 1);
        assertRevenue(table, "PRO", PeriodType.DAILY, "2026-03-04", "20.50", 1);
        assertRevenue(table, "PRO", PeriodType.DAILY, "2026-03-05", "-30.25", 1);
        assertRevenue(table, "PRO", PeriodType.WEEKLY, "2026-03-02", "90.25", 3);
        assertRevenue(table, "PRO", PeriodType.MONTHLY, "2026-03-01", "90.25", 3);
        assertRevenue(table, "BUSINESS", PeriodType.DAILY, "2026-03-05", "-10.00", 1);
        assertRevenue(table, "BUSINESS", PeriodType.DAILY, "2026-03-09", "50.00", 1);
        assertRevenue(table, "BUSINESS", PeriodType.WEEKLY, "2026-03-02", "-10.00", 1);
        assertRevenue(table, "BUSINESS", PeriodType.WEEKLY, "2026-03-09", "50.00", 1);
        assertRevenue(table, "BUSINESS", PeriodType.MONTHLY, "2026-03-01", "40.00", 2);
        // and nothing counts under the profile's plan
        assertThat(table.keySet()).noneMatch(key -> key.getPlanType().equals("BASIC"));
        assertThat(table).hasSize(10);
    }

    @Test
    void shouldCountAddOnsAndChargesWithoutServicePeriodAsRevenueButNotRecurring() {
        // Given an add-on with a service period and a fee without one
        bill(billing(
                "u-1",
                BillingEventType.ADD_ON_PURCHASE,
                PlanType.PRO,
                "15.00",
                at("2026-03-03T10:00:00Z"),
                LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-31")));
        bill(oneOff("u-1", BillingEventType.SUBSCRIPTION_FEE, PlanType.PRO, "25.00", at("2026-03-03T11:00:00Z")));
        // Then both are revenue
        assertRevenue(
                driver.table(driver.topics().output(RevenueOutput.INSTANCE)),
                "PRO",
                PeriodType.DAILY,
                "2026-03-03",
                "40.00",
                2);
        // but neither is recurring: there is no MRR row at all
        assertThat(driver.table(driver.topics().output(MrrOutput.INSTANCE))).isEmpty();
    }

    private void bill(BillingEvent event) {
        driver.send(driver.topics().billingEvents, event.getUserId(), event);
    }

    private static void assertRevenue(
            Map<RevenueKey, Revenue> table, String plan, PeriodType type, String date, String revenue, long events) {
        Revenue row = table.get(new RevenueKey(plan, type, LocalDate.parse(date)));
        assertThat(row).as("revenue %s %s %s", plan, type, date).isNotNull();
        assertThat(row.getRevenue()).as("revenue %s %s %s", plan, type, date).isEqualTo(new BigDecimal(revenue));
        assertThat(row.getEventCount())
                .as("event_count %s %s %s", plan, type, date)
                .isEqualTo(events);
    }
}
