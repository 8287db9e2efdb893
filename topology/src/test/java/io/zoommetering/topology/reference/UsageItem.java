package io.zoommetering.topology.reference;

import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.Webinar;
import java.util.Optional;

/**
 * One record's contribution to a meter of a product in a month, for one account (docs/SEMANTICS.md,
 * gold.usage-by-product).
 */
record UsageItem(String account, ProductMeterKey product, Fraction units) {

    static final String MEETING_MINUTES = "meeting_minutes";
    static final String WEBINAR_REGISTRANTS = "webinar_registrants";
    static final String RECORDING_MINUTES = "recording_minutes";

    private static final String RECORDING = "RECORDING";
    private static final long SECONDS_PER_MINUTE = 60;

    /** A meeting counts with its duration once its current state is ENDED, in the month of start_time. */
    static Optional<UsageItem> ofMeeting(Planned<Meeting> meeting, Periods periods) {
        Meeting state = meeting.value();
        if (state.getStatus() != MeetingStatus.ENDED) {
            return Optional.empty();
        }
        return Optional.of(new UsageItem(
                state.getHostUserId(),
                new ProductMeterKey(meeting.plan(), MEETING_MINUTES, periods.month(state.getStartTime())),
                Fraction.of(state.getDurationMinutes())));
    }

    /** A webinar counts with its registrants, in the month of start_time. */
    static UsageItem ofWebinar(Planned<Webinar> webinar, Periods periods) {
        Webinar value = webinar.value();
        return new UsageItem(
                value.getHostUserId(),
                new ProductMeterKey(webinar.plan(), WEBINAR_REGISTRANTS, periods.month(value.getStartTime())),
                Fraction.of(value.getRegistrants()));
    }

    /** A RECORDING feature usage counts with usage_seconds ÷ 60 (exact), in the month of event_time. */
    static Optional<UsageItem> ofFeatureUsage(Planned<FeatureUsage> usage, Periods periods) {
        FeatureUsage value = usage.value();
        if (!RECORDING.equals(value.getFeatureName())) {
            return Optional.empty();
        }
        return Optional.of(new UsageItem(
                value.getUserId(),
                new ProductMeterKey(usage.plan(), RECORDING_MINUTES, periods.month(value.getEventTime())),
                Fraction.of(value.getUsageSeconds(), SECONDS_PER_MINUTE)));
    }
}
