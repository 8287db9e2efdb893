package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.FeatureActivity;
import io.zoommetering.avro.internal.MeetingContribution;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.time.Periods;

/**
 * The usage meters of the plan catalog (SPEC 1, gold.usage-by-product), read off the records and meeting
 * contributions and told to the ledgers as metered usage of an account, under its plan, in a month.
 */
final class UsageMeters implements Ledger {

    private final Ledger events;
    private final PlanResolver plans;
    private final Periods periods;

    UsageMeters(Ledger events, PlanResolver plans, Periods periods) {
        this.events = events;
        this.plans = plans;
        this.periods = periods;
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent()) {
            return;
        }
        if (record.payload() instanceof Webinar webinar) {
            events.usage(
                    webinar.getHostUserId(),
                    plans.planOf(webinar.getHostUserId(), webinar.getEventTime()),
                    Meters.WEBINAR_REGISTRANTS,
                    webinar.getStartTime(),
                    periods.month(webinar.getStartTime()),
                    Fraction.of(webinar.getRegistrants()),
                    1);
        } else if (record.payload() instanceof FeatureActivity feature
                && Meters.RECORDING_FEATURE.equals(feature.getFeatureName())) {
            events.usage(
                    feature.getUserId(),
                    plans.planOf(feature.getUserId(), feature.getEventTime()),
                    Meters.RECORDING_MINUTES,
                    feature.getEventTime(),
                    periods.month(feature.getEventTime()),
                    Fraction.of(feature.getUsageSeconds()).dividedBy(60),
                    1);
        }
    }

    /** Minutes of a hosted meeting whose current state is ENDED, under the plan of that state. */
    @Override
    public void meeting(String host, MeetingContribution contribution, int sign) {
        Long minutes = contribution.getDurationMinutes();
        if (minutes != null) {
            events.usage(
                    host,
                    contribution.getPlanType(),
                    Meters.MEETING_MINUTES,
                    contribution.getStartTime(),
                    periods.month(contribution.getStartTime()),
                    Fraction.of(sign * minutes),
                    sign);
        }
    }
}
