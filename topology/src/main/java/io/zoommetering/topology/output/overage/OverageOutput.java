package io.zoommetering.topology.output.overage;

import io.zoommetering.avro.gold.Overage;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.internal.AccountUsage;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.MeasureSets;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.state.CompactSerde;
import io.zoommetering.topology.state.WriteBehindStore;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.overage: per account and plan, over = max(0, usage - included quantity); overage = the sum of over,
 * overage_accounts = accounts with over above zero, overage_revenue = overage x unit price in the reporting
 * currency. A row for every plan in the catalog, meter and month with usage.
 */
public final class OverageOutput implements AggregateOutput<ProductMeterKey, Overage> {

    public static final OverageOutput INSTANCE = new OverageOutput();
    /** Each account's usage per plan, meter and month, and the overage it contributed. */
    static final String ACCOUNT_USAGE = "account-usage";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                            suppliers.keyValue(ACCOUNT_USAGE), Serdes.String(), OverageOutput.accountUsage()))),
                    OverageLedger::new));

    static final String OVERAGE = "overage";
    static final String OVERAGE_ACCOUNTS = "overage_accounts";
    static final String OVERAGE_REVENUE = "overage_revenue";
    /** Records contributing usage: the row exists while it has one, even at overage 0. */
    static final String USAGE_RECORDS = "usage_records";

    private static final int CENTS = 2;
    private static final TopicSetting TOPIC =
            new TopicSetting("overage", "gold.overage", "of overage per product, meter and month");

    private OverageOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<ProductMeterKey> keyType() {
        return ProductMeterKey.class;
    }

    @Override
    public Class<Overage> valueType() {
        return Overage.class;
    }

    @Override
    public byte tag() {
        return 6;
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
    public Overage row(Totals<ProductMeterKey> totals, Lineage lineage) {
        if (totals.count(USAGE_RECORDS) <= 0 || totals.catalogEntry(totals.key().getPlanType()) == null) {
            return null;
        }
        return new Overage(
                totals.amount(OVERAGE).rounded(CENTS),
                totals.count(OVERAGE_ACCOUNTS),
                totals.amount(OVERAGE_REVENUE).rounded(CENTS),
                lineage.loadDate(),
                lineage.updateDate(),
                lineage.sourceSystem());
    }

    /** The exact overage of a product's totals, for the alert that compares it with a threshold. */
    public static Fraction overage(Measures totals) {
        return MeasureSets.amount(totals, OVERAGE);
    }

    public static long overageAccounts(Measures totals) {
        return MeasureSets.count(totals, OVERAGE_ACCOUNTS);
    }

    /** The compact state format of an account's usage. */
    static CompactSerde<AccountUsage> accountUsage() {
        return new CompactSerde<>() {
            @Override
            protected void write(AccountUsage value, Output out) {
                MeasureSets.write(value.getUsage(), out);
                MeasureSets.write(value.getOver(), out);
                MeasureSets.write(value.getOverRevenue(), out);
                out.writeLong(value.getContributions());
            }

            @Override
            protected AccountUsage read(Input in) {
                return new AccountUsage(
                        MeasureSets.read(in), MeasureSets.read(in), MeasureSets.read(in), in.readLong());
            }
        };
    }
}
