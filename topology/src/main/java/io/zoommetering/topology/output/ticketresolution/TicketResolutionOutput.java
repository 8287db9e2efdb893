package io.zoommetering.topology.output.ticketresolution;

import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.TicketResolution;
import io.zoommetering.avro.gold.TicketResolutionKey;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.ticket-resolution (Go_Agg_Ticket_Resolution), per ticket type and period, by each ticket's latest state
 * (SPEC 3, "Tickets"): tickets_opened (by open_time) and the share of them now RESOLVED or CLOSED; tickets_resolved
 * and their mean hours from open to resolution (by resolved_time); the mean hours to the first response (by
 * first_response_time); the mean csat_score of the tickets resolved in the period that have one.
 */
public final class TicketResolutionOutput implements AggregateOutput<TicketResolutionKey, TicketResolution> {

    public static final TicketResolutionOutput INSTANCE = new TicketResolutionOutput();
    /** What each ticket currently contributes, per account and ticket: withdrawn when a newer state replaces it. */
    static final String CONTRIBUTIONS = "ticket-resolution-contributions";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                            suppliers.keyValue(CONTRIBUTIONS),
                            Serdes.String(),
                            TicketResolutionOutput.contributions()))),
                    TicketResolutionLedger::new));

    static final String OPENED = "tickets_opened";
    static final String OPENED_DONE = "tickets_opened_done";
    static final String RESOLVED = "tickets_resolved";
    static final String RESOLUTION_MS = "resolution_ms";
    static final String RESPONDED = "tickets_responded";
    static final String RESPONSE_MS = "first_response_ms";
    static final String SCORED = "csat_count";
    static final String CSAT = "csat_sum";

    private static final long HOUR_MS = 3_600_000L;
    private static final int DECIMALS = 2;
    private static final TopicSetting TOPIC = new TopicSetting(
            "ticket-resolution", "gold.ticket-resolution", "of support ticket resolution per ticket type and period");

    /**
     * Grouped by the period, like the other period outputs, the ticket type after it: no formula reads another
     * key's totals, so the group only spreads the keys over the combiner tasks.
     */
    private static final KeyCodec<TicketResolutionKey> KEYS = new KeyCodec<>() {
        @Override
        public void writeGroup(TicketResolutionKey key, CompactSerde.Output out) {
            GoldKeys.PERIOD.writeGroup(new PeriodKey(key.getPeriodType(), key.getActivityDate()), out);
        }

        @Override
        public void writeRest(TicketResolutionKey key, CompactSerde.Output out) {
            out.writeString(key.getTicketType());
        }

        @Override
        public TicketResolutionKey read(CompactSerde.Input in) {
            PeriodKey period = GoldKeys.PERIOD.read(in);
            return new TicketResolutionKey(in.readString(), period.getPeriodType(), period.getActivityDate());
        }
    };

    private TicketResolutionOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<TicketResolutionKey> keyType() {
        return TicketResolutionKey.class;
    }

    @Override
    public Class<TicketResolution> valueType() {
        return TicketResolution.class;
    }

    @Override
    public byte tag() {
        return 11;
    }

    @Override
    public KeyCodec<TicketResolutionKey> keys() {
        return KEYS;
    }

    @Override
    public Instant periodEnd(TicketResolutionKey key, Periods periods) {
        return periods.periodEnd(key.getPeriodType(), key.getActivityDate());
    }

    @Override
    public TicketResolution row(Totals<TicketResolutionKey> totals, Lineage lineage) {
        long opened = totals.count(OPENED);
        long resolved = totals.count(RESOLVED);
        long responded = totals.count(RESPONDED);
        if (opened <= 0 && resolved <= 0 && responded <= 0) {
            return null;
        }
        long scored = totals.count(SCORED);
        return new TicketResolution(
                hours(totals.count(RESOLUTION_MS), resolved),
                opened,
                resolved,
                hours(totals.count(RESPONSE_MS), responded),
                opened <= 0 ? null : mean(100 * totals.count(OPENED_DONE), opened),
                mean(totals.count(CSAT), scored),
                lineage.loadDate(),
                lineage.updateDate(),
                lineage.sourceSystem());
    }

    /** The mean of durations summed exactly in milliseconds, in hours; null when nothing is averaged. */
    private static BigDecimal hours(long totalMs, long tickets) {
        return tickets <= 0
                ? null
                : Fraction.of(totalMs).dividedBy(HOUR_MS).dividedBy(tickets).rounded(DECIMALS);
    }

    private static BigDecimal mean(long total, long count) {
        return count <= 0 ? null : Fraction.of(total).dividedBy(count).rounded(DECIMALS);
    }

    /**
     * What one ticket's latest state contributes: its type, whether it is RESOLVED or CLOSED, and its times (epoch
     * ms; the response and resolution null until set) and score.
     */
    record Contribution(
            String ticketType, boolean done, long openMs, Long firstResponseMs, Long resolvedMs, Integer csat) {}

    /** The compact state format of contributions. */
    static CompactSerde<Contribution> contributions() {
        return new CompactSerde<>() {
            @Override
            protected void write(Contribution value, Output out) {
                out.writeString(value.ticketType());
                out.writeBoolean(value.done());
                out.writeLong(value.openMs());
                writeNullable(value.firstResponseMs(), out);
                writeNullable(value.resolvedMs(), out);
                writeNullable(value.csat() == null ? null : value.csat().longValue(), out);
            }

            @Override
            protected Contribution read(Input in) {
                String type = in.readString();
                boolean done = in.readBoolean();
                long open = in.readLong();
                Long firstResponse = readNullable(in);
                Long resolved = readNullable(in);
                Long csat = readNullable(in);
                return new Contribution(
                        type, done, open, firstResponse, resolved, csat == null ? null : Math.toIntExact(csat));
            }
        };
    }

    private static void writeNullable(Long value, CompactSerde.Output out) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readNullable(CompactSerde.Input in) {
        return in.readBoolean() ? in.readLong() : null;
    }
}
