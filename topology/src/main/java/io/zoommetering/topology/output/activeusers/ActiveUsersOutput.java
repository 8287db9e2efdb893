package io.zoommetering.topology.output.activeusers;

import io.zoommetering.avro.gold.ActiveUsers;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.MeasureSets;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Instant;

/** gold.active-users (Go_Agg_Active_Users): active_user_count = distinct active users in the period. */
public final class ActiveUsersOutput implements AggregateOutput<PeriodKey, ActiveUsers> {

    public static final ActiveUsersOutput INSTANCE = new ActiveUsersOutput();
    public static final GoldOutput OUTPUT = GoldOutput.of(INSTANCE, LedgerSpec.stateless(ActiveUsersLedger::new));

    private static final TopicSetting TOPIC =
            new TopicSetting("active-users", "gold.active-users", "of daily, weekly and monthly active users");

    /** Users active in the period: +1 when one becomes active in it, -1 when their last reason goes. */
    static final String ACTIVE_USERS = "active_users";

    private ActiveUsersOutput() {}

    /** The active users of a period from its totals, for the formulas that divide by them. */
    public static long activeUsers(Measures totals) {
        return MeasureSets.count(totals, ACTIVE_USERS);
    }

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<PeriodKey> keyType() {
        return PeriodKey.class;
    }

    @Override
    public Class<ActiveUsers> valueType() {
        return ActiveUsers.class;
    }

    @Override
    public byte tag() {
        return 1;
    }

    @Override
    public KeyCodec<PeriodKey> keys() {
        return GoldKeys.PERIOD;
    }

    @Override
    public Instant periodEnd(PeriodKey key, Periods periods) {
        return periods.periodEnd(key.getPeriodType(), key.getActivityDate());
    }

    @Override
    public ActiveUsers row(Totals<PeriodKey> totals, Lineage lineage) {
        long active = totals.count(ACTIVE_USERS);
        return active > 0
                ? new ActiveUsers(active, lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem())
                : null;
    }
}
