package io.zoommetering.topology.output.userdim;

import io.zoommetering.avro.gold.dim.UserDim;
import io.zoommetering.avro.gold.dim.UserDimKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.state.WriteBehindStore;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.dim.user (Go_Dim_User, SCD type 2), keyed by user_id and valid_from: one row per version of the six tracked
 * attributes (user_name, email, company, plan_type, user_status, location). An entity output: profiles are keyed by
 * user_id, so every state of a user reaches one task, whose ledger keeps the user's current version and writes the
 * rows a change closes and opens.
 */
public final class UserDimOutput implements OutputTable<UserDimKey, UserDim> {

    public static final UserDimOutput INSTANCE = new UserDimOutput();
    /** Per user: the current version (its tracked attributes, valid_from and the epoch day its row was first written). */
    static final String CURRENT = "dim-user-current";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                            suppliers.keyValue(CURRENT), Serdes.String(), new UserDimLedger.VersionSerde()))),
                    UserDimLedger::new),
            new UserDimRows());

    private static final TopicSetting TOPIC = new TopicSetting(
            "dim-user", "gold.dim.user", "of the user dimension (SCD type 2: a row per version of a user)");

    private UserDimOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<UserDimKey> keyType() {
        return UserDimKey.class;
    }

    @Override
    public Class<UserDim> valueType() {
        return UserDim.class;
    }
}
