package io.zoommetering.topology.output.churn;

import static io.zoommetering.topology.Events.billing;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.Churn;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.topology.GoldDriver;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gold.churn (SPEC "Formula details: Churn"), with figures computed by hand. */
class ChurnTest {

    private final GoldDriver driver = new GoldDriver();
    /**
     * Billing events are sent a minute apart, in order, before the driver's processing time (one further in the
     * future than the clock skew is invalid); service periods may lie after it, as a prepaid period does.
     */
    private Instant clock = Instant.parse("2026-03-01T10:00:00Z");

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldChurnAnAccountPayingInMarchAndNotInApril() {
        // Given u-1 pays for March only and u-2 for March and April, under PRO
        bill("u-1", BillingEventType.SUBSCRIPTION_FEE, PlanType.PRO, "30.00", "2026-03-01", "2026-03-31");
        bill("u-2", BillingEventType.SUBSCRIPTION_FEE, PlanType.PRO, "60.00", "2026-03-01", "2026-04-30");
        Map<PlanMonthKey, Churn> table = table();
        // Then April lost one of March's two payers: 50.00 %, and clv = arpu 30.00 x 2 / 1 = 60.00
        assertChurn(table, "PRO", "2026-04", 2, 1, "50.00", "60.00");
        assertChurn(table, "ALL", "2026-04", 2, 1, "50.00", "60.00");
        // and May lost April's only payer, with no account paying in May: no clv
        assertChurn(table, "PRO", "2026-05", 1, 1, "100.00", null);
        // and March, whose previous month has no payer, and June, whose previous month has none, have no row
        assertThat(table)
                .doesNotContainKeys(
                        new PlanMonthKey("PRO", "2026-03"),
                        new PlanMonthKey("ALL", "2026-03"),
                        new PlanMonthKey("PRO", "2026-06"));
        assertThat(table).hasSize(4);
    }

    @Test
    void shouldChurnAnAccountMovingFromBasicToProFromBasicButNotFromAll() {
        // Given u-1 pays for March under BASIC, then upgrades and pays for April under PRO
        bill("u-1", BillingEventType.SUBSCRIPTION_FEE, PlanType.BASIC, "15.00", "2026-03-01", "2026-03-31");
        bill("u-1", BillingEventType.UPGRADE, PlanType.PRO, "30.00", "2026-04-01", "2026-04-30");
        Map<PlanMonthKey, Churn> table = table();
        // Then BASIC lost it in April (no BASIC account pays in April: no clv)
        assertChurn(table, "BASIC", "2026-04", 1, 1, "100.00", null);
        // and overall it still pays in April: no churn, no clv
        assertChurn(table, "ALL", "2026-04", 1, 0, "0.00", null);
        // and PRO had no payer in March, so its first row is May's
        assertThat(table).doesNotContainKey(new PlanMonthKey("PRO", "2026-04"));
        assertChurn(table, "PRO", "2026-05", 1, 1, "100.00", null);
    }

    @Test
    void shouldChurnWhenARefundCancelsAMonthAndWithdrawTheChurnWhenALaterFeeRestoresIt() {
        // Given u-1 and u-2 pay for March and April under PRO
        bill("u-1", BillingEventType.SUBSCRIPTION_FEE, PlanType.PRO, "60.00", "2026-03-01", "2026-04-30");
        bill("u-2", BillingEventType.SUBSCRIPTION_FEE, PlanType.PRO, "60.00", "2026-03-01", "2026-04-30");
        assertChurn(table(), "PRO", "2026-04", 2, 0, "0.00", null);

        // When u-1's April is refunded: its April net share is zero, so it does not pay in April
        bill("u-1", BillingEventType.REFUND, PlanType.PRO, "30.00", "2026-04-01", "2026-04-30");
        Map<PlanMonthKey, Churn> refunded = table();
        // Then it churns in April: clv = arpu 30.00 x 2 / 1 = 60.00; and only u-2 paid in April for May
        assertChurn(refunded, "PRO", "2026-04", 2, 1, "50.00", "60.00");
        assertChurn(refunded, "ALL", "2026-04", 2, 1, "50.00", "60.00");
        assertChurn(refunded, "PRO", "2026-05", 1, 1, "100.00", null);

        // When a later renewal pays u-1's April again
        bill("u-1", BillingEventType.SUBSCRIPTION_RENEWAL, PlanType.PRO, "45.00", "2026-04-01", "2026-04-30");
        Map<PlanMonthKey, Churn> restored = table();
        // Then the churn is withdrawn, and both April payers count for May
        assertChurn(restored, "PRO", "2026-04", 2, 0, "0.00", null);
        assertChurn(restored, "PRO", "2026-05", 2, 2, "100.00", null);
    }

