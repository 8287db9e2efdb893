package io.zoommetering.topology.account;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.internal.AccountUsage;
import io.zoommetering.avro.internal.AggregateKey;
import io.zoommetering.topology.aggregate.AggregateKeys;
import io.zoommetering.topology.aggregate.Measure;
import io.zoommetering.topology.money.Fraction;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import static io.zoommetering.topology.aggregate.MeasureSets.fromAvro;
import static io.zoommetering.topology.aggregate.MeasureSets.toAvro;

/**
 * Usage per account, plan, meter and month, and the overage it makes against the plan catalog. Overage is per
 * account (SPEC: max(0, usage - included) for each account, then summed), so the ledger keeps each account's
 * usage and the overage it last contributed, and moves the product's totals by the difference.
 */
final class UsageLedger {

    private final KeyValueStore<String, AccountUsage> usage;
    private final ReadOnlyKeyValueStore<String, Plan> catalog;
    private final Map<String, BigDecimal> currencyRates;
    private final PartialAggregates partials;

    UsageLedger(KeyValueStore<String, AccountUsage> usage, ReadOnlyKeyValueStore<String, Plan> catalog,
                Map<String, BigDecimal> currencyRates, PartialAggregates partials) {
        this.usage = usage;
        this.catalog = catalog;
        this.currencyRates = currencyRates;
        this.partials = partials;
    }

    void add(String account, String plan, String meter, YearMonth month, Fraction delta, int records) {
        String key = StoreKeys.of(account, plan, meter, month.toString());
        AccountUsage before = usage.get(key);
        Fraction oldUsage = before == null ? Fraction.ZERO : fromAvro(before.getUsage());
        Fraction oldOver = before == null ? Fraction.ZERO : fromAvro(before.getOver());
        Fraction oldRevenue = before == null ? Fraction.ZERO : fromAvro(before.getOverRevenue());
        long oldRecords = before == null ? 0 : before.getContributions();

        Fraction newUsage = oldUsage.plus(delta);
        long newRecords = oldRecords + records;
        Plan product = AggregateKeys.UNKNOWN_PLAN.equals(plan) ? null : catalog.get(plan);
        Fraction newOver = Fraction.ZERO;
        Fraction newRevenue = Fraction.ZERO;
        if (product != null) {
            Fraction included = Fraction.of(product.getIncludedQuantities().getOrDefault(meter, 0L));
            newOver = newUsage.minus(included).max(Fraction.ZERO);
            BigDecimal unitPrice = product.getOverageUnitPrices().getOrDefault(meter, BigDecimal.ZERO);
            BigDecimal rate = currencyRates.getOrDefault(product.getCurrency(), BigDecimal.ONE);
            newRevenue = newOver.times(Fraction.of(unitPrice)).times(Fraction.of(rate));
        }

        AggregateKey productKey = AggregateKeys.productMeter(plan, meter, month);
        partials.addAmount(productKey, Measure.USAGE, delta);
        partials.addCount(productKey, Measure.USAGE_RECORDS, records);
        partials.addAmount(productKey, Measure.OVERAGE, newOver.minus(oldOver));
        partials.addCount(productKey, Measure.OVERAGE_ACCOUNTS, (newOver.signum() > 0 ? 1 : 0) - (oldOver.signum() > 0 ? 1 : 0));
        partials.addAmount(productKey, Measure.OVERAGE_REVENUE, newRevenue.minus(oldRevenue));

        if (newRecords == 0 && newUsage.signum() == 0) {
            usage.delete(key);
        } else {
            usage.put(key, new AccountUsage(toAvro(newUsage), toAvro(newOver), toAvro(newRevenue), newRecords));
        }
    }
}
