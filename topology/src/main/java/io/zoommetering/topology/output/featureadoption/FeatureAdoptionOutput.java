package io.zoommetering.topology.output.featureadoption;

import io.zoommetering.avro.gold.FeatureAdoption;
import io.zoommetering.avro.gold.FeatureAdoptionKey;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.output.activeusers.ActiveUsersOutput;
import io.zoommetering.topology.state.CompactSerde;
import io.zoommetering.topology.state.WriteBehindStore;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.feature-adoption (Go_Agg_Feature_Adoption): adoption_rate = 100 x distinct users of the feature / distinct
 * active users, in the period, with both counts (SPEC 3, "Feature adoption"). The key's group is its period, so
 * the period's active users are on the same combiner task, and a change of them re-evaluates every feature of the
 * period ({@link #readsGroup()}).
 */
public final class FeatureAdoptionOutput implements AggregateOutput<FeatureAdoptionKey, FeatureAdoption> {

    public static final FeatureAdoptionOutput INSTANCE = new FeatureAdoptionOutput();
    /** Which user used which feature in which period: a user counts once per feature and period. */
    static final String USERS = "feature-adoption-users";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                            suppliers.keyValue(USERS), Serdes.String(), Serdes.ByteArray()))),
                    FeatureAdoptionLedger::new));

    static final String FEATURE_USERS = "feature_users";

    private static final TopicSetting TOPIC =
            new TopicSetting("feature-adoption", "gold.feature-adoption", "of feature adoption by feature and period");
    private static final int CENTS = 2;

    private static final KeyCodec<FeatureAdoptionKey> KEYS = new KeyCodec<>() {
        @Override
        public void writeGroup(FeatureAdoptionKey key, CompactSerde.Output out) {
            GoldKeys.writePeriodGroup(key.getPeriodType(), key.getActivityDate(), out);
        }

        @Override
        public void writeRest(FeatureAdoptionKey key, CompactSerde.Output out) {
            out.writeString(key.getFeatureName());
        }

        @Override
        public FeatureAdoptionKey read(CompactSerde.Input in) {
            PeriodKey period = GoldKeys.readPeriodGroup(in);
            return new FeatureAdoptionKey(in.readString(), period.getPeriodType(), period.getActivityDate());
        }
    };

    private FeatureAdoptionOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<FeatureAdoptionKey> keyType() {
        return FeatureAdoptionKey.class;
    }

    @Override
    public Class<FeatureAdoption> valueType() {
        return FeatureAdoption.class;
    }

    @Override
    public byte tag() {
        return 10;
    }

    @Override
    public KeyCodec<FeatureAdoptionKey> keys() {
        return KEYS;
    }

    @Override
    public Instant periodEnd(FeatureAdoptionKey key, Periods periods) {
        return periods.periodEnd(key.getPeriodType(), key.getActivityDate());
    }

    @Override
    public List<AggregateOutput<?, ?>> readsGroup() {
        return List.of(ActiveUsersOutput.INSTANCE);
    }

    /**
     * A feature user is active in the period by that use, so active users are never fewer once both totals have
     * arrived; until the period's active users have (an account task ships them before its feature users, but a
     * key may be evaluated in between) the key has no row.
     */
    @Override
    public FeatureAdoption row(Totals<FeatureAdoptionKey> totals, Lineage lineage) {
        long users = totals.count(FEATURE_USERS);
        FeatureAdoptionKey key = totals.key();
        long active = ActiveUsersOutput.activeUsers(
                totals.of(ActiveUsersOutput.INSTANCE, new PeriodKey(key.getPeriodType(), key.getActivityDate())));
        if (users <= 0 || active <= 0) {
            return null;
        }
        return new FeatureAdoption(
                Fraction.of(100 * users).dividedBy(active).rounded(CENTS),
                users,
                active,
                lineage.loadDate(),
                lineage.updateDate(),
                lineage.sourceSystem());
    }
}
