package io.zoommetering.topology.output.revenue;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.RevenueKey;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.money.SignedAmounts;
import io.zoommetering.topology.time.Periods;
import java.math.BigDecimal;
import java.util.Map;

/** Each billing event's signed amount under its own plan type, in the periods of its event_time. */
final class RevenueLedger implements Ledger {

    private final PartialAggregates partials;
    private final Periods periods;
    private final Map<String, BigDecimal> currencyRates;

    RevenueLedger(LedgerContext context) {
        this.partials = context.partials();
        this.periods = context.periods();
        this.currencyRates = context.currencyRates();
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent() || !(record.payload() instanceof BillingEvent event)) {
            return;
        }
        Fraction signed = SignedAmounts.of(event, currencyRates);
        String plan = event.getPlanType().name();
        for (PeriodType type : Periods.CALENDAR) {
            RevenueKey key = new RevenueKey(plan, type, periods.periodStart(type, event.getEventTime()));
            partials.addAmount(RevenueOutput.INSTANCE, key, RevenueOutput.REVENUE, signed);
            partials.addCount(RevenueOutput.INSTANCE, key, RevenueOutput.EVENTS, 1);
        }
    }
}
