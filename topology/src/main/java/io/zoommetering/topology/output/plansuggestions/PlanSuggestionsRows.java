package io.zoommetering.topology.output.plansuggestions;

import io.zoommetering.avro.gold.PlanSuggestionKey;
import io.zoommetering.topology.account.AccountRows;
import io.zoommetering.topology.aggregate.Lineage;
import java.time.YearMonth;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * gold.plan-suggestions read back from the ledger's months: a month holds the suggestion written for the window
 * ending in it, exactly while that row exists (a tombstone clears it). The store is keyed month first, so one
 * account's months are read one get per month between the first and the last month the store holds.
 */
final class PlanSuggestionsRows implements AccountRows {

    @Override
    public String store() {
        return PlanSuggestionsOutput.MONTHS;
    }

    @Override
    public void read(ReadStores stores, String account, BiConsumer<SpecificRecord, SpecificRecord> rows) {
        ReadOnlyKeyValueStore<String, AccountMonth> months = stores.store(PlanSuggestionsOutput.MONTHS);
        Lineage lineage = stores.lineageNow();
        if (account == null) {
            try (KeyValueIterator<String, AccountMonth> entries = months.all()) {
                entries.forEachRemaining(entry -> tell(
                        PlanSuggestionsLedger.monthOf(entry.key),
                        PlanSuggestionsLedger.accountOf(entry.key),
                        entry.value,
                        lineage,
                        rows));
            }
            return;
        }
        YearMonth first;
        YearMonth last;
        try (KeyValueIterator<String, AccountMonth> ascending = months.all();
                KeyValueIterator<String, AccountMonth> descending = months.reverseAll()) {
            if (!ascending.hasNext() || !descending.hasNext()) {
                return;
            }
            first = PlanSuggestionsLedger.monthOf(ascending.next().key);
            last = PlanSuggestionsLedger.monthOf(descending.next().key);
        }
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            tell(month, account, months.get(PlanSuggestionsLedger.key(month, account)), lineage, rows);
        }
    }

    private static void tell(
            YearMonth month,
            String account,
            AccountMonth state,
            Lineage lineage,
            BiConsumer<SpecificRecord, SpecificRecord> rows) {
        if (state != null && state.written != null) {
            rows.accept(
                    new PlanSuggestionKey(account, month.toString()),
                    PlanSuggestionsLedger.row(state.written, state.written.loadDay(), lineage));
        }
    }
}
