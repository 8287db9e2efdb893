package io.zoommetering.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.gold.Overage;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.UsageByProduct;
import java.math.BigDecimal;
import java.util.Map;

/** Row assertions of the two tables keyed by ProductMeterKey, shared by the usage-by-product and overage tests. */
public final class ProductMeterRows {

    private ProductMeterRows() {}

    public static void assertUsage(
            Map<ProductMeterKey, UsageByProduct> table, String plan, String meter, String month, String usage) {
        UsageByProduct row = table.get(new ProductMeterKey(plan, meter, month));
        assertThat(row).as("usage %s %s %s among %s", plan, meter, month, table).isNotNull();
        assertThat(row.getUsage()).as("usage %s %s %s", plan, meter, month).isEqualTo(new BigDecimal(usage));
    }

    public static void assertOverage(
            Map<ProductMeterKey, Overage> table,
            String plan,
            String meter,
            String month,
            String overage,
            long accounts,
            String revenue) {
        Overage row = table.get(new ProductMeterKey(plan, meter, month));
        assertThat(row)
                .as("overage %s %s %s among %s", plan, meter, month, table)
                .isNotNull();
        assertThat(row.getOverage()).as("overage %s %s %s", plan, meter, month).isEqualTo(new BigDecimal(overage));
        assertThat(row.getOverageAccounts())
                .as("overage_accounts %s %s %s", plan, meter, month)
                .isEqualTo(accounts);
        assertThat(row.getOverageRevenue())
                .as("overage_revenue %s %s %s", plan, meter, month)
                .isEqualTo(new BigDecimal(revenue));
    }
}
