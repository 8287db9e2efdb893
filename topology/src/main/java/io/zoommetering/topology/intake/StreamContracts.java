package io.zoommetering.topology.intake;

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
import io.zoommetering.topology.topics.Topic;
import io.zoommetering.topology.topics.TopicId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The contract of each input stream (SPEC 1 and 2). Checks shared by every stream (identity fields, unknown enum
 * symbols, future event times) live in {@link IntakeProcessor}; the stream-specific ones are here.
 */
public final class StreamContracts {

    private final Set<String> currencies;

    /** @param currencyRates the accepted currencies; a record in any other is invalid */
    public StreamContracts(Map<String, BigDecimal> currencyRates) {
        this.currencies = Set.copyOf(currencyRates.keySet());
    }

    public StreamContract<User> users() {
        return new StreamContract<>(
                TopicId.USERS,
                User::getEventId,
                User::getEventTime,
                "user_id",
                User::getUserId,
                User::getEventTime,
                (user, v) -> {},
                false);
    }

    public StreamContract<Meeting> meetings() {
        return new StreamContract<>(
                TopicId.MEETINGS,
                Meeting::getEventId,
                Meeting::getEventTime,
                "meeting_id",
                Meeting::getMeetingId,
                Meeting::getStartTime,
                (meeting, v) -> {
                    v.requireNotBlank("host_user_id", meeting.getHostUserId());
                    if (meeting.getStatus() == MeetingStatus.ENDED) {
                        if (meeting.getEndTime() == null) {
                            v.add("ENDED meeting without end_time");
                        }
                        if (meeting.getDurationMinutes() == null) {
                            v.add("ENDED meeting without duration_minutes");
                        }
                    }
                    v.requireOrdered("start_time", meeting.getStartTime(), "end_time", meeting.getEndTime());
                    if (meeting.getDurationMinutes() != null) {
                        v.requireNotNegative("duration_minutes", meeting.getDurationMinutes());
                    }
                    v.requireNotNegative("participant_count", meeting.getParticipantCount());
                },
                false);
    }

    public StreamContract<Attendance> attendance() {
        return new StreamContract<>(
                TopicId.ATTENDANCE,
                Attendance::getEventId,
                Attendance::getEventTime,
                "meeting_id",
                Attendance::getMeetingId,
                Attendance::getJoinTime,
                (attendance, v) -> {
                    v.requireNotBlank("user_id", attendance.getUserId());
                    v.requireOrdered("join_time", attendance.getJoinTime(), "leave_time", attendance.getLeaveTime());
                },
                false);
    }

    public StreamContract<FeatureUsage> featureUsage() {
        return new StreamContract<>(
                TopicId.FEATURE_USAGE,
                FeatureUsage::getEventId,
                FeatureUsage::getEventTime,
                "user_id",
                FeatureUsage::getUserId,
                FeatureUsage::getEventTime,
                (usage, v) -> {
                    v.requireNotBlank("feature_name", usage.getFeatureName());
                    v.requireNotNegative("usage_count", usage.getUsageCount());
                    v.requireNotNegative("usage_seconds", usage.getUsageSeconds());
                },
                false);
    }

    public StreamContract<Webinar> webinars() {
        return new StreamContract<>(
                TopicId.WEBINARS,
                Webinar::getEventId,
                Webinar::getEventTime,
                "webinar_id",
                Webinar::getWebinarId,
                Webinar::getStartTime,
                (webinar, v) -> {
                    v.requireNotBlank("host_user_id", webinar.getHostUserId());
                    v.requireOrdered("start_time", webinar.getStartTime(), "end_time", webinar.getEndTime());
                    v.requireNotNegative("registrants", webinar.getRegistrants());
                    v.requireNotNegative("attendees", webinar.getAttendees());
                },
                false);
    }

    public StreamContract<SupportTicket> supportTickets() {
        return new StreamContract<>(
                TopicId.SUPPORT_TICKETS,
                SupportTicket::getEventId,
                SupportTicket::getEventTime,
                "ticket_id",
                SupportTicket::getTicketId,
                // A ticket changes the periods of its open, first response and resolution: open_time is the first.
                ticket -> earliest(ticket.getEventTime(), ticket.getOpenTime()),
                (ticket, v) -> {
                    v.requireNotBlank("user_id", ticket.getUserId());
                    v.requireOrdered("open_time", ticket.getOpenTime(), "resolved_time", ticket.getResolvedTime());
                    v.requireOrdered(
                            "open_time", ticket.getOpenTime(), "first_response_time", ticket.getFirstResponseTime());
                    Integer csat = ticket.getCsatScore();
                    if (csat != null && (csat < 1 || csat > 5)) {
                        v.add("csat_score " + csat + " is outside 1-5");
                    }
                },
                false);
    }

