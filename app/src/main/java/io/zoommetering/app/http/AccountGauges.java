package io.zoommetering.app.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.zoommetering.avro.gold.ChurnRisk;
import io.zoommetering.avro.gold.ChurnRiskKey;
import io.zoommetering.avro.gold.ChurnRiskReason;
import io.zoommetering.avro.gold.PlanSuggestion;
import io.zoommetering.avro.gold.PlanSuggestionKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * The accounts an account executive looks at first, as gauges: the highest churn-risk scores with the signals that
 * hold ({@code zoom_metering_kpi_churn_risk_score{user_id, reasons}}, reasons as "INACTIVE,CRITICAL_TICKET"; the
 * evidence is on gold.churn-risk and in the query API) and the largest monthly savings a plan suggestion offers
 * ({@code zoom_metering_kpi_plan_suggestion_saving{user_id, rule, current_plan, suggested_plan}}, the account's
 * newest suggestion). The top {@value TopAccounts#SHOWN} of this instance's accounts each.
 */
final class AccountGauges {

    private final TopAccounts churnRisk;
    private final TopAccounts planSuggestions;
    /** Each account's newest suggestion month: an older month's row, restated, does not replace it. */
    private final Map<String, String> suggestionMonth = new ConcurrentHashMap<>();

    AccountGauges(MeterRegistry registry, String application) {
        this.churnRisk = new TopAccounts(
                registry,
                "zoom.metering.kpi.churn.risk.score",
                "Churn-risk score (0-100) of the highest-scored accounts, with the signals that hold",
                application);
        this.planSuggestions = new TopAccounts(
                registry,
                "zoom.metering.kpi.plan.suggestion.saving",
                "Monthly saving of the plan suggested to an account, the largest savings",
                application);
    }

    void churnRisk(SpecificRecord key, SpecificRecord value) {
        String userId = ((ChurnRiskKey) key).getUserId();
        ChurnRisk risk = (ChurnRisk) value;
        if (risk == null || risk.getScore() == 0) {
            churnRisk.update(userId, null);
            return;
        }
        String reasons =
                risk.getReasons().stream().map(ChurnRiskReason::getSignal).collect(Collectors.joining(","));
        churnRisk.update(userId, new TopAccounts.Entry(userId, risk.getScore(), Tags.of("reasons", reasons)));
    }

    void planSuggestion(SpecificRecord key, SpecificRecord value) {
        PlanSuggestionKey suggestionKey = (PlanSuggestionKey) key;
        String userId = suggestionKey.getUserId();
        String month = suggestionKey.getActivityMonth();
        String newest = suggestionMonth.merge(userId, month, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        if (!newest.equals(month)) {
            return;
        }
        PlanSuggestion suggestion = (PlanSuggestion) value;
        if (suggestion == null) {
            planSuggestions.update(userId, null);
            return;
        }
        planSuggestions.update(
                userId,
                new TopAccounts.Entry(
                        userId,
                        suggestion.getMonthlySaving().doubleValue(),
                        Tags.of(
                                "rule", suggestion.getRule(),
                                "current_plan", suggestion.getCurrentPlan(),
                                "suggested_plan", suggestion.getSuggestedPlan(),
                                "activity_month", month)));
    }
}
