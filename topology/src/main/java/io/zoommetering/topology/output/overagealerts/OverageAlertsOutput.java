package io.zoommetering.topology.output.overagealerts;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.gold.OverageAlert;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.output.overage.OverageOutput;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * gold.overage-alerts: raised once, the first time a product's exact overage in a month reaches the catalog
 * threshold of its meter (overage >= threshold), and never retracted; a meter without a threshold never alerts.
 * It has no ledger: it reads gold.overage's totals of the same product, meter and month.
 */
public final class OverageAlertsOutput implements AggregateOutput<ProductMeterKey, OverageAlert> {

    public static final OverageAlertsOutput INSTANCE = new OverageAlertsOutput();
    public static final GoldOutput OUTPUT = GoldOutput.derived(INSTANCE);

    private static final int CENTS = 2;
    private static final TopicSetting TOPIC =
            new TopicSetting("overage-alerts", "gold.overage-alerts", "of overage threshold alerts");

    private OverageAlertsOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<ProductMeterKey> keyType() {
        return ProductMeterKey.class;
    }

    @Override
    public Class<OverageAlert> valueType() {
        return OverageAlert.class;
    }

    @Override
    public byte tag() {
        return 7;
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
    public List<AggregateOutput<?, ?>> reads() {
        return List.of(OverageOutput.INSTANCE);
    }

    @Override
    public boolean alertsOnce() {
        return true;
    }

    @Override
    public OverageAlert row(Totals<ProductMeterKey> totals, Lineage lineage) {
        ProductMeterKey key = totals.key();
        Plan product = totals.catalogEntry(key.getPlanType());
        if (product == null) {
            return null;
        }
        Long threshold = product.getOverageAlertThresholds().get(key.getMeter());
        Measures overage = totals.of(OverageOutput.INSTANCE, key);
        Fraction amount = OverageOutput.overage(overage);
        if (threshold == null || amount.compareTo(Fraction.of(threshold)) < 0) {
            return null;
        }
        return new OverageAlert(
                amount.rounded(CENTS),
                threshold,
                OverageOutput.overageAccounts(overage),
                lineage.loadDate(),
                lineage.updateDate(),
                lineage.sourceSystem());
    }
}
