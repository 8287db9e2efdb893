package io.zoommetering.topology.reference;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.gold.ProductMeterKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** gold.usage-by-product, gold.overage and the overage alert crossings, from the final usage of every account. */
final class ProductUsage {

    /** The overage of one product, meter and month, exact. */
    private record Overage(Fraction overage, long accounts, Fraction revenue) {}

    private final BusinessState state;
    private final CurrencyRates rates;
    /** product, meter and month -> account -> exact usage. */
    private final Map<ProductMeterKey, Map<String, Fraction>> usage = new LinkedHashMap<>();

    private ProductUsage(BusinessState state, CurrencyRates rates) {
        this.state = state;
        this.rates = rates;
    }

    static ProductUsage of(BusinessState state, Periods periods, CurrencyRates rates) {
        List<UsageItem> items = new ArrayList<>();
        state.currentMeetings()
                .values()
                .forEach(meeting -> UsageItem.ofMeeting(meeting, periods).ifPresent(items::add));
        state.webinars().forEach(webinar -> items.add(UsageItem.ofWebinar(webinar, periods)));
        state.featureUsages()
                .forEach(usage -> UsageItem.ofFeatureUsage(usage, periods).ifPresent(items::add));
        ProductUsage productUsage = new ProductUsage(state, rates);
        for (UsageItem item : items) {
            productUsage
                    .usage
                    .computeIfAbsent(item.product(), product -> new TreeMap<>())
                    .merge(item.account(), item.units(), Fraction::plus);
        }
        return productUsage;
    }

    /** A row per plan, meter and month that some record contributes to, even with usage 0. */
    Map<ProductMeterKey, Map<String, Object>> usageTable() {
        Map<ProductMeterKey, Map<String, Object>> table = new LinkedHashMap<>();
        usage.forEach((product, byAccount) -> {
            Fraction total = Fraction.ZERO;
            for (Fraction units : byAccount.values()) {
                total = total.plus(units);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("usage", total.toScale2());
            table.put(product, row);
        });
        return table;
    }

    /** A row per plan, meter and month with usage whose plan was in the catalog at the product's last change. */
    Map<ProductMeterKey, Map<String, Object>> overageTable() {
        Map<ProductMeterKey, Map<String, Object>> table = new LinkedHashMap<>();
        usage.keySet()
                .forEach(product -> state.catalogAtLastUsageChange(product).ifPresent(entry -> {
                    Overage overage = overage(product, entry);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("overage", overage.overage().toScale2());
                    row.put("overage_accounts", overage.accounts());
                    row.put("overage_revenue", overage.revenue().toScale2());
                    table.put(product, row);
                }));
        return table;
    }

    /**
     * Products whose final exact overage reaches the threshold of their meter, in the same catalog entry the overage
     * is computed with; a meter without a threshold raises no alert.
     */
    Set<ProductMeterKey> alertCrossings() {
        Set<ProductMeterKey> crossings = new LinkedHashSet<>();
        usage.keySet()
                .forEach(product -> state.catalogAtLastUsageChange(product).ifPresent(entry -> {
                    Long threshold = entry.getOverageAlertThresholds().get(product.getMeter());
                    if (threshold != null && overage(product, entry).overage().compareTo(Fraction.of(threshold)) >= 0) {
                        crossings.add(product);
                    }
                }));
        return crossings;
    }

    /** Per account: over = max(0, usage - included); a meter missing from the catalog includes 0 and costs 0. */
    private Overage overage(ProductMeterKey product, Plan entry) {
        String meter = product.getMeter();
        Fraction included = Fraction.of(entry.getIncludedQuantities().getOrDefault(meter, 0L));
        BigDecimal price = entry.getOverageUnitPrices().getOrDefault(meter, BigDecimal.ZERO);
        Fraction unitPrice = rates.inReportingCurrency(price, entry.getCurrency());
        Fraction overage = Fraction.ZERO;
        long accounts = 0;
        for (Fraction units : usage.get(product).values()) {
            Fraction over = units.minus(included);
            if (over.signum() > 0) {
                overage = overage.plus(over);
                accounts++;
            }
        }
        return new Overage(overage, accounts, overage.times(unitPrice));
    }
}
