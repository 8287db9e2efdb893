package io.zoommetering.topology.output.productusageprofile;

import io.zoommetering.avro.gold.ProductUsageProfile;
import io.zoommetering.avro.gold.ProductUsageProfileKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.state.CompactSerde;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Instant;

/**
 * gold.product-usage-profile: the usage of gold.usage-by-product by weekday and clock hour of its business time in
 * the reporting zone, per product and meter, as a running total over all time (the days and hours a product is
 * used in, for the sales persona). It has no period, so it is never final: in FINAL emission its period counts as
 * closed from the start, and every change is written as a restatement.
 */
public final class ProductUsageProfileOutput implements AggregateOutput<ProductUsageProfileKey, ProductUsageProfile> {

    public static final ProductUsageProfileOutput INSTANCE = new ProductUsageProfileOutput();
    public static final GoldOutput OUTPUT =
            GoldOutput.of(INSTANCE, LedgerSpec.stateless(ProductUsageProfileLedger::new));

    static final String USAGE = "usage";
    /** Records contributing usage: a row exists while it has one, even at usage 0 (as gold.usage-by-product). */
    static final String USAGE_RECORDS = "usage_records";

    private static final int CENTS = 2;
    private static final TopicSetting TOPIC = new TopicSetting(
            "product-usage-profile",
            "gold.product-usage-profile",
            "of each product's usage by weekday and hour (a running total)");

    /** The whole key is the group: no other output reads it, and the 168 hours of a product spread over tasks. */
    private static final KeyCodec<ProductUsageProfileKey> KEYS = new KeyCodec<>() {
        @Override
        public void writeGroup(ProductUsageProfileKey key, CompactSerde.Output out) {
            out.writeString(key.getPlanType());
            out.writeString(key.getMeter());
            out.writeInt(key.getDayOfWeek());
            out.writeInt(key.getHourOfDay());
        }

        @Override
        public ProductUsageProfileKey read(CompactSerde.Input in) {
            return new ProductUsageProfileKey(in.readString(), in.readString(), in.readInt(), in.readInt());
        }
    };

    private ProductUsageProfileOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<ProductUsageProfileKey> keyType() {
        return ProductUsageProfileKey.class;
    }

    @Override
    public Class<ProductUsageProfile> valueType() {
        return ProductUsageProfile.class;
    }

    @Override
    public byte tag() {
        return 15;
    }

    @Override
    public KeyCodec<ProductUsageProfileKey> keys() {
        return KEYS;
    }

    /** A running total has no end: it counts as closed from the epoch on, so FINAL writes each change. */
    @Override
    public Instant periodEnd(ProductUsageProfileKey key, Periods periods) {
        return Instant.EPOCH;
    }

    @Override
    public ProductUsageProfile row(Totals<ProductUsageProfileKey> totals, Lineage lineage) {
        return totals.count(USAGE_RECORDS) > 0
                ? new ProductUsageProfile(
                        totals.amount(USAGE).rounded(CENTS),
                        lineage.loadDate(),
                        lineage.updateDate(),
                        lineage.sourceSystem())
                : null;
    }
}
