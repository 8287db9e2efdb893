package io.zoommetering.topology.output.accountusage;

import io.zoommetering.topology.account.AccountRows;
import io.zoommetering.topology.account.StoreKeys;
import io.zoommetering.topology.aggregate.Lineage;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * gold.account-usage read back from the ledger's buckets: a bucket is kept exactly while its row exists, and its
 * usage rounds to the usage last written (the ledger writes every change of the rounded figure). An account's buckets
 * are one prefix of the store.
 */
final class AccountUsageRows implements AccountRows {

    @Override
    public String store() {
        return AccountUsageOutput.BUCKETS;
    }

    @Override
    public void read(ReadStores stores, String account, BiConsumer<SpecificRecord, SpecificRecord> rows) {
        ReadOnlyKeyValueStore<String, AccountUsageLedger.Bucket> buckets = stores.store(AccountUsageOutput.BUCKETS);
        Lineage lineage = stores.lineageNow();
        try (KeyValueIterator<String, AccountUsageLedger.Bucket> entries = account == null
                ? buckets.all()
                : buckets.prefixScan(StoreKeys.of(account, ""), new StringSerializer())) {
            entries.forEachRemaining(entry ->
                    rows.accept(AccountUsageLedger.keyOf(entry.key), AccountUsageLedger.row(entry.value, lineage)));
        }
    }
}
