package io.zoommetering.topology.reference;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.Webinar;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Intake step 3 (docs/SEMANTICS.md): the contract rules a decoded record must keep. Returns every broken rule, so a
 * failing hand-made case says why; the processor needs only the first.
 */
final class Validation {

    private static final String UNRECOGNIZED = "UNRECOGNIZED";

    private final ReferenceSettings settings;
    private final List<String> problems = new ArrayList<>();

    private Validation(ReferenceSettings settings) {
        this.settings = settings;
    }

    /** The broken rules of a decoded input value; empty when it keeps the contract. */
    static List<String> problems(SpecificRecord value, ReferenceSettings settings) {
        Validation validation = new Validation(settings);
        validation.check(value);
        return List.copyOf(validation.problems);
    }

    private void check(SpecificRecord value) {
        Envelope envelope = Envelope.of(value);
        required("event_id", envelope.eventId());
        if (envelope.eventTime() == null) {
            problems.add("missing event_time");
        } else if (envelope.eventTime().isAfter(settings.processingTime().plus(settings.clockSkew()))) {
            problems.add("event_time beyond the clock skew");
        }
        if (value instanceof User user) {
            required("user_id", user.getUserId());
            known("plan_type", user.getPlanType());
            known("user_status", user.getUserStatus());
        } else if (value instanceof Meeting meeting) {
            checkMeeting(meeting);
        } else if (value instanceof Attendance attendance) {
            required("meeting_id", attendance.getMeetingId());
            required("user_id", attendance.getUserId());
            known("participation_level", attendance.getParticipationLevel());
            known("connection_quality", attendance.getConnectionQuality());
            notBefore("leave_time", attendance.getLeaveTime(), attendance.getJoinTime());
        } else if (value instanceof FeatureUsage usage) {
            // meeting_id is the topic key but nullable (usage outside a meeting); user_id is the required identity.
            required("user_id", usage.getUserId());
            required("feature_name", usage.getFeatureName());
            notNegative("usage_count", usage.getUsageCount());
            notNegative("usage_seconds", usage.getUsageSeconds());
        } else if (value instanceof Webinar webinar) {
            required("webinar_id", webinar.getWebinarId());
            required("host_user_id", webinar.getHostUserId());
            notBefore("end_time", webinar.getEndTime(), webinar.getStartTime());
            notNegative("registrants", webinar.getRegistrants());
            notNegative("attendees", webinar.getAttendees());
        } else if (value instanceof SupportTicket ticket) {
            checkTicket(ticket);
        } else if (value instanceof BillingEvent billing) {
            checkBilling(billing);
        } else if (value instanceof License license) {
            required("license_id", license.getLicenseId());
            required("license_type", license.getLicenseType());
            known("license_status", license.getLicenseStatus());
            if (license.getEndDate().isBefore(license.getStartDate())) {
                problems.add("end_date before start_date");
            }
        } else if (value instanceof Plan plan) {
            known("plan_type", plan.getPlanType());
            rated(plan.getCurrency());
            if (plan.getMonthlyPrice().signum() < 0) {
                problems.add("negative monthly_price");
            }
            plan.getIncludedQuantities().values().forEach(units -> notNegative("included quantity", units));
            plan.getOverageUnitPrices().values().stream()
                    .filter(price -> price.signum() < 0)
                    .forEach(price -> problems.add("negative overage unit price"));
            plan.getOverageAlertThresholds().values().forEach(units -> notNegative("alert threshold", units));
        } else if (value instanceof ServiceStatus status) {
            required("component", status.getComponent());
            known("status", status.getStatus());
        } else {
            throw new IllegalArgumentException(
                    "not an input record: " + value.getSchema().getFullName());
        }
    }

    private void checkMeeting(Meeting meeting) {
        required("meeting_id", meeting.getMeetingId());
        required("host_user_id", meeting.getHostUserId());
        known("meeting_type", meeting.getMeetingType());
        known("status", meeting.getStatus());
        if (meeting.getStatus() == MeetingStatus.ENDED
                && (meeting.getEndTime() == null || meeting.getDurationMinutes() == null)) {
            problems.add("ENDED meeting without end_time or duration_minutes");
        }
        if (meeting.getEndTime() != null) {
            notBefore("end_time", meeting.getEndTime(), meeting.getStartTime());
        }
        if (meeting.getDurationMinutes() != null) {
            notNegative("duration_minutes", meeting.getDurationMinutes());
        }
        notNegative("participant_count", meeting.getParticipantCount());
    }

    private void checkTicket(SupportTicket ticket) {
        required("ticket_id", ticket.getTicketId());
        known("ticket_type", ticket.getTicketType());
        known("issue_category", ticket.getIssueCategory());
        known("priority", ticket.getPriority());
        known("status", ticket.getStatus());
        required("user_id", ticket.getUserId());
        if (ticket.getResolvedTime() != null) {
            notBefore("resolved_time", ticket.getResolvedTime(), ticket.getOpenTime());
        }
        if (ticket.getFirstResponseTime() != null) {
            notBefore("first_response_time", ticket.getFirstResponseTime(), ticket.getOpenTime());
        }
        Integer csat = ticket.getCsatScore();
        if (csat != null && (csat < 1 || csat > 5)) {
            problems.add("csat_score outside 1-5: " + csat);
        }
    }

    private void checkBilling(BillingEvent billing) {
        required("user_id", billing.getUserId());
        known("event_type", billing.getEventType());
        known("plan_type", billing.getPlanType());
        if (billing.getAmount().signum() < 0) {
            problems.add("negative amount");
        }
        rated(billing.getCurrency());
        if ((billing.getServicePeriodStart() == null) != (billing.getServicePeriodEnd() == null)) {
            problems.add("only one of the service period dates");
        } else if (billing.getServicePeriodStart() != null
                && billing.getServicePeriodEnd().isBefore(billing.getServicePeriodStart())) {
            problems.add("service_period_end before service_period_start");
        }
    }

    private void required(String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add("missing " + field);
        }
    }

    private void known(String field, Enum<?> value) {
        if (value.name().equals(UNRECOGNIZED)) {
            problems.add("unrecognized " + field);
        }
    }

    private void notBefore(String field, Instant end, Instant start) {
        if (end.isBefore(start)) {
            problems.add(field + " before its start");
        }
    }

    private void notNegative(String field, long value) {
        if (value < 0) {
            problems.add("negative " + field);
        }
    }

    private void rated(String currency) {
        Map<String, BigDecimal> rates = settings.currencyRates();
        if (!rates.containsKey(currency)) {
            problems.add("no rate for currency " + currency);
        }
    }
}
