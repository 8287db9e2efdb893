package io.zoommetering.topology.reference;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.avro.support.IssueCategory;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketPriority;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.support.TicketType;
import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.ConnectionQuality;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.MeetingType;
import io.zoommetering.avro.usage.ParticipationLevel;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.UserStatus;
import io.zoommetering.avro.usage.Webinar;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Builds valid input records with fresh event ids; the fields no output depends on get plain fixed values.
 * {@link RandomEventSets} decides everything that matters (ids, times, amounts, plans) and breaks records itself.
 */
final class EventFactory {

    private static final String SOURCE_SYSTEM = "zoom-platform";

    private int lastEventId;

    String nextEventId() {
        return "evt-" + ++lastEventId;
    }

    Plan plan(
            PlanType type,
            Instant at,
            BigDecimal monthlyPrice,
            Map<String, Long> included,
            Map<String, BigDecimal> unitPrices,
            Map<String, Long> thresholds) {
        return Plan.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(SOURCE_SYSTEM)
                .setPlanType(type)
                .setMonthlyPrice(monthlyPrice)
                .setCurrency("USD")
                .setIncludedQuantities(included)
                .setOverageUnitPrices(unitPrices)
                .setOverageAlertThresholds(thresholds)
                .build();
    }

    User user(String userId, Instant at, PlanType plan, UserStatus status, LocalDate registered) {
        return User.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(SOURCE_SYSTEM)
                .setUserId(userId)
                .setUserName("User " + userId)
                .setEmail(userId + "@example.com")
                .setCompany("Company of " + userId)
                .setPlanType(plan)
                .setUserStatus(status)
                .setLocation("EMEA")
                .setRegistrationDate(registered)
                .build();
    }

    Meeting meetingStarted(String meetingId, String host, Instant start) {
        return Meeting.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(start)
                .setSourceSystem(SOURCE_SYSTEM)
                .setMeetingId(meetingId)
                .setHostUserId(host)
                .setMeetingTopic("Topic " + meetingId)
                .setMeetingType(MeetingType.SCHEDULED)
                .setStatus(MeetingStatus.STARTED)
                .setStartTime(start)
                .setParticipantCount(1)
                .setRecording(false)
                .build();
    }

    /** An ENDED state reported at {@code reportedAt} (normally its end time). */
    Meeting meetingEnded(String meetingId, String host, Instant start, int durationMinutes, Instant reportedAt) {
        return Meeting.newBuilder(meetingStarted(meetingId, host, start))
                .setEventId(nextEventId())
                .setEventTime(reportedAt)
                .setStatus(MeetingStatus.ENDED)
                .setEndTime(start.plus(Duration.ofMinutes(durationMinutes)))
                .setDurationMinutes(durationMinutes)
                .setParticipantCount(3)
                .build();
    }

    Attendance attendance(String meetingId, String userId, Instant join, Instant leave) {
        return Attendance.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(leave)
                .setSourceSystem(SOURCE_SYSTEM)
                .setMeetingId(meetingId)
                .setUserId(userId)
                .setJoinTime(join)
                .setLeaveTime(leave)
                .setParticipationLevel(ParticipationLevel.ACTIVE)
                .setConnectionQuality(ConnectionQuality.GOOD)
                .build();
    }

    /** A feature usage; a null meeting id is a use outside any meeting. */
    FeatureUsage featureUsage(String meetingId, String userId, String feature, Instant at, int count, long seconds) {
        return FeatureUsage.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(SOURCE_SYSTEM)
                .setMeetingId(meetingId)
                .setUserId(userId)
                .setFeatureName(feature)
                .setUsageCount(count)
                .setUsageSeconds(seconds)
                .setSuccess(true)
                .build();
    }

    Webinar webinar(String webinarId, String host, Instant start, Instant end, int registrants, int attendees) {
        return Webinar.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(end)
                .setSourceSystem(SOURCE_SYSTEM)
                .setWebinarId(webinarId)
                .setHostUserId(host)
                .setWebinarTopic("Webinar " + webinarId)
                .setStartTime(start)
                .setEndTime(end)
                .setRegistrants(registrants)
                .setAttendees(attendees)
                .build();
    }

    /** A billing event; null service dates make a one-off charge. */
    BillingEvent billing(
            String userId,
            Instant at,
            BillingEventType type,
            PlanType plan,
            BigDecimal amount,
            LocalDate serviceStart,
            LocalDate serviceEnd) {
        return BillingEvent.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(SOURCE_SYSTEM)
                .setUserId(userId)
                .setEventType(type)
                .setPlanType(plan)
                .setAmount(amount)
                .setCurrency("USD")
                .setPaymentMethod("CARD")
                .setInvoiceNumber("INV-" + lastEventId)
                .setServicePeriodStart(serviceStart)
                .setServicePeriodEnd(serviceEnd)
                .build();
    }

    /** A license; a null assignee is an unassigned license. */
    License license(
            String licenseId,
            Instant at,
            String type,
            String assignee,
            LocalDate start,
            LocalDate end,
            LicenseStatus status) {
        return License.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(SOURCE_SYSTEM)
                .setLicenseId(licenseId)
                .setLicenseType(type)
                .setAssignedUserId(assignee)
                .setStartDate(start)
                .setEndDate(end)
                .setLicenseStatus(status)
                .setRenewalDate(null)
                .build();
    }

    SupportTicket ticket(
            String ticketId,
            String userId,
            Instant at,
            TicketStatus status,
            Instant opened,
            Instant firstResponse,
            Instant resolved,
            Integer csat) {
        return ticket(ticketId, userId, TicketType.TECHNICAL, at, status, opened, firstResponse, resolved, csat);
    }

    SupportTicket ticket(
            String ticketId,
            String userId,
            TicketType type,
            Instant at,
            TicketStatus status,
            Instant opened,
            Instant firstResponse,
            Instant resolved,
            Integer csat) {
        return SupportTicket.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(SOURCE_SYSTEM)
                .setTicketId(ticketId)
                .setUserId(userId)
                .setTicketType(type)
                .setIssueCategory(IssueCategory.AUDIO)
                .setPriority(TicketPriority.MEDIUM)
                .setStatus(status)
                .setOpenTime(opened)
                .setFirstResponseTime(firstResponse)
                .setResolvedTime(resolved)
                .setCsatScore(csat)
                .build();
    }

    ServiceStatus serviceStatus(String component, Instant at, ComponentStatus status) {
        return ServiceStatus.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(SOURCE_SYSTEM)
                .setComponent(component)
                .setStatus(status)
                .build();
    }
}
