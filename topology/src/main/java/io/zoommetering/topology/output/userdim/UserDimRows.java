package io.zoommetering.topology.output.userdim;

import io.zoommetering.avro.gold.dim.UserDimKey;
import io.zoommetering.topology.account.AccountRows;
import io.zoommetering.topology.aggregate.Lineage;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * gold.dim.user read back from the ledger's current versions: each user's open row (valid_to null, is_current
 * true), as the ledger wrote it. The ledger keeps no closed version, so those are on the topic only.
 */
final class UserDimRows implements AccountRows {

    @Override
    public String store() {
        return UserDimOutput.CURRENT;
    }

    @Override
    public Optional<String> note() {
        return Optional.of("the current version of each user only (is_current true); closed versions are on the topic");
    }

    @Override
    public void read(ReadStores stores, String account, BiConsumer<SpecificRecord, SpecificRecord> rows) {
        ReadOnlyKeyValueStore<String, UserDimLedger.Version> current = stores.store(UserDimOutput.CURRENT);
        Lineage lineage = stores.lineageNow();
        if (account != null) {
            tell(account, current.get(account), lineage, rows);
            return;
        }
        try (KeyValueIterator<String, UserDimLedger.Version> entries = current.all()) {
            entries.forEachRemaining(entry -> tell(entry.key, entry.value, lineage, rows));
        }
    }

    private static void tell(
            String userId,
            UserDimLedger.Version version,
            Lineage lineage,
            BiConsumer<SpecificRecord, SpecificRecord> rows) {
        if (version != null) {
            rows.accept(
                    new UserDimKey(userId, Instant.ofEpochMilli(version.validFrom())),
                    UserDimLedger.row(userId, version, null, lineage));
        }
    }
}
