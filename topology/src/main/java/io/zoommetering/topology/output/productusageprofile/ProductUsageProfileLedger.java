package io.zoommetering.topology.output.productusageprofile;

import io.zoommetering.avro.gold.ProductUsageProfileKey;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.money.Fraction;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Adds each metered usage to its product's weekday and hour, under the plan gold.usage-by-product counts it in. */
final class ProductUsageProfileLedger implements Ledger {

    private final PartialAggregates partials;
    private final ZoneId zone;

    ProductUsageProfileLedger(LedgerContext context) {
        this.partials = context.partials();
        this.zone = context.periods().zone();
    }

    @Override
    public void usage(
            String account, String plan, String meter, Instant at, YearMonth month, Fraction delta, int records) {
        ZonedDateTime local = at.atZone(zone);
        ProductUsageProfileKey key =
                new ProductUsageProfileKey(plan, meter, local.getDayOfWeek().getValue(), local.getHour());
        partials.addAmount(ProductUsageProfileOutput.INSTANCE, key, ProductUsageProfileOutput.USAGE, delta);
        partials.addCount(ProductUsageProfileOutput.INSTANCE, key, ProductUsageProfileOutput.USAGE_RECORDS, records);
    }
}