    public StreamContract<BillingEvent> billingEvents() {
        return new StreamContract<>(
                TopicId.BILLING_EVENTS,
                BillingEvent::getEventId,
                BillingEvent::getEventTime,
                "user_id",
                BillingEvent::getUserId,
                // Recurring revenue lands in the months of the service period, which may begin before the event.
                billing -> earliest(
                        billing.getEventTime(),
                        billing.getServicePeriodStart() == null
                                ? null
                                : billing.getServicePeriodStart()
                                        .atStartOfDay(ZoneOffset.UTC)
                                        .toInstant()),
                (billing, v) -> {
                    v.requireNotNegative("amount", billing.getAmount());
                    requireKnownCurrency(billing.getCurrency(), v);
                    if ((billing.getServicePeriodStart() == null) != (billing.getServicePeriodEnd() == null)) {
                        v.add("service_period_start and service_period_end must both be set or both be null");
                    }
                    v.requireOrdered(
                            "service_period_start",
                            billing.getServicePeriodStart(),
                            "service_period_end",
                            billing.getServicePeriodEnd());
                },
                false);
    }

    public StreamContract<License> licenses() {
        return new StreamContract<>(
                TopicId.LICENSES,
                License::getEventId,
                License::getEventTime,
                "license_id",
                License::getLicenseId,
                License::getEventTime,
                (license, v) -> {
                    v.requireNotBlank("license_type", license.getLicenseType());
                    v.requireOrdered("start_date", license.getStartDate(), "end_date", license.getEndDate());
                },
                false);
    }

    public StreamContract<Plan> plans() {
        return new StreamContract<>(
                TopicId.PLANS,
                Plan::getEventId,
                Plan::getEventTime,
                "plan_type",
                plan -> plan.getPlanType().name(),
                Plan::getEventTime,
                (plan, v) -> {
                    v.requireNotNegative("monthly_price", plan.getMonthlyPrice());
                    requireKnownCurrency(plan.getCurrency(), v);
                    plan.getIncludedQuantities()
                            .forEach((meter, units) -> v.requireNotNegative("included_quantities." + meter, units));
                    plan.getOverageUnitPrices()
                            .forEach((meter, price) -> v.requireNotNegative("overage_unit_prices." + meter, price));
                    plan.getOverageAlertThresholds()
                            .forEach(
                                    (meter, units) -> v.requireNotNegative("overage_alert_thresholds." + meter, units));
                },
                true);
    }

    public StreamContract<ServiceStatus> serviceStatus() {
        return new StreamContract<>(
                TopicId.SERVICE_STATUS,
                ServiceStatus::getEventId,
                ServiceStatus::getEventTime,
                "component",
                ServiceStatus::getComponent,
                ServiceStatus::getEventTime,
                (status, v) -> {},
                false);
    }

    /** The contract of the stream read from the given input topic. */
    @SuppressWarnings("unchecked")
    public <V extends SpecificRecord> StreamContract<V> forTopic(Topic<String, V> topic) {
        StreamContract<?> contract = switch (TopicId.of(topic)) {
            case USERS -> users();
            case MEETINGS -> meetings();
            case ATTENDANCE -> attendance();
            case FEATURE_USAGE -> featureUsage();
            case WEBINARS -> webinars();
            case SUPPORT_TICKETS -> supportTickets();
            case BILLING_EVENTS -> billingEvents();
            case LICENSES -> licenses();
            case PLANS -> plans();
            case SERVICE_STATUS -> serviceStatus();
            default -> throw new IllegalArgumentException(topic.configName() + " is not an input stream");
        };
        return (StreamContract<V>) contract;
    }

    private void requireKnownCurrency(String currency, Violations v) {
        if (!currencies.contains(currency)) {
            v.add("currency " + currency + " has no configured rate (zm.currency.rates)");
        }
    }

    private static Instant earliest(Instant eventTime, Instant other) {
        return other != null && other.isBefore(eventTime) ? other : eventTime;
    }
}
