package io.zoommetering.topology.output.plansuggestions;

import io.zoommetering.topology.money.Fraction;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the suggestions keep of one account in one month: its exact usage per meter over all its plans, whether it
 * was paying (net recurring share over ALL above zero, as gold.mrr), the plan it had when the month closed (null
 * until a window ending in this month was first evaluated) and the suggestion last written for that window.
 */
final class AccountMonth {

    final Map<String, Fraction> usage;
    boolean paying;
    String planAtClose;
    Suggestion written;

    AccountMonth(Map<String, Fraction> usage, boolean paying, String planAtClose, Suggestion written) {
        this.usage = usage;
        this.paying = paying;
        this.planAtClose = planAtClose;
        this.written = written;
    }

    static AccountMonth empty() {
        return new AccountMonth(new TreeMap<>(), false, null, null);
    }

    Fraction usageOf(String meter) {
        return usage.getOrDefault(meter, Fraction.ZERO);
    }

    void add(String meter, Fraction delta) {
        usage.merge(meter, delta, Fraction::plus);
    }

    /** A suggestion as written, exact, with the epoch day its row was first written. */
    record Suggestion(
            Rule rule,
            String currentPlan,
            String suggestedPlan,
            Fraction currentCost,
            Fraction suggestedCost,
            long loadDay) {

        boolean sameAs(Suggestion other) {
            return other != null
                    && rule == other.rule
                    && currentPlan.equals(other.currentPlan)
                    && suggestedPlan.equals(other.suggestedPlan)
                    && currentCost.equals(other.currentCost)
                    && suggestedCost.equals(other.suggestedCost);
        }
    }

    /** Why a plan is suggested (SPEC 4). */
    enum Rule {
        /** Overage in at least 2 of the 3 months, and a higher plan would have cost less. */
        REPEATED_OVERAGE,
        /** Paying, under 20% of every included quantity each month, and a cheaper plan covers the peak. */
        UNDER_USE
    }
}
