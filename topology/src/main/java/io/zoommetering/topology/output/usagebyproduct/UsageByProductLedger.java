package io.zoommetering.topology.output.usagebyproduct;

import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.money.Fraction;
import java.time.Instant;
import java.time.YearMonth;

/** Sums the metered usage of the accounts under each plan, meter and month. */
final class UsageByProductLedger implements Ledger {

    private final PartialAggregates partials;

    UsageByProductLedger(LedgerContext context) {
        this.partials = context.partials();
    }

    @Override
    public void usage(
            String account, String plan, String meter, Instant at, YearMonth month, Fraction delta, int records) {
        ProductMeterKey key = new ProductMeterKey(plan, meter, month.toString());
        partials.addAmount(UsageByProductOutput.INSTANCE, key, UsageByProductOutput.USAGE, delta);
        partials.addCount(UsageByProductOutput.INSTANCE, key, UsageByProductOutput.USAGE_RECORDS, records);
    }
}
