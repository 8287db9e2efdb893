package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.AccountUsage;
import io.zoommetering.avro.internal.ActivityRefs;
import io.zoommetering.avro.internal.AggregateKey;
import io.zoommetering.avro.internal.Fraction;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.avro.internal.MeetingContribution;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.topics.AvroSerdes;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The state of the account tasks: one place for their names and how they are built. */
public final class AccountStores {

    public static final String PROFILES = "account-profiles";
    public static final String MEETINGS = "account-meeting-contributions";
    public static final String ACTIVITY = "account-activity";
    public static final String USAGE = "account-usage";
    public static final String NET_SHARES = "account-recurring-net-shares";
    public static final String PARTIALS = "account-partial-aggregates";

    private AccountStores() {
    }

    /** @param profileHistory how far back a profile version answers "the plan as of" a record's event time */
    public static Set<StoreBuilder<?>> builders(AvroSerdes serdes, StoreSuppliers stores, Duration profileHistory) {
        return Set.of(
                Stores.versionedKeyValueStoreBuilder(
                        stores.versioned(PROFILES, profileHistory),
                        Serdes.String(), serdes.forValues(User.class)),
                Stores.keyValueStoreBuilder(stores.keyValue(MEETINGS),
                        Serdes.String(), serdes.forValues(MeetingContribution.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(stores.keyValue(ACTIVITY),
                        Serdes.String(), serdes.forValues(ActivityRefs.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(stores.keyValue(USAGE),
                        Serdes.String(), serdes.forValues(AccountUsage.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(stores.keyValue(NET_SHARES),
                        Serdes.String(), serdes.forValues(Fraction.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(stores.keyValue(PARTIALS),
                        serdes.forKeys(AggregateKey.class), serdes.forValues(Measures.class)).withCachingEnabled());
    }
}
