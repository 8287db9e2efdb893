package io.zoommetering.topology.output.accountusage;

import io.zoommetering.avro.gold.AccountUsage;
import io.zoommetering.avro.gold.AccountUsageKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.account-usage, keyed by user_id, meter, period (HOURLY, DAILY) and bucket_start: the quantities of
 * gold.usage-by-product attributed to the account that hosted or recorded them, over all its plans, in the hour and
 * the day of their business time. A per-account output: every usage of an account is told in the one task that owns
 * the account, so its ledger holds the whole figure and writes the row itself. Summing it again in the combiner
 * would cost a partial, a trip over the partials topic and a second store per key, to add one task's figure to
 * nothing.
 */
public final class AccountUsageOutput implements OutputTable<AccountUsageKey, AccountUsage> {

    public static final AccountUsageOutput INSTANCE = new AccountUsageOutput();
    /** Per account, meter, bucket type and bucket start: the exact usage, its records and the row's load day. */
    static final String BUCKETS = "account-usage-buckets";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(Stores.keyValueStoreBuilder(
                                    suppliers.keyValue(BUCKETS), Serdes.String(), new AccountUsageLedger.BucketSerde())
                            .withCachingEnabled()),
                    AccountUsageLedger::new),
            new AccountUsageRows());

    private static final TopicSetting TOPIC =
            new TopicSetting("account-usage", "gold.account-usage", "of each account's usage per meter, hour and day");

    private AccountUsageOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<AccountUsageKey> keyType() {
        return AccountUsageKey.class;
    }

    @Override
    public Class<AccountUsage> valueType() {
        return AccountUsage.class;
    }
}
