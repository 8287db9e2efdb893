package io.zoommetering.topology.output.mrr;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.billing;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.Mrr;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.topology.GoldDriver;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gold.mrr (SPEC "Recurring revenue"). */
class MrrTest {

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldSpreadAThreeMonthServicePeriodEquallyUnderThePlanAndAll() {
        // Given a 90.00 fee for the service period 2026-01-01..2026-03-31
        bill(billing(
                "u-1",
                BillingEventType.SUBSCRIPTION_FEE,
                PlanType.PRO,
                "90.00",
                at("2026-03-01T10:00:00Z"),
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-03-31")));
        // When MRR is read
        Map<PlanMonthKey, Mrr> table = driver.table(driver.topics().output(MrrOutput.INSTANCE));
        // Then 30.00 lands in each of the three months, under PRO and ALL, from one paying account
        for (String month : new String[] {"2026-01", "2026-02", "2026-03"}) {
            assertMrr(table, "PRO", month, "30.00", 1, "30.00");
            assertMrr(table, "ALL", month, "30.00", 1, "30.00");
        }
        assertThat(table).hasSize(6);
    }

    @Test
    void shouldKeepSharesExactAndRoundOnlyWhenWritten() {
        // Given 100.00 over three months for u-1
        bill(billing(
                "u-1",
                BillingEventType.SUBSCRIPTION_FEE,
                PlanType.PRO,
                "100.00",
                at("2026-03-01T10:00:00Z"),
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-03-31")));
        // Then each month shows the exact third rounded: 33.33
        assertMrr(driver.table(driver.topics().output(MrrOutput.INSTANCE)), "PRO", "2026-02", "33.33", 1, "33.33");

        // When u-2 pays 200.00 and u-3 pays 100.00 over the same months under BUSINESS
        bill(billing(
                "u-2",
                BillingEventType.SUBSCRIPTION_FEE,
                PlanType.PRO,
                "200.00",
                at("2026-03-01T11:00:00Z"),
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-03-31")));
        bill(billing(
                "u-3",
                BillingEventType.SUBSCRIPTION_FEE,
                PlanType.BUSINESS,
                "100.00",
                at("2026-03-01T12:00:00Z"),
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-03-31")));
        Map<PlanMonthKey, Mrr> table = driver.table(driver.topics().output(MrrOutput.INSTANCE));

        // Then PRO's thirds sum exactly: 100/3 + 200/3 = 100.00, ARPU 50.00
        assertMrr(table, "PRO", "2026-01", "100.00", 2, "50.00");
        // and ALL is 400/3 = 133.33 from three paying accounts, ARPU 400/9 = 44.44
        assertMrr(table, "ALL", "2026-01", "133.33", 3, "44.44");
        assertMrr(table, "BUSINESS", "2026-03", "33.33", 1, "33.33");
    }

    @Test
    void shouldSumTwoExactThirdsBeforeRounding() {
        // Given two accounts each paying 100.00 over three months
        bill(billing(
                "u-1",
                BillingEventType.SUBSCRIPTION_FEE,
                PlanType.PRO,
                "100.00",
                at("2026-03-01T10:00:00Z"),
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-03-31")));
        bill(billing(
                "u-2",
                BillingEventType.SUBSCRIPTION_RENEWAL,
                PlanType.PRO,
                "100.00",
                at("2026-03-01T11:00:00Z"),
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-03-31")));
        // Then each month holds 200/3 = 66.67 (rounding each share first would give 33.33 + 33.33 = 66.66)
        Map<PlanMonthKey, Mrr> table = driver.table(driver.topics().output(MrrOutput.INSTANCE));
        assertMrr(table, "PRO", "2026-01", "66.67", 2, "33.33");
        assertMrr(table, "ALL", "2026-03", "66.67", 2, "33.33");
    }

    @Test
    void shouldRoundTheNumberOfMonthsUpWhenTheDaysLeftOverAreAtLeastHalfTheFollowingMonth() {
        // Given 2026-01-01..2026-02-20: one whole month plus 20 days of February (28 days): 20 >= 14, so n = 2
        bill(billing(
                "u-1",
                BillingEventType.SUBSCRIPTION_FEE,
                PlanType.PRO,
                "60.00",
                at("2026-03-01T10:00:00Z"),
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-02-20")));
        // and 2026-01-01..2026-02-10 for another account: 10 days < 14, so n = 1
        bill(billing(
                "u-2",
                BillingEventType.SUBSCRIPTION_FEE,
                PlanType.BASIC,
                "60.00",
                at("2026-03-01T11:00:00Z"),
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-02-10")));
        Map<PlanMonthKey, Mrr> table = driver.table(driver.topics().output(MrrOutput.INSTANCE));
        // Then PRO has 30.00 in January and February and nothing in March
        assertMrr(table, "PRO", "2026-01", "30.00", 1, "30.00");
        assertMrr(table, "PRO", "2026-02", "30.00", 1, "30.00");
        assertThat(table).doesNotContainKey(new PlanMonthKey("PRO", "2026-03"));
        // and BASIC has all 60.00 in January, nothing in February
        assertMrr(table, "BASIC", "2026-01", "60.00", 1, "60.00");
        assertThat(table).doesNotContainKey(new PlanMonthKey("BASIC", "2026-02"));
        assertMrr(table, "ALL", "2026-02", "30.00", 1, "30.00");
    }

    @Test
    void shouldMakeAnAccountNonPayingWhenARefundCancelsItsShare() {
        // Given two accounts paying 30.00 for February under PRO
        bill(billing(
                "u-1",
                BillingEventType.SUBSCRIPTION_FEE,
                PlanType.PRO,
                "30.00",
                at("2026-03-01T10:00:00Z"),
                LocalDate.parse("2026-02-01"),
                LocalDate.parse("2026-02-28")));
        bill(billing(
                "u-2",
                BillingEventType.SUBSCRIPTION_FEE,
                PlanType.PRO,
                "30.00",
                at("2026-03-01T11:00:00Z"),
                LocalDate.parse("2026-02-01"),
                LocalDate.parse("2026-02-28")));
        assertMrr(driver.table(driver.topics().output(MrrOutput.INSTANCE)), "PRO", "2026-02", "60.00", 2, "30.00");

        // When u-1 is refunded the whole February fee
        bill(billing(
                "u-1",
                BillingEventType.REFUND,
                PlanType.PRO,
                "30.00",
                at("2026-03-02T10:00:00Z"),
                LocalDate.parse("2026-02-01"),
                LocalDate.parse("2026-02-28")));
        // Then only u-2 pays
        assertMrr(driver.table(driver.topics().output(MrrOutput.INSTANCE)), "PRO", "2026-02", "30.00", 1, "30.00");

        // When u-2 is refunded too
        bill(billing(
                "u-2",
                BillingEventType.REFUND,
                PlanType.PRO,
                "30.00",
                at("2026-03-02T11:00:00Z"),
                LocalDate.parse("2026-02-01"),
                LocalDate.parse("2026-02-28")));
        // Then the month has no recurring revenue, no paying account and no ARPU
        Map<PlanMonthKey, Mrr> table = driver.table(driver.topics().output(MrrOutput.INSTANCE));
        assertMrr(table, "PRO", "2026-02", "0.00", 0, null);
        assertMrr(table, "ALL", "2026-02", "0.00", 0, null);
    }

    @Test
    void shouldSubtractADowngradeCreditFromItsOwnPlanAndFromTheAccountsOverallShare() {
        // Given u-1 pays 30.00 for February under PRO and gets a 10.00 downgrade credit for February under BUSINESS
        bill(billing(
                "u-1",
                BillingEventType.SUBSCRIPTION_FEE,
                PlanType.PRO,
                "30.00",
                at("2026-03-01T10:00:00Z"),
                LocalDate.parse("2026-02-01"),
                LocalDate.parse("2026-02-28")));
        bill(billing(
                "u-1",
                BillingEventType.DOWNGRADE,
                PlanType.BUSINESS,
                "10.00",
                at("2026-03-01T11:00:00Z"),
                LocalDate.parse("2026-02-01"),
                LocalDate.parse("2026-02-28")));
        Map<PlanMonthKey, Mrr> table = driver.table(driver.topics().output(MrrOutput.INSTANCE));
        // Then PRO has 30.00 from one paying account, BUSINESS -10.00 and no paying account
        assertMrr(table, "PRO", "2026-02", "30.00", 1, "30.00");
        assertMrr(table, "BUSINESS", "2026-02", "-10.00", 0, null);
        // and overall the account pays 20.00
        assertMrr(table, "ALL", "2026-02", "20.00", 1, "20.00");
    }

    private void bill(BillingEvent event) {
        driver.send(driver.topics().billingEvents, event.getUserId(), event);
    }

    private static void assertMrr(
            Map<PlanMonthKey, Mrr> table, String plan, String month, String mrr, long paying, String arpu) {
        Mrr row = table.get(new PlanMonthKey(plan, month));
        assertThat(row).as("mrr %s %s", plan, month).isNotNull();
        assertThat(row.getMonthlyRecurringRevenue())
                .as("mrr %s %s", plan, month)
                .isEqualTo(new BigDecimal(mrr));
        assertThat(row.getPayingAccounts())
                .as("paying_accounts %s %s", plan, month)
                .isEqualTo(paying);
        if (arpu == null) {
            assertThat(row.getArpu()).as("arpu %s %s", plan, month).isNull();
        } else {
            assertThat(row.getArpu()).as("arpu %s %s", plan, month).isEqualTo(new BigDecimal(arpu));
        }
    }
}
