package io.zoommetering.topology.output.churn;

import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.topology.reference.Fraction;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.RecurringRevenue;
import io.zoommetering.topology.reference.ReferenceInput;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * gold.churn the slow, obvious way: from every account's net recurring share per plan (and ALL) and month, the set
 * of accounts paying (share above zero) in each; then for every month with a payer, the following month's row
 * compares the two sets, and clv uses the following month's exact MRR and payers.
 */
public final class ChurnReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.churn";
    }

    @Override
    public Map<PlanMonthKey, Map<String, Object>> table(ReferenceInput input) {
        Map<PlanMonthKey, Map<String, Fraction>> shares = RecurringRevenue.netShares(input);
        Map<PlanMonthKey, Set<String>> paying = new LinkedHashMap<>();
        shares.forEach((key, byAccount) -> {
            Set<String> payers = new TreeSet<>();
            byAccount.forEach((account, net) -> {
                if (net.signum() > 0) {
                    payers.add(account);
                }
            });
            paying.put(key, payers);
        });
        Map<PlanMonthKey, Map<String, Object>> table = new LinkedHashMap<>();
        paying.forEach((previousKey, previousPayers) -> {
            if (previousPayers.isEmpty()) {
                return;
            }
            String month = YearMonth.parse(previousKey.getActivityMonth())
                    .plusMonths(1)
                    .toString();
            PlanMonthKey key = new PlanMonthKey(previousKey.getPlanType(), month);
            Set<String> payers = paying.getOrDefault(key, Set.of());
            long previous = previousPayers.size();
            long churned = previousPayers.stream()
                    .filter(account -> !payers.contains(account))
                    .count();
            Fraction mrr = shares.getOrDefault(key, Map.of()).values().stream().reduce(Fraction.ZERO, Fraction::plus);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("churn_rate", Fraction.of(100 * churned).dividedBy(previous).toScale2());
            row.put("accounts_previous_month", previous);
            row.put("churned_accounts", churned);
            row.put(
                    "clv",
                    churned == 0 || payers.isEmpty()
                            ? null
                            : mrr.dividedBy(payers.size())
                                    .times(Fraction.of(previous))
                                    .dividedBy(churned)
                                    .toScale2());
            table.put(key, row);
        });
        return table;
    }
}
