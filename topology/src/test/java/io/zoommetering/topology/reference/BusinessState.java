package io.zoommetering.topology.reference;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.Webinar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the accepted records leave behind, replayed one by one in processing order: that order matters for the plan
 * of a record (resolved from the profiles processed before it), for the current state of a meeting, and for the
 * plan catalog an overage is computed with. The gold tables are then plain aggregations over these facts.
 */
final class BusinessState {

    static final String NONE = "NONE";

    /** An accepted record as gold.event-totals counts it. */
    record Counted(String stream, String plan, Instant eventTime) {}

    private final Periods periods;
    private final ProfileHistory profiles = new ProfileHistory();
    private final Map<String, Plan> catalog = new HashMap<>();
    private final Map<String, Planned<Meeting>> currentMeetings = new LinkedHashMap<>();
    private final List<Attendance> attendances = new ArrayList<>();
    private final List<Planned<FeatureUsage>> featureUsages = new ArrayList<>();
    private final List<Planned<Webinar>> webinars = new ArrayList<>();
    private final List<BillingEvent> billingEvents = new ArrayList<>();
    private final List<Counted> counted = new ArrayList<>();
    /**
     * Per product, meter and month: the catalog entry as it stood when the product's usage last changed (absent
     * when the plan was not in the catalog then). The catalog applies to usage processed after it, not
     * retroactively, so an overage is as the processor computed it at the product's last change.
     */
    private final Map<ProductMeterKey, Plan> catalogAtLastUsageChange = new HashMap<>();

    private BusinessState(Periods periods) {
        this.periods = periods;
    }

    static BusinessState replay(List<ReferenceIntake.Accepted> accepted, Periods periods) {
        BusinessState state = new BusinessState(periods);
        accepted.forEach(state::apply);
        return state;
    }

    Map<String, Planned<Meeting>> currentMeetings() {
        return currentMeetings;
    }

    List<Attendance> attendances() {
        return attendances;
    }

    List<Planned<FeatureUsage>> featureUsages() {
        return featureUsages;
    }

    List<Planned<Webinar>> webinars() {
        return webinars;
    }

    List<BillingEvent> billingEvents() {
        return billingEvents;
    }

    List<Counted> counted() {
        return counted;
    }

    Optional<Plan> catalogAtLastUsageChange(ProductMeterKey product) {
        return Optional.ofNullable(catalogAtLastUsageChange.get(product));
    }

    private void apply(ReferenceIntake.Accepted record) {
        SpecificRecord value = record.value();
        if (value == null) {
            catalog.remove(record.key());
            return;
        }
        String plan = planOf(value);
        counted.add(new Counted(
                Topics.streamName(record.topic()), plan, Envelope.of(value).eventTime()));
        if (value instanceof User user) {
            profiles.add(user);
        } else if (value instanceof Plan product) {
            catalog.put(product.getPlanType().name(), product);
        } else if (value instanceof Meeting meeting) {
            applyMeeting(new Planned<>(meeting, plan));
        } else if (value instanceof Attendance attendance) {
            attendances.add(attendance);
        } else if (value instanceof FeatureUsage usage) {
            Planned<FeatureUsage> planned = new Planned<>(usage, plan);
            featureUsages.add(planned);
            UsageItem.ofFeatureUsage(planned, periods).ifPresent(this::usageChanged);
        } else if (value instanceof Webinar webinar) {
            Planned<Webinar> planned = new Planned<>(webinar, plan);
            webinars.add(planned);
            usageChanged(UsageItem.ofWebinar(planned, periods));
        } else if (value instanceof BillingEvent billing) {
            billingEvents.add(billing);
        }
    }

    /** Upsert by event_time, ties to the later record; an older state is counted but changes nothing else. */
    private void applyMeeting(Planned<Meeting> state) {
        String meetingId = state.value().getMeetingId();
        Planned<Meeting> current = currentMeetings.get(meetingId);
        if (current != null
                && state.value().getEventTime().isBefore(current.value().getEventTime())) {
            return;
        }
        if (current != null) {
            UsageItem.ofMeeting(current, periods).ifPresent(this::usageChanged);
        }
        currentMeetings.put(meetingId, state);
        UsageItem.ofMeeting(state, periods).ifPresent(this::usageChanged);
    }

    private void usageChanged(UsageItem item) {
        ProductMeterKey product = item.product();
        Plan entry = catalog.get(product.getPlanType());
        if (entry == null) {
            catalogAtLastUsageChange.remove(product);
        } else {
            catalogAtLastUsageChange.put(product, entry);
        }
    }

    /** docs/SEMANTICS.md, "The plan of a record", resolved from the profiles processed before this record. */
    private String planOf(SpecificRecord value) {
        if (value instanceof User user) {
            return user.getPlanType().name();
        } else if (value instanceof Plan product) {
            return product.getPlanType().name();
        } else if (value instanceof BillingEvent billing) {
            return billing.getPlanType().name();
        } else if (value instanceof Meeting meeting) {
            return profiles.planOf(meeting.getHostUserId(), meeting.getEventTime());
        } else if (value instanceof Webinar webinar) {
            return profiles.planOf(webinar.getHostUserId(), webinar.getEventTime());
        } else if (value instanceof Attendance attendance) {
            return profiles.planOf(attendance.getUserId(), attendance.getEventTime());
        } else if (value instanceof FeatureUsage usage) {
            return profiles.planOf(usage.getUserId(), usage.getEventTime());
        } else if (value instanceof SupportTicket ticket) {
            return profiles.planOf(ticket.getUserId(), ticket.getEventTime());
        } else if (value instanceof License license) {
            String assignee = license.getAssignedUserId();
            return assignee == null ? NONE : profiles.planOf(assignee, license.getEventTime());
        }
        return NONE;
    }
}
