package io.zoommetering.topology.output.signups;

import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.Signups;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.state.CompactSerde;
import io.zoommetering.topology.state.WriteBehindStore;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.signups: new_users = users whose registration_date, as their latest profile state gives it, falls in the
 * period; each user counts once (SPEC 3, "Sign-ups").
 */
public final class SignupsOutput implements AggregateOutput<PeriodKey, Signups> {

    public static final SignupsOutput INSTANCE = new SignupsOutput();
    /** The registration date each user counts under, and the event time of the profile state that gave it. */
    static final String REGISTRATIONS = "signups-registrations";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                            suppliers.keyValue(REGISTRATIONS), Serdes.String(), SignupsOutput.registrations()))),
                    SignupsLedger::new));

    static final String NEW_USERS = "new_users";

    private static final TopicSetting TOPIC =
            new TopicSetting("signups", "gold.signups", "of new users by registration date");

    private SignupsOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<PeriodKey> keyType() {
        return PeriodKey.class;
    }

    @Override
    public Class<Signups> valueType() {
        return Signups.class;
    }

    @Override
    public byte tag() {
        return 9;
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
    public Signups row(Totals<PeriodKey> totals, Lineage lineage) {
        long users = totals.count(NEW_USERS);
        return users > 0 ? new Signups(users, lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem()) : null;
    }

    /** What a user counts under: its latest profile state's registration date and that state's event time. */
    record Registration(long eventTimeMs, LocalDate date) {}

    /** The compact state format of registrations. */
    static CompactSerde<Registration> registrations() {
        return new CompactSerde<>() {
            @Override
            protected void write(Registration value, Output out) {
                out.writeLong(value.eventTimeMs());
                out.writeLong(value.date().toEpochDay());
            }

            @Override
            protected Registration read(Input in) {
                return new Registration(in.readLong(), LocalDate.ofEpochDay(in.readLong()));
            }
        };
    }
}
