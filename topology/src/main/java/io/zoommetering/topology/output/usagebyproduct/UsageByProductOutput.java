package io.zoommetering.topology.output.usagebyproduct;

import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.UsageByProduct;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Instant;
import java.time.YearMonth;

/**
 * gold.usage-by-product: usage of a meter by a product's (plan's) accounts in a month: meeting minutes of hosted
 * meetings (latest ENDED state), registrants of hosted webinars, recording minutes of RECORDING feature usage.
 */
public final class UsageByProductOutput implements AggregateOutput<ProductMeterKey, UsageByProduct> {

    public static final UsageByProductOutput INSTANCE = new UsageByProductOutput();
    public static final GoldOutput OUTPUT = GoldOutput.of(INSTANCE, LedgerSpec.stateless(UsageByProductLedger::new));

    static final String USAGE = "usage";
    /** Records contributing usage: a usage row exists while it has one, even at usage 0. */
    static final String USAGE_RECORDS = "usage_records";

    private static final int CENTS = 2;
    private static final TopicSetting TOPIC =
            new TopicSetting("usage-by-product", "gold.usage-by-product", "of usage per product, meter and month");

    private UsageByProductOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<ProductMeterKey> keyType() {
        return ProductMeterKey.class;
    }

    @Override
    public Class<UsageByProduct> valueType() {
        return UsageByProduct.class;
    }

    @Override
    public byte tag() {
        return 5;
    }

    @Override
    public KeyCodec<ProductMeterKey> keys() {
        return GoldKeys.PRODUCT_METER;
    }

    @Override
    public Instant periodEnd(ProductMeterKey key, Periods periods) {
        return periods.monthEnd(YearMonth.parse(key.getActivityMonth()));
    }

    @Override
    public UsageByProduct row(Totals<ProductMeterKey> totals, Lineage lineage) {
        return totals.count(USAGE_RECORDS) > 0
                ? new UsageByProduct(
                        totals.amount(USAGE).rounded(CENTS),
                        lineage.loadDate(),
                        lineage.updateDate(),
                        lineage.sourceSystem())
                : null;
    }
}