    @Test
    void shouldKeepClvExactAndRoundItOnlyWhenWritten() {
        // Given three accounts paying for March
        for (String user : new String[] {"u-1", "u-2", "u-3"}) {
            bill(user, BillingEventType.SUBSCRIPTION_FEE, PlanType.PRO, "20.00", "2026-03-01", "2026-03-31");
        }
        // and in April u-1 pays a third of 100.00 (April..June) and u-2 pays 10.00; u-3 pays nothing
        bill("u-1", BillingEventType.SUBSCRIPTION_RENEWAL, PlanType.PRO, "100.00", "2026-04-01", "2026-06-30");
        bill("u-2", BillingEventType.SUBSCRIPTION_RENEWAL, PlanType.PRO, "10.00", "2026-04-01", "2026-04-30");
        // Then April's arpu is (100/3 + 10) / 2 = 65/3 and clv = 65/3 x 3 / 1 = 65.00 exactly
        // (the rounded arpu 21.67 would give 65.01), churn_rate = 100 / 3 = 33.33
        assertChurn(table(), "PRO", "2026-04", 3, 1, "33.33", "65.00");
    }

    @Test
    void shouldCompareJanuaryWithTheDecemberBeforeIt() {
        // Given u-1 pays for December 2025 only and u-2 for December 2025 and January 2026
        bill("u-1", BillingEventType.SUBSCRIPTION_FEE, PlanType.BUSINESS, "40.00", "2025-12-01", "2025-12-31");
        bill("u-2", BillingEventType.SUBSCRIPTION_FEE, PlanType.BUSINESS, "80.00", "2025-12-01", "2026-01-31");
        Map<PlanMonthKey, Churn> table = table();
        // Then January 2026 lost one of December's two payers: clv = arpu 40.00 x 2 / 1 = 80.00
        assertChurn(table, "BUSINESS", "2026-01", 2, 1, "50.00", "80.00");
        assertChurn(table, "ALL", "2026-01", 2, 1, "50.00", "80.00");
        assertChurn(table, "BUSINESS", "2026-02", 1, 1, "100.00", null);
        assertThat(table).doesNotContainKey(new PlanMonthKey("BUSINESS", "2025-12"));
    }

    private void bill(
            String user, BillingEventType type, PlanType plan, String amount, String periodStart, String periodEnd) {
        clock = clock.plusSeconds(60);
        driver.send(
                driver.topics().billingEvents,
                user,
                billing(user, type, plan, amount, clock, LocalDate.parse(periodStart), LocalDate.parse(periodEnd)));
    }

    private Map<PlanMonthKey, Churn> table() {
        return driver.table(driver.topics().output(ChurnOutput.INSTANCE));
    }

    private static void assertChurn(
            Map<PlanMonthKey, Churn> table,
            String plan,
            String month,
            long previous,
            long churned,
            String rate,
            String clv) {
        Churn row = table.get(new PlanMonthKey(plan, month));
        assertThat(row).as("churn %s %s", plan, month).isNotNull();
        assertThat(row.getAccountsPreviousMonth())
                .as("accounts_previous_month %s %s", plan, month)
                .isEqualTo(previous);
        assertThat(row.getChurnedAccounts())
                .as("churned_accounts %s %s", plan, month)
                .isEqualTo(churned);
        assertThat(row.getChurnRate()).as("churn_rate %s %s", plan, month).isEqualTo(new BigDecimal(rate));
        if (clv == null) {
            assertThat(row.getClv()).as("clv %s %s", plan, month).isNull();
        } else {
            assertThat(row.getClv()).as("clv %s %s", plan, month).isEqualTo(new BigDecimal(clv));
        }
    }
}
