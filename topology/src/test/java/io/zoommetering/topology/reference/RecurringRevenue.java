package io.zoommetering.topology.reference;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.gold.PlanMonthKey;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/** gold.mrr: SPEC "Recurring revenue", with exact shares rounded only when written. */
public final class RecurringRevenue {

    static final String ALL = "ALL";

    private RecurringRevenue() {}

    /**
     * The number of months a service period is spread over: the whole months from its start to the day after its
     * end, plus one when the days left over are at least half the length of the month that follows them, at least 1.
     * "The month that follows" is the month starting on the day the whole months end (docs/SEMANTICS.md), so when
     * the start is clamped to a shorter month (Jan 31 + 1 month = Feb 28) it runs Feb 28 to Mar 28.
     */
    static long months(LocalDate start, LocalDate endInclusive) {
        LocalDate endExclusive = endInclusive.plusDays(1);
        long whole = ChronoUnit.MONTHS.between(start, endExclusive);
        LocalDate wholeEnd = start.plusMonths(whole);
        long leftOver = ChronoUnit.DAYS.between(wholeEnd, endExclusive);
        long followingMonth = ChronoUnit.DAYS.between(wholeEnd, wholeEnd.plusMonths(1));
        long months = 2 * leftOver >= followingMonth ? whole + 1 : whole;
        return Math.max(1, months);
    }

    /** The gold.mrr table: per plan and ALL, per month with at least one recurring share. */
    static Map<PlanMonthKey, Map<String, Object>> table(List<BillingEvent> billingEvents, CurrencyRates rates) {
        // month -> plan -> account -> exact net share
        Map<YearMonth, Map<String, Map<String, Fraction>>> shares = new TreeMap<>();
        for (BillingEvent event : billingEvents) {
            if (!isRecurring(event)) {
                continue;
            }
            long n = months(event.getServicePeriodStart(), event.getServicePeriodEnd());
            Fraction share = rates.inReportingCurrency(event.getAmount(), event.getCurrency())
                    .dividedBy(n);
            if (subtracts(event.getEventType())) {
                share = share.negate();
            }
            YearMonth first = YearMonth.from(event.getServicePeriodStart());
            for (long i = 0; i < n; i++) {
                shares.computeIfAbsent(first.plusMonths(i), month -> new TreeMap<>())
                        .computeIfAbsent(event.getPlanType().name(), plan -> new TreeMap<>())
                        .merge(event.getUserId(), share, Fraction::plus);
            }
        }
        Map<PlanMonthKey, Map<String, Object>> table = new LinkedHashMap<>();
        shares.forEach((month, byPlan) -> {
            Map<String, Fraction> allPlans = new HashMap<>();
            byPlan.forEach((plan, byAccount) -> {
                table.put(new PlanMonthKey(plan, month.toString()), row(byAccount));
                byAccount.forEach((account, net) -> allPlans.merge(account, net, Fraction::plus));
            });
            table.put(new PlanMonthKey(ALL, month.toString()), row(allPlans));
        });
        return table;
    }

    /**
     * For references of outputs built on "paying" (gold.churn): each account's exact net recurring share, per plan
     * and ALL (keyed like gold.mrr) and month, over the accepted billing events.
     */
    public static Map<PlanMonthKey, Map<String, Fraction>> netShares(ReferenceInput input) {
        CurrencyRates rates = new CurrencyRates(input.currencyRates());
        Map<PlanMonthKey, Map<String, Fraction>> shares = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (!(record instanceof BillingEvent event) || !isRecurring(event)) {
                continue;
            }
            long n = months(event.getServicePeriodStart(), event.getServicePeriodEnd());
            Fraction share = rates.inReportingCurrency(event.getAmount(), event.getCurrency())
                    .dividedBy(n);
            if (subtracts(event.getEventType())) {
                share = share.negate();
            }
            YearMonth first = YearMonth.from(event.getServicePeriodStart());
            for (long i = 0; i < n; i++) {
                String month = first.plusMonths(i).toString();
                for (String scope : List.of(event.getPlanType().name(), ALL)) {
                    shares.computeIfAbsent(new PlanMonthKey(scope, month), key -> new TreeMap<>())
                            .merge(event.getUserId(), share, Fraction::plus);
                }
            }
        }
        return shares;
    }

    /** Fees, renewals, upgrades, downgrades and refunds with a service period; add-ons are revenue, not recurring. */
    private static boolean isRecurring(BillingEvent event) {
        return event.getServicePeriodStart() != null && event.getEventType() != BillingEventType.ADD_ON_PURCHASE;
    }

    static boolean subtracts(BillingEventType type) {
        return type == BillingEventType.REFUND || type == BillingEventType.DOWNGRADE;
    }

    private static Map<String, Object> row(Map<String, Fraction> netByAccount) {
        Fraction mrr = Fraction.ZERO;
        long paying = 0;
        for (Fraction net : netByAccount.values()) {
            mrr = mrr.plus(net);
            if (net.signum() > 0) {
                paying++;
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("monthly_recurring_revenue", mrr.toScale2());
        row.put("paying_accounts", paying);
        row.put("arpu", paying == 0 ? null : mrr.dividedBy(paying).toScale2());
        return row;
    }
}
