package io.zoommetering.topology.output.plansuggestions;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.PlanSuggestionKey;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.reference.Fraction;
import io.zoommetering.topology.reference.MeteredUsage;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ProfileHistory;
import io.zoommetering.topology.reference.RecurringRevenue;
import io.zoommetering.topology.reference.ReferenceInput;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.plan-suggestions the obvious way, from the final state of everything: for every account and every month
 * closed by the stream time (the greatest accepted event_time, past the month's end plus the grace period), the
 * three months ending there, the account's plan as of that month's last instant over all its profiles, the final
 * usage per month over all plans, paying as gold.mrr's net share over ALL, and the final catalog; each plan's cost
 * computed month by month. The topology resolves the plan when the window first closes and reads the catalog when it
 * evaluates: the generated sets send the catalog first and each profile before the month it starts in closes, so
 * the two agree there (docs/SEMANTICS.md, "Plan suggestions").
 */
public final class PlanSuggestionsReference implements OutputReference {

    private static final List<String> METERS = List.of("meeting_minutes", "webinar_registrants", "recording_minutes");

    @Override
    public String topic() {
        return "gold.plan-suggestions";
    }

    @Override
    public Map<PlanSuggestionKey, Map<String, Object>> table(ReferenceInput input) {
        ProfileHistory profiles = new ProfileHistory();
        Map<String, Plan> catalog = new TreeMap<>();
        Instant streamTime = null;
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof User user) {
                profiles.add(user);
            } else if (record instanceof Plan plan) {
                catalog.put(plan.getPlanType().name(), plan);
            }
            Instant eventTime = (Instant) ((GenericRecord) record).get("event_time");
            if (streamTime == null || eventTime.isAfter(streamTime)) {
                streamTime = eventTime;
            }
        }
        Map<PlanSuggestionKey, Map<String, Object>> table = new LinkedHashMap<>();
        if (streamTime == null) {
            return table;
        }
        Map<String, Map<YearMonth, Map<String, Fraction>>> usage = new TreeMap<>();
        for (MeteredUsage.Item item : MeteredUsage.of(input)) {
            usage.computeIfAbsent(item.account(), account -> new TreeMap<>())
                    .computeIfAbsent(YearMonth.from(item.at().atZone(input.zone())), month -> new TreeMap<>())
                    .merge(item.meter(), item.units(), Fraction::plus);
        }
        Map<PlanMonthKey, Map<String, Fraction>> shares = RecurringRevenue.netShares(input);
        Set<String> accounts = new TreeSet<>(usage.keySet());
        TreeSet<YearMonth> months = new TreeSet<>();
        usage.values().forEach(byMonth -> months.addAll(byMonth.keySet()));
        shares.forEach((key, byAccount) -> {
            if (key.getPlanType().equals("ALL")) {
                accounts.addAll(byAccount.keySet());
                months.add(YearMonth.parse(key.getActivityMonth()));
            }
        });
        YearMonth closed = YearMonth.from(streamTime.minus(input.grace()).atZone(input.zone()))
                .minusMonths(1);
        if (months.isEmpty()) {
            return table;
        }
        for (String account : accounts) {
            for (YearMonth end = months.first(); !end.isAfter(closed); end = end.plusMonths(1)) {
                Instant lastInstant = end.plusMonths(1)
                        .atDay(1)
                        .atStartOfDay(input.zone())
                        .toInstant()
                        .minusMillis(1);
                Plan current = catalog.get(profiles.planOf(account, lastInstant));
                if (current == null) {
                    continue;
                }
                List<Map<String, Fraction>> window = new ArrayList<>();
                List<Boolean> paying = new ArrayList<>();
                for (int back = 2; back >= 0; back--) {
                    YearMonth month = end.minusMonths(back);
                    window.add(usage.getOrDefault(account, Map.of()).getOrDefault(month, Map.of()));
                    Fraction net = shares.getOrDefault(new PlanMonthKey("ALL", month.toString()), Map.of())
                            .getOrDefault(account, Fraction.ZERO);
                    paying.add(net.signum() > 0);
                }
                Map<String, Object> row = suggestion(current, catalog.values(), window, paying, input);
                if (row != null) {
                    table.put(new PlanSuggestionKey(account, end.toString()), row);
                }
            }
        }
        return table;
    }

    private static Map<String, Object> suggestion(
            Plan current,
            Iterable<Plan> catalog,
            List<Map<String, Fraction>> window,
            List<Boolean> paying,
            ReferenceInput input) {
        Fraction currentCost = monthlyCost(current, window, input);
        int overageMonths = 0;
        for (Map<String, Fraction> month : window) {
            boolean over = false;
            for (String meter : METERS) {
                if (used(month, meter).compareTo(included(current, meter)) > 0) {
                    over = true;
                }
            }
            overageMonths += over ? 1 : 0;
        }
        if (overageMonths >= 2) {
            Plan best = null;
            for (Plan plan : catalog) {
                if (price(plan, input).compareTo(price(current, input)) > 0 && better(plan, best, window, input)) {
                    best = plan;
                }
            }
            if (best != null && monthlyCost(best, window, input).compareTo(currentCost) < 0) {
                return row("REPEATED_OVERAGE", current, best, currentCost, window, input);
            }
        }
        boolean underUse = !paying.contains(false);
        for (Map<String, Fraction> month : window) {
            for (Map.Entry<String, Long> included :
                    current.getIncludedQuantities().entrySet()) {
                Fraction fifth = Fraction.of(included.getValue()).dividedBy(5);
                if (included.getValue() > 0 && used(month, included.getKey()).compareTo(fifth) >= 0) {
                    underUse = false;
                }
            }
        }
        if (!underUse) {
            return null;
        }
        Plan best = null;
        for (Plan plan : catalog) {
            boolean covers = true;
            for (String meter : METERS) {
                for (Map<String, Fraction> month : window) {
                    if (used(month, meter).compareTo(included(plan, meter)) > 0) {
                        covers = false;
                    }
                }
            }
            if (covers
                    && price(plan, input).compareTo(price(current, input)) < 0
                    && better(plan, best, window, input)) {
                best = plan;
            }
        }
        if (best != null && monthlyCost(best, window, input).compareTo(currentCost) < 0) {
            return row("UNDER_USE", current, best, currentCost, window, input);
        }
        return null;
    }

    /** Lower monthly cost, then lower price, then the plan type's name. */
    private static boolean better(Plan plan, Plan best, List<Map<String, Fraction>> window, ReferenceInput input) {
        if (best == null) {
            return true;
        }
        int byCost = monthlyCost(plan, window, input).compareTo(monthlyCost(best, window, input));
        if (byCost != 0) {
            return byCost < 0;
        }
        int byPrice = price(plan, input).compareTo(price(best, input));
        if (byPrice != 0) {
            return byPrice < 0;
        }
        return plan.getPlanType().name().compareTo(best.getPlanType().name()) < 0;
    }

    private static Map<String, Object> row(
            String rule,
            Plan current,
            Plan best,
            Fraction currentCost,
            List<Map<String, Fraction>> window,
            ReferenceInput input) {
        Fraction suggestedCost = monthlyCost(best, window, input);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rule", rule);
        row.put("current_plan", current.getPlanType().name());
        row.put("suggested_plan", best.getPlanType().name());
        row.put("current_monthly_cost", currentCost.toScale2());
        row.put("suggested_monthly_cost", suggestedCost.toScale2());
        row.put("monthly_saving", currentCost.minus(suggestedCost).toScale2());
        return row;
    }

    /** (price + overage of month 1 + price + overage of month 2 + price + overage of month 3) / 3. */
    private static Fraction monthlyCost(Plan plan, List<Map<String, Fraction>> window, ReferenceInput input) {
        Fraction rate = rate(plan, input);
        Fraction total = Fraction.ZERO;
        for (Map<String, Fraction> month : window) {
            total = total.plus(price(plan, input));
            for (String meter : METERS) {
                Fraction over = used(month, meter).minus(included(plan, meter));
                if (over.signum() > 0) {
                    BigDecimal unitPrice = plan.getOverageUnitPrices().getOrDefault(meter, BigDecimal.ZERO);
                    total = total.plus(over.times(Fraction.of(unitPrice)).times(rate));
                }
            }
        }
        return total.dividedBy(window.size());
    }

    private static Fraction used(Map<String, Fraction> month, String meter) {
        return month.getOrDefault(meter, Fraction.ZERO);
    }

    private static Fraction included(Plan plan, String meter) {
        return Fraction.of(plan.getIncludedQuantities().getOrDefault(meter, 0L));
    }

    private static Fraction price(Plan plan, ReferenceInput input) {
        return Fraction.of(plan.getMonthlyPrice()).times(rate(plan, input));
    }

    private static Fraction rate(Plan plan, ReferenceInput input) {
        return Fraction.of(input.currencyRates().getOrDefault(plan.getCurrency(), BigDecimal.ONE));
    }
}
