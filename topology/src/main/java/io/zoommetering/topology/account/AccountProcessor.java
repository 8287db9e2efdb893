package io.zoommetering.topology.account;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.internal.AccountEnvelope;
import io.zoommetering.avro.internal.AggregateKey;
import io.zoommetering.avro.internal.AttendanceActivity;
import io.zoommetering.avro.internal.FeatureActivity;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.internal.PartialAggregate;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.aggregate.AggregateKeys;
import io.zoommetering.topology.aggregate.Measure;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.time.Periods;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Everything that needs an account's own history, for the accounts of one task: the plan as of a record's time,
 * activity, meeting contributions, usage and overage, revenue and recurring shares, and the event totals. It
 * keeps partial aggregates over its accounts and ships the changed ones to the combiners every emit interval.
 */
public final class AccountProcessor implements Processor<String, AccountEnvelope, AggregateKey, PartialAggregate> {

    private final Periods periods;
    private final Map<String, BigDecimal> currencyRates;
    private final Duration emitInterval;
    private final String catalogStore;

    private ProcessorContext<AggregateKey, PartialAggregate> context;
    private String source;
    private PartialAggregates partials;
    private PlanResolver plans;
    private ActivityLedger activity;
    private UsageLedger usage;
    private MeetingLedger meetings;
    private BillingLedger billing;
    private final Map<String, Map<String, TotalsKeys>> totalsKeys = new HashMap<>();

    public AccountProcessor(Periods periods, Map<String, BigDecimal> currencyRates, Duration emitInterval,
                            String catalogStore) {
        this.periods = periods;
        this.currencyRates = currencyRates;
        this.emitInterval = emitInterval;
        this.catalogStore = catalogStore;
    }

    @Override
    public void init(ProcessorContext<AggregateKey, PartialAggregate> context) {
        this.context = context;
        this.source = "account-" + context.taskId().partition();
        partials = new PartialAggregates(context.getStateStore(AccountStores.PARTIALS));
        plans = new PlanResolver(context.getStateStore(AccountStores.PROFILES));
        activity = new ActivityLedger(context.getStateStore(AccountStores.ACTIVITY), partials, periods);
        usage = new UsageLedger(context.getStateStore(AccountStores.USAGE), context.getStateStore(catalogStore),
                currencyRates, partials);
        meetings = new MeetingLedger(context.getStateStore(AccountStores.MEETINGS), activity, usage, partials, plans,
                periods);
        billing = new BillingLedger(context.getStateStore(AccountStores.NET_SHARES), currencyRates, partials, periods);
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> partials.ship(context, source));
    }

    @Override
    public void process(Record<String, AccountEnvelope> record) {
        try {
            apply(record);
        } finally {
            partials.flush();
        }
    }

    private void apply(Record<String, AccountEnvelope> record) {
        AccountEnvelope envelope = record.value();
        Object payload = envelope.getPayload();
        if (envelope.getKind() == EnvelopeKind.WITHDRAWN) {
            // Checked, not cast: Kafka Streams takes a ClassCastException for a serde mistake and stops the client,
            // while an IllegalStateException reaches the processing exception handler.
            if (!(payload instanceof Meeting previous)) {
                throw new IllegalStateException("a WITHDRAWN envelope must carry a meeting, not " + payload);
            }
            meetings.withdrawn(previous);
            return;
        }
        Instant eventTime = Instant.ofEpochMilli(record.timestamp());
        countEvent(envelope.getStream(), planForTotals(payload, eventTime), eventTime);
        if (envelope.getKind() == EnvelopeKind.SUPERSEDED) {
            return;
        }
        if (payload instanceof User user) {
            plans.remember(user);
        } else if (payload instanceof Meeting meeting) {
            meetings.current(meeting);
        } else if (payload instanceof AttendanceActivity attendance) {
            activity.permanent(attendance.getUserId(), attendance.getJoinTime());
        } else if (payload instanceof FeatureActivity feature) {
            recordFeatureUsage(feature);
        } else if (payload instanceof Webinar webinar) {
            usage.add(webinar.getHostUserId(), plans.planOf(webinar.getHostUserId(), webinar.getEventTime()),
                    Meters.WEBINAR_REGISTRANTS, periods.month(webinar.getStartTime()),
                    Fraction.of(webinar.getRegistrants()), 1);
        } else if (payload instanceof BillingEvent event) {
            billing.record(event);
        }
    }

    private void recordFeatureUsage(FeatureActivity feature) {
        activity.permanent(feature.getUserId(), feature.getEventTime());
        if (Meters.RECORDING_FEATURE.equals(feature.getFeatureName())) {
            usage.add(feature.getUserId(), plans.planOf(feature.getUserId(), feature.getEventTime()),
                    Meters.RECORDING_MINUTES, periods.month(feature.getEventTime()),
                    Fraction.of(feature.getUsageSeconds()).dividedBy(60), 1);
        }
    }

    private void countEvent(String stream, String plan, Instant eventTime) {
        long time = eventTime.toEpochMilli();
        // Records of a stream and plan mostly fall in the hour of the one before: their keys are computed once.
        TotalsKeys keys = totalsKeys.computeIfAbsent(stream, s -> new HashMap<>()).get(plan);
        if (keys == null || time < keys.hourStart() || time >= keys.hourEnd()) {
            Instant hour = periods.bucketStart(PeriodType.HOURLY, eventTime);
            keys = new TotalsKeys(hour.toEpochMilli(), periods.bucketEnd(PeriodType.HOURLY, hour).toEpochMilli(),
                    Periods.BUCKETS.stream().map(bucket -> AggregateKeys.eventTotals(stream, plan, bucket,
                            periods.bucketStart(bucket, eventTime))).toList());
            totalsKeys.get(stream).put(plan, keys);
        }
        for (AggregateKey key : keys.keys()) {
            partials.addCount(key, Measure.EVENTS, 1);
        }
    }

    /** The event-total keys (HOURLY, DAILY) of one stream and plan for the hour [hourStart, hourEnd). */
    private record TotalsKeys(long hourStart, long hourEnd, List<AggregateKey> keys) {
    }

    /** SPEC 2: the plan an accepted record counts under in the event totals. */
    private String planForTotals(Object payload, Instant eventTime) {
        if (payload instanceof User user) {
            return user.getPlanType().name();
        } else if (payload instanceof Plan plan) {
            return plan.getPlanType().name();
        } else if (payload instanceof BillingEvent event) {
            return event.getPlanType().name();
        } else if (payload instanceof ServiceStatus) {
            return AggregateKeys.NO_PLAN;
        } else if (payload instanceof License license) {
            String user = license.getAssignedUserId();
            return user == null || user.isBlank() ? AggregateKeys.NO_PLAN : plans.planOf(user, eventTime);
        } else if (payload instanceof Meeting meeting) {
            return plans.planOf(meeting.getHostUserId(), eventTime);
        } else if (payload instanceof Webinar webinar) {
            return plans.planOf(webinar.getHostUserId(), eventTime);
        } else if (payload instanceof AttendanceActivity attendance) {
            return plans.planOf(attendance.getUserId(), eventTime);
        } else if (payload instanceof FeatureActivity feature) {
            return plans.planOf(feature.getUserId(), eventTime);
        } else if (payload instanceof SupportTicket ticket) {
            return plans.planOf(ticket.getUserId(), eventTime);
        }
        throw new IllegalStateException("no plan rule for " + payload.getClass().getSimpleName());
    }
}
