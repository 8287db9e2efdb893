package io.zoommetering.topology.output.churnrisk;

import io.zoommetering.avro.gold.ChurnRiskKey;
import io.zoommetering.topology.account.AccountRows;
import io.zoommetering.topology.aggregate.Lineage;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * gold.churn-risk read back from the ledger's accounts: each keeps the score and reasons of the row last written
 * (never deleted: an account whose signals all clear has a row with score 0), built into the row as the ledger
 * builds it. Nothing is re-evaluated here, so an answer is the row as written, not as the account's state would
 * read on another day.
 */
final class ChurnRiskRows implements AccountRows {

    @Override
    public String store() {
        return ChurnRiskOutput.ACCOUNTS;
    }

    @Override
    public void read(ReadStores stores, String account, BiConsumer<SpecificRecord, SpecificRecord> rows) {
        ReadOnlyKeyValueStore<String, ChurnAccount> accounts = stores.store(ChurnRiskOutput.ACCOUNTS);
        ChurnRiskSettings settings = stores.settings(ChurnRiskSettings.class).orElse(ChurnRiskSettings.DEFAULTS);
        Lineage lineage = stores.lineageNow();
        if (account != null) {
            tell(account, accounts.get(account), settings, lineage, rows);
            return;
        }
        try (KeyValueIterator<String, ChurnAccount> entries = accounts.all()) {
            entries.forEachRemaining(entry -> tell(entry.key, entry.value, settings, lineage, rows));
        }
    }

    private static void tell(
            String id,
            ChurnAccount account,
            ChurnRiskSettings settings,
            Lineage lineage,
            BiConsumer<SpecificRecord, SpecificRecord> rows) {
        if (account != null && account.written != null) {
            rows.accept(
                    new ChurnRiskKey(id),
                    ChurnRiskLedger.row(
                            account.writtenScore(), account.writtenReasons(), account.loadDay, lineage, settings));
        }
    }
}
