package io.zoommetering.topology.output.churn;

import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.account.StoreKeys;
import io.zoommetering.topology.money.Fraction;
import java.time.YearMonth;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Previous-month payers and churned accounts per plan (and ALL) and month, from the paying transitions of the
 * recurring shares. Whether an account churns in a month depends on the month before it, so each account's paying
 * months are kept here: a transition in month M changes M's churn (against M - 1) and M + 1's payers and churn.
 */
final class ChurnLedger implements Ledger {

    private final KeyValueStore<String, Boolean> payingMonths;
    private final PartialAggregates partials;

    ChurnLedger(LedgerContext context) {
        this.payingMonths = context.store(ChurnOutput.PAYING_MONTHS);
        this.partials = context.partials();
    }

    @Override
    public void recurringShare(
            String account, String scope, YearMonth month, Fraction share, boolean wasPaying, boolean isPaying) {
        if (wasPaying == isPaying) {
            return;
        }
        String key = StoreKeys.of(account, scope, month.toString());
        if (isPaying) {
            payingMonths.put(key, Boolean.TRUE);
        } else {
            payingMonths.delete(key);
        }
        int delta = isPaying ? 1 : -1;
        YearMonth next = month.plusMonths(1);
        PlanMonthKey nextKey = new PlanMonthKey(scope, next.toString());
        partials.addCount(ChurnOutput.INSTANCE, nextKey, ChurnOutput.PREVIOUS_PAYERS, delta);
        if (!paying(account, scope, next)) {
            // churned(M + 1) = paying(M) && !paying(M + 1)
            partials.addCount(ChurnOutput.INSTANCE, nextKey, ChurnOutput.CHURNED, delta);
        }
        if (paying(account, scope, month.minusMonths(1))) {
            // churned(M) = paying(M - 1) && !paying(M): paying now withdraws the churn, stopping adds it
            partials.addCount(
                    ChurnOutput.INSTANCE, new PlanMonthKey(scope, month.toString()), ChurnOutput.CHURNED, -delta);
        }
    }

    private boolean paying(String account, String scope, YearMonth month) {
        return payingMonths.get(StoreKeys.of(account, scope, month.toString())) != null;
    }
}
