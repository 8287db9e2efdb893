package io.zoommetering.topology.output.overage;

import static io.zoommetering.topology.aggregate.MeasureSets.fromAvro;
import static io.zoommetering.topology.aggregate.MeasureSets.toAvro;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.internal.AccountUsage;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.account.StoreKeys;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.money.Fraction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Overage is per account (SPEC: max(0, usage - included) for each account, then summed), so the ledger keeps each
 * account's usage and the overage it last contributed, and moves the product's totals by the difference. The
 * catalog entry is the one standing when the account's usage changes.
 */
final class OverageLedger implements Ledger {

    private final KeyValueStore<String, AccountUsage> usage;
    private final ReadOnlyKeyValueStore<String, Plan> catalog;
    private final Map<String, BigDecimal> currencyRates;
    private final PartialAggregates partials;

    OverageLedger(LedgerContext context) {
        this.usage = context.store(OverageOutput.ACCOUNT_USAGE);
        this.catalog = context.catalog();
        this.currencyRates = context.currencyRates();
        this.partials = context.partials();
    }

    @Override
    public void usage(
            String account, String plan, String meter, Instant at, YearMonth month, Fraction delta, int records) {
        String key = StoreKeys.of(account, plan, meter, month.toString());
        AccountUsage before = usage.get(key);
        Fraction oldUsage = before == null ? Fraction.ZERO : fromAvro(before.getUsage());
        Fraction oldOver = before == null ? Fraction.ZERO : fromAvro(before.getOver());
        Fraction oldRevenue = before == null ? Fraction.ZERO : fromAvro(before.getOverRevenue());
        long oldRecords = before == null ? 0 : before.getContributions();

        Fraction newUsage = oldUsage.plus(delta);
        long newRecords = oldRecords + records;
        Plan product = GoldKeys.UNKNOWN_PLAN.equals(plan) ? null : catalog.get(plan);
        Fraction newOver = Fraction.ZERO;
        Fraction newRevenue = Fraction.ZERO;
        if (product != null) {
            Fraction included = Fraction.of(product.getIncludedQuantities().getOrDefault(meter, 0L));
            newOver = newUsage.minus(included).max(Fraction.ZERO);
            BigDecimal unitPrice = product.getOverageUnitPrices().getOrDefault(meter, BigDecimal.ZERO);
            BigDecimal rate = currencyRates.getOrDefault(product.getCurrency(), BigDecimal.ONE);
            newRevenue = newOver.times(Fraction.of(unitPrice)).times(Fraction.of(rate));
        }

        ProductMeterKey productKey = new ProductMeterKey(plan, meter, month.toString());
        OverageOutput output = OverageOutput.INSTANCE;
        partials.addCount(output, productKey, OverageOutput.USAGE_RECORDS, records);
        partials.addAmount(output, productKey, OverageOutput.OVERAGE, newOver.minus(oldOver));
        partials.addCount(
                output,
                productKey,
                OverageOutput.OVERAGE_ACCOUNTS,
                (newOver.signum() > 0 ? 1 : 0) - (oldOver.signum() > 0 ? 1 : 0));
        partials.addAmount(output, productKey, OverageOutput.OVERAGE_REVENUE, newRevenue.minus(oldRevenue));

        if (newRecords == 0 && newUsage.signum() == 0) {
            usage.delete(key);
        } else {
            usage.put(key, new AccountUsage(toAvro(newUsage), toAvro(newOver), toAvro(newRevenue), newRecords));
        }
    }
}
