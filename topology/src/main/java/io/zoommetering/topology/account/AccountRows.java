package io.zoommetering.topology.account;

import io.zoommetering.topology.aggregate.Lineage;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How the current rows of a per-account output are read back from its ledger's stores, from outside the stream
 * thread (interactive queries): each row as the ledger last wrote it, derived from what the ledger keeps by the
 * ledger's own code. Every key of such an output names its account in {@link #ACCOUNT_FIELD}, and every row of an
 * account is kept in the by-account partition of that account, so the owner of that partition answers for it.
 */
public interface AccountRows {

    /** The key field naming the account: its by-account partition holds the account's rows. */
    String ACCOUNT_FIELD = "user_id";

    /** The ledger's store (one its {@link LedgerSpec} declares) whose partitions hold the rows. */
    String store();

    /**
     * Which rows are kept, when not every row the topic holds (a dimension's closed versions are on its topic
     * only); empty when the stores hold the whole table.
     */
    default Optional<String> note() {
        return Optional.empty();
    }

    /**
     * Tells the rows kept in one partition's stores: those of the account, or all of them when account is null.
     * Rows come in no particular order.
     */
    void read(ReadStores stores, String account, BiConsumer<SpecificRecord, SpecificRecord> rows);

    /** One by-account partition's stores, as interactive queries read them, and what a row read from them needs. */
    interface ReadStores {

        /** A store of the output's ledger, of this partition. */
        <K, V> ReadOnlyKeyValueStore<K, V> store(String name);

        /** The settings of an output that has its own, as its ledger gets them ({@link LedgerContext#settings}). */
        <T> Optional<T> settings(Class<T> type);

        /**
         * The lineage of a row read now: the day of the answer (the stores keep the day a row was first written,
         * not the day of its last write) and the source system.
         */
        Lineage lineageNow();
    }
}
