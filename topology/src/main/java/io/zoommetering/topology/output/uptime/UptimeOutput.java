package io.zoommetering.topology.output.uptime;

import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.Uptime;
import io.zoommetering.avro.gold.UptimeKey;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.state.CompactSerde;
import io.zoommetering.topology.state.WriteBehindStore;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.uptime: per component and DAILY, WEEKLY and MONTHLY period, uptime_pct = 100 × time in UP ÷ time observed
 * (SPEC 3, "Uptime"). A component is observed from its first status record to its last, by event time; between two
 * consecutive records the earlier one's status holds. {@link UptimeLedger} keeps the timelines and adds the
 * milliseconds of each period; this class holds the formula.
 */
public final class UptimeOutput implements AggregateOutput<UptimeKey, Uptime> {

    public static final UptimeOutput INSTANCE = new UptimeOutput();
    /** Each component's status records by event time: key {@link UptimeLedger#key}, value the status. */
    static final String TIMELINES = "uptime-timelines";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                            suppliers.keyValue(TIMELINES), Serdes.Bytes(), UptimeOutput.statuses()))),
                    UptimeLedger::new));

    static final String OBSERVED_MS = "observed_ms";
    static final String UP_MS = "up_ms";

    private static final int DECIMALS = 2;
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    private static final TopicSetting TOPIC =
            new TopicSetting("uptime", "gold.uptime", "of the share of observed time each component was UP");

    /**
     * Grouped by period, like the other period outputs, the component being the rest: no formula reads another key,
     * so any grouping is correct, and this one spreads the components of one period over no more combiner tasks
     * than the period's other outputs use.
     */
    static final KeyCodec<UptimeKey> KEYS = new KeyCodec<>() {
        @Override
        public void writeGroup(UptimeKey key, CompactSerde.Output out) {
            GoldKeys.PERIOD.writeGroup(new PeriodKey(key.getPeriodType(), key.getActivityDate()), out);
        }

        @Override
        public void writeRest(UptimeKey key, CompactSerde.Output out) {
            out.writeString(key.getComponent());
        }

        @Override
        public UptimeKey read(CompactSerde.Input in) {
            PeriodKey period = GoldKeys.PERIOD.read(in);
            return new UptimeKey(in.readString(), period.getPeriodType(), period.getActivityDate());
        }
    };

    private UptimeOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<UptimeKey> keyType() {
        return UptimeKey.class;
    }

    @Override
    public Class<Uptime> valueType() {
        return Uptime.class;
    }

    @Override
    public byte tag() {
        return 14;
    }

    @Override
    public KeyCodec<UptimeKey> keys() {
        return KEYS;
    }

    @Override
    public Instant periodEnd(UptimeKey key, Periods periods) {
        return periods.periodEnd(key.getPeriodType(), key.getActivityDate());
    }

    @Override
    public Uptime row(Totals<UptimeKey> totals, Lineage lineage) {
        long observed = totals.count(OBSERVED_MS);
        if (observed <= 0) {
            return null;
        }
        long up = totals.count(UP_MS);
        return new Uptime(
                Fraction.of(BigInteger.valueOf(up).multiply(HUNDRED), BigInteger.valueOf(observed))
                        .rounded(DECIMALS),
                observed,
                up,
                lineage.loadDate(),
                lineage.updateDate(),
                lineage.sourceSystem());
    }

    /**
     * The compact state format of a timeline entry: the status by name, not position, so that a symbol added to
     * the enum does not move the others.
     */
    static CompactSerde<ComponentStatus> statuses() {
        return new CompactSerde<>() {
            @Override
            protected void write(ComponentStatus value, Output out) {
                out.writeString(value.name());
            }

            @Override
            protected ComponentStatus read(Input in) {
                String name = in.readString();
                try {
                    return ComponentStatus.valueOf(name);
                } catch (IllegalArgumentException e) {
                    throw new SerializationException("unknown component status " + name);
                }
            }
        };
    }
}
