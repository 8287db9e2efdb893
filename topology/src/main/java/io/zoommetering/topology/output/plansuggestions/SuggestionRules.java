package io.zoommetering.topology.output.plansuggestions;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.topology.money.Fraction;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * SPEC 4's two rules over an account's three complete months, against the catalog as it stands
 * (docs/SEMANTICS.md, "Plan suggestions"). A plan's cost in a month is its monthly price plus, per meter, the usage
 * over its included quantity times the meter's unit price, in the reporting currency; its monthly cost over the
 * window is the mean of the three. "Higher" and "cheaper" compare monthly prices.
 */
final class SuggestionRules {

    /** Under-use is usage below this share of an included quantity. */
    private static final Fraction UNDER_USE_SHARE = Fraction.of(1).dividedBy(5);

    private final Map<String, BigDecimal> currencyRates;

    SuggestionRules(Map<String, BigDecimal> currencyRates) {
        this.currencyRates = currencyRates;
    }

    /** A suggestion without its load day (set by the ledger), or empty when no rule holds. */
    Optional<AccountMonth.Suggestion> suggest(Plan current, List<Plan> catalog, List<AccountMonth> window) {
        Fraction currentCost = monthlyCost(current, window);
        long overageMonths =
                window.stream().filter(month -> hasOverage(current, month)).count();
        if (overageMonths >= 2) {
            Optional<AccountMonth.Suggestion> higher = cheapest(
                            catalog, window, plan -> price(plan).compareTo(price(current)) > 0)
                    .filter(best -> monthlyCost(best, window).compareTo(currentCost) < 0)
                    .map(best -> suggestion(AccountMonth.Rule.REPEATED_OVERAGE, current, best, currentCost, window));
            if (higher.isPresent()) {
                return higher;
            }
        }
        if (window.stream().allMatch(month -> month.paying && underUses(current, month))) {
            return cheapest(
                            catalog,
                            window,
                            plan -> price(plan).compareTo(price(current)) < 0 && coversPeak(plan, window))
                    .filter(best -> monthlyCost(best, window).compareTo(currentCost) < 0)
                    .map(best -> suggestion(AccountMonth.Rule.UNDER_USE, current, best, currentCost, window));
        }
        return Optional.empty();
    }

    private AccountMonth.Suggestion suggestion(
            AccountMonth.Rule rule, Plan current, Plan best, Fraction currentCost, List<AccountMonth> window) {
        return new AccountMonth.Suggestion(
                rule,
                current.getPlanType().name(),
                best.getPlanType().name(),
                currentCost,
                monthlyCost(best, window),
                0);
    }

    /** The candidate with the lowest monthly cost; ties go to the lower price, then to the plan type's name. */
    private Optional<Plan> cheapest(List<Plan> catalog, List<AccountMonth> window, Predicate<Plan> candidate) {
        return catalog.stream()
                .filter(candidate)
                .min(Comparator.<Plan, Fraction>comparing(plan -> monthlyCost(plan, window))
                        .thenComparing(this::price)
                        .thenComparing(plan -> plan.getPlanType().name()));
    }

    /** The mean over the window of the plan's price plus overage at each month's usage. */
    Fraction monthlyCost(Plan plan, List<AccountMonth> window) {
        Fraction total = Fraction.ZERO;
        for (AccountMonth month : window) {
            total = total.plus(cost(plan, month));
        }
        return total.dividedBy(window.size());
    }

    private Fraction cost(Plan plan, AccountMonth month) {
        Fraction cost = price(plan);
        Fraction rate = rate(plan);
        for (Map.Entry<String, Fraction> meter : month.usage.entrySet()) {
            Fraction over =
                    meter.getValue().minus(included(plan, meter.getKey())).max(Fraction.ZERO);
            BigDecimal unitPrice = plan.getOverageUnitPrices().getOrDefault(meter.getKey(), BigDecimal.ZERO);
            cost = cost.plus(over.times(Fraction.of(unitPrice)).times(rate));
        }
        return cost;
    }

    private static boolean hasOverage(Plan plan, AccountMonth month) {
        return month.usage.entrySet().stream()
                .anyMatch(meter -> meter.getValue().compareTo(included(plan, meter.getKey())) > 0);
    }

    /** Under 20% of every quantity the plan includes (a meter it includes nothing of is not one). */
    private static boolean underUses(Plan plan, AccountMonth month) {
        return plan.getIncludedQuantities().entrySet().stream()
                .filter(meter -> meter.getValue() > 0)
                .allMatch(meter -> month.usageOf(meter.getKey())
                                .compareTo(Fraction.of(meter.getValue()).times(UNDER_USE_SHARE))
                        < 0);
    }

    /** The plan includes, of every meter, at least the most the account used of it in one month of the window. */
    private static boolean coversPeak(Plan plan, List<AccountMonth> window) {
        TreeSet<String> meters = new TreeSet<>();
        window.forEach(month -> meters.addAll(month.usage.keySet()));
        for (String meter : meters) {
            Fraction peak = Fraction.ZERO;
            for (AccountMonth month : window) {
                peak = peak.max(month.usageOf(meter));
            }
            if (peak.compareTo(included(plan, meter)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static Fraction included(Plan plan, String meter) {
        return Fraction.of(plan.getIncludedQuantities().getOrDefault(meter, 0L));
    }

    private Fraction price(Plan plan) {
        return Fraction.of(plan.getMonthlyPrice()).times(rate(plan));
    }

    private Fraction rate(Plan plan) {
        return Fraction.of(currencyRates.getOrDefault(plan.getCurrency(), BigDecimal.ONE));
    }
}
