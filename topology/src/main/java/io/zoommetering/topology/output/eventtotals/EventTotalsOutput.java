package io.zoommetering.topology.output.eventtotals;

import io.zoommetering.avro.gold.EventTotals;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Instant;

/**
 * gold.event-totals: accepted input records per stream, plan, HOURLY and DAILY bucket of event_time (duplicates,
 * late and invalid records excluded; older upsert states included; records of no user under NONE).
 */
public final class EventTotalsOutput implements AggregateOutput<EventTotalsKey, EventTotals> {

    public static final EventTotalsOutput INSTANCE = new EventTotalsOutput();
    public static final GoldOutput OUTPUT = GoldOutput.of(INSTANCE, LedgerSpec.stateless(EventTotalsLedger::new));

    static final String EVENTS = "events";
    private static final TopicSetting TOPIC =
            new TopicSetting("event-totals", "gold.event-totals", "of accepted events per stream, plan, hour and day");

    private EventTotalsOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<EventTotalsKey> keyType() {
        return EventTotalsKey.class;
    }

    @Override
    public Class<EventTotals> valueType() {
        return EventTotals.class;
    }

    @Override
    public byte tag() {
        return 8;
    }

    @Override
    public KeyCodec<EventTotalsKey> keys() {
        return GoldKeys.EVENT_TOTALS;
    }

    @Override
    public Instant periodEnd(EventTotalsKey key, Periods periods) {
        return periods.bucketEnd(key.getPeriod(), key.getBucketStart());
    }

    @Override
    public EventTotals row(Totals<EventTotalsKey> totals, Lineage lineage) {
        long events = totals.count(EVENTS);
        return events > 0
                ? new EventTotals(events, lineage.loadDate(), lineage.updateDate(), lineage.sourceSystem())
                : null;
    }
}
