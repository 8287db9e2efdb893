package io.zoommetering.topology.output.mrr;

import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.money.Fraction;
import java.time.YearMonth;

/**
 * MRR from the recurring shares the account stage derives (SPEC "Recurring revenue"): the sum of the shares, how
 * many landed in the month (a month row exists while it has one), and the change in paying accounts.
 */
final class MrrLedger implements Ledger {

    private final PartialAggregates partials;

    MrrLedger(LedgerContext context) {
        this.partials = context.partials();
    }

    @Override
    public void recurringShare(
            String account, String scope, YearMonth month, Fraction share, boolean wasPaying, boolean isPaying) {
        PlanMonthKey aggregate = new PlanMonthKey(scope, month.toString());
        partials.addAmount(MrrOutput.INSTANCE, aggregate, MrrOutput.MRR, share);
        partials.addCount(MrrOutput.INSTANCE, aggregate, MrrOutput.RECURRING_SHARES, 1);
        partials.addCount(
                MrrOutput.INSTANCE, aggregate, MrrOutput.PAYING_ACCOUNTS, (isPaying ? 1 : 0) - (wasPaying ? 1 : 0));
    }
}
