package io.zoommetering.topology.output.licenseutilization;

import io.zoommetering.avro.gold.LicenseUtilization;
import io.zoommetering.avro.gold.LicenseUtilizationKey;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.license-utilization (Go_Agg_License_Utilization), per license type and period: valid_licenses = licenses
 * whose latest state is ACTIVE and whose [start_date, end_date] overlaps the period, utilized_licenses = those of
 * them whose assigned user was active in the period, utilization_rate = 100 × utilized ÷ valid. A row exists while
 * the period has an active user and the type a valid license (SPEC 3, "Licenses"); the period's active users are
 * read from gold.active-users' totals of the same group, so a period's rows appear when it gets its first active
 * user.
 */
public final class LicenseUtilizationOutput implements AggregateOutput<LicenseUtilizationKey, LicenseUtilization> {

    public static final LicenseUtilizationOutput INSTANCE = new LicenseUtilizationOutput();

    /** Each account's licenses that count now: what their current state contributes, by (account, license). */
    static final String LICENSES = "license-utilization-licenses";
    /** The periods each user is active in, by (user, period type, first day), for range queries. */
    static final String ACTIVE_PERIODS = "license-utilization-active-periods";
    /** Valid-license counts beyond the horizon of written periods ({@link ValidLicenseCalendar}). */
    static final String CALENDAR = "license-utilization-valid-calendar";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(
                            WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                                    suppliers.keyValue(LICENSES),
                                    Serdes.String(),
                                    LicenseUtilizationOutput.heldLicenses())),
                            WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                                    suppliers.keyValue(ACTIVE_PERIODS), Serdes.String(), Serdes.ByteArray())),
                            WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                                    suppliers.keyValue(CALENDAR), Serdes.String(), Serdes.Long()))),
                    LicenseUtilizationLedger::new));

    static final String VALID = "valid_licenses";
    static final String UTILIZED = "utilized_licenses";

    private static final TopicSetting TOPIC = new TopicSetting(
            "license-utilization", "gold.license-utilization", "of license utilization by license type and period");
    private static final int CENTS = 2;

    /** Grouped by period, as gold.active-users' keys are, so a key's formula can read its period's active users. */
    private static final KeyCodec<LicenseUtilizationKey> KEYS = new KeyCodec<>() {
        @Override
        public void writeGroup(LicenseUtilizationKey key, CompactSerde.Output out) {
            GoldKeys.writePeriodGroup(key.getPeriodType(), key.getActivityDate(), out);
        }

        @Override
        public void writeRest(LicenseUtilizationKey key, CompactSerde.Output out) {
            out.writeString(key.getLicenseType());
        }

        @Override
        public LicenseUtilizationKey read(CompactSerde.Input in) {
            PeriodKey period = GoldKeys.readPeriodGroup(in);
            return new LicenseUtilizationKey(in.readString(), period.getPeriodType(), period.getActivityDate());
        }
    };

    private LicenseUtilizationOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<LicenseUtilizationKey> keyType() {
        return LicenseUtilizationKey.class;
    }

    @Override
    public Class<LicenseUtilization> valueType() {
        return LicenseUtilization.class;
    }

    @Override
    public byte tag() {
        return 12;
    }

    @Override
    public KeyCodec<LicenseUtilizationKey> keys() {
        return KEYS;
    }

    @Override
    public Instant periodEnd(LicenseUtilizationKey key, Periods periods) {
        return periods.periodEnd(key.getPeriodType(), key.getActivityDate());
    }

    /** Every license type's key of a period reads the period's active users: one change of them, all re-evaluated. */
    @Override
    public List<AggregateOutput<?, ?>> readsGroup() {
        return List.of(ActiveUsersOutput.INSTANCE);
    }

    @Override
    public LicenseUtilization row(Totals<LicenseUtilizationKey> totals, Lineage lineage) {
        long valid = totals.count(VALID);
        if (valid <= 0) {
            return null;
        }
        LicenseUtilizationKey key = totals.key();
        long active = ActiveUsersOutput.activeUsers(
                totals.of(ActiveUsersOutput.INSTANCE, new PeriodKey(key.getPeriodType(), key.getActivityDate())));
        if (active <= 0) {
            return null;
        }
        long utilized = totals.count(UTILIZED);
        return new LicenseUtilization(
                Fraction.of(100 * utilized).dividedBy(valid).rounded(CENTS),
                valid,
                utilized,
                lineage.loadDate(),
                lineage.updateDate(),
                lineage.sourceSystem());
    }

    /**
     * What a license's current state contributes, kept while that state is ACTIVE: its type, its inclusive days,
     * and whether it is assigned (an unassigned license is held by an account named after it and is never utilized).
     */
    record Held(String type, LocalDate start, LocalDate end, boolean assigned) {}

    /** The compact state format of held licenses. */
    static CompactSerde<Held> heldLicenses() {
        return new CompactSerde<>() {
            @Override
            protected void write(Held value, Output out) {
                out.writeString(value.type());
                out.writeLong(value.start().toEpochDay());
                out.writeLong(value.end().toEpochDay());
                out.writeBoolean(value.assigned());
            }

            @Override
            protected Held read(Input in) {
                return new Held(
                        in.readString(),
                        LocalDate.ofEpochDay(in.readLong()),
                        LocalDate.ofEpochDay(in.readLong()),
                        in.readBoolean());
            }
        };
    }
}
