package io.zoommetering.topology.output.eventtotals;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.account.PlanResolver;
import io.zoommetering.topology.time.Periods;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts every accepted record, current or superseded, under the plan SPEC 2 gives it. */
final class EventTotalsLedger implements Ledger {

    private final PartialAggregates partials;
    private final PlanResolver plans;
    private final Periods periods;
    private final Map<String, Map<String, TotalsKeys>> totalsKeys = new HashMap<>();

    /** The event-total keys (HOURLY, DAILY) of one stream and plan for the hour [hourStart, hourEnd). */
    private record TotalsKeys(long hourStart, long hourEnd, List<EventTotalsKey> keys) {}

    EventTotalsLedger(LedgerContext context) {
        this.partials = context.partials();
        this.plans = context.plans();
        this.periods = context.periods();
    }

    @Override
    public void record(AccountRecord record) {
        if (record.kind() == EnvelopeKind.WITHDRAWN) {
            return;
        }
        String stream = record.stream();
        String plan = plans.planOfRecord(record.payload(), record.eventTime());
        long time = record.eventTime().toEpochMilli();
        // Records of a stream and plan mostly fall in the hour of the one before: their keys are computed once.
        TotalsKeys keys =
                totalsKeys.computeIfAbsent(stream, s -> new HashMap<>()).get(plan);
        if (keys == null || time < keys.hourStart() || time >= keys.hourEnd()) {
            Instant eventTime = record.eventTime();
            Instant hour = periods.bucketStart(PeriodType.HOURLY, eventTime);
            keys = new TotalsKeys(
                    hour.toEpochMilli(),
                    periods.bucketEnd(PeriodType.HOURLY, hour).toEpochMilli(),
                    Periods.BUCKETS.stream()
                            .map(bucket ->
                                    new EventTotalsKey(stream, plan, bucket, periods.bucketStart(bucket, eventTime)))
                            .toList());
            totalsKeys.get(stream).put(plan, keys);
        }
        for (EventTotalsKey key : keys.keys()) {
            partials.addCount(EventTotalsOutput.INSTANCE, key, EventTotalsOutput.EVENTS, 1);
        }
    }
}
