package io.zoommetering.topology.account;

import io.zoommetering.topology.aggregate.AggregateSerdes;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.state.WriteBehindStore;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The stores of the account stage itself, which every output's ledger builds on; outputs declare their own. */
public final class AccountStores {

    public static final String PROFILES = "account-profiles";
    public static final String MEETINGS = "account-meeting-contributions";
    public static final String ACTIVITY = "account-activity";
    public static final String PARTIALS = "account-partial-aggregates";
    /** Each account's exact net recurring share per plan (and ALL) and month ({@link RecurringShares}). */
    public static final String NET_SHARES = "account-recurring-net-shares";

    private AccountStores() {}

    /**
     * Compact formats ({@link AccountSerdes}, {@link AggregateSerdes}) for state read and written on every record;
     * profiles keep only what is read of them, the plan type and the user_name.
     *
     * @param profileHistory how far back a profile version answers "the plan as of" a record's event time
     */
    public static Set<StoreBuilder<?>> builders(StoreSuppliers stores, Duration profileHistory) {
        return Set.of(
                Stores.versionedKeyValueStoreBuilder(
                        stores.versioned(PROFILES, profileHistory), Serdes.String(), new ProfileVersions()),
                WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                        stores.keyValue(MEETINGS), Serdes.String(), AccountSerdes.meetings())),
                WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                        stores.keyValue(ACTIVITY), Serdes.String(), AccountSerdes.activity())),
                WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                        stores.keyValue(NET_SHARES), Serdes.String(), AccountSerdes.netShares())),
                // Keys are AggregateKeyBytes, as PartialAggregates finds them by those bytes.
                WriteBehindStore.of(Stores.keyValueStoreBuilder(
                        stores.keyValue(PARTIALS), Serdes.Bytes(), AggregateSerdes.measures())));
    }
}
