package io.zoommetering.topology;

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
import java.util.concurrent.atomic.AtomicLong;

/** Concise builders of input records for tests; each call gets a fresh event id unless one is given. */
public final class Events {

    private static final AtomicLong IDS = new AtomicLong();

    private Events() {}

    public static Instant at(String isoInstant) {
        return Instant.parse(isoInstant);
    }

    public static String newId() {
        return "e-" + IDS.incrementAndGet();
    }

    public static User user(String userId, PlanType plan, Instant eventTime) {
        return User.newBuilder()
                .setEventId(newId())
                .setEventTime(eventTime)
                .setSourceSystem("test")
                .setUserId(userId)
                .setUserName("Name " + userId)
                .setEmail(userId + "@example.com")
                .setCompany("Acme")
                .setPlanType(plan)
                .setUserStatus(UserStatus.ACTIVE)
                .setLocation("EU")
                .setRegistrationDate(LocalDate.of(2025, 1, 1))
                .build();
    }

    public static Meeting started(String meetingId, String host, Instant start) {
        return Meeting.newBuilder()
                .setEventId(newId())
                .setEventTime(start)
                .setSourceSystem("test")
                .setMeetingId(meetingId)
                .setHostUserId(host)
                .setMeetingTopic("Topic " + meetingId)
                .setMeetingType(MeetingType.SCHEDULED)
                .setStatus(MeetingStatus.STARTED)
                .setStartTime(start)
                .setParticipantCount(3)
                .setRecording(false)
                .build();
    }

    public static Meeting ended(String meetingId, String host, Instant start, int minutes) {
        Instant end = start.plus(Duration.ofMinutes(minutes));
        return Meeting.newBuilder(started(meetingId, host, start))
                .setEventId(newId())
                .setEventTime(end)
                .setStatus(MeetingStatus.ENDED)
                .setEndTime(end)
                .setDurationMinutes(minutes)
                .build();
    }

    public static Attendance attendance(String meetingId, String userId, Instant join) {
        return Attendance.newBuilder()
                .setEventId(newId())
                .setEventTime(join.plusSeconds(600))
                .setSourceSystem("test")
                .setMeetingId(meetingId)
                .setUserId(userId)
                .setJoinTime(join)
                .setLeaveTime(join.plusSeconds(600))
                .setParticipationLevel(ParticipationLevel.ACTIVE)
                .setConnectionQuality(ConnectionQuality.GOOD)
                .build();
    }

    public static FeatureUsage feature(String userId, String feature, long seconds, Instant at) {
        return FeatureUsage.newBuilder()
                .setEventId(newId())
                .setEventTime(at)
                .setSourceSystem("test")
                .setMeetingId(null)
                .setUserId(userId)
                .setFeatureName(feature)
                .setUsageCount(1)
                .setUsageSeconds(seconds)
                .setSuccess(true)
                .build();
    }

    public static Webinar webinar(String webinarId, String host, Instant start, int registrants) {
        return Webinar.newBuilder()
                .setEventId(newId())
                .setEventTime(start.plusSeconds(3600))
                .setSourceSystem("test")
                .setWebinarId(webinarId)
                .setHostUserId(host)
                .setWebinarTopic("W")
                .setStartTime(start)
                .setEndTime(start.plusSeconds(3600))
                .setRegistrants(registrants)
                .setAttendees(registrants / 2)
                .build();
    }

    public static BillingEvent billing(
            String userId,
            BillingEventType type,
            PlanType plan,
            String amount,
            Instant at,
            LocalDate serviceStart,
            LocalDate serviceEnd) {
        return BillingEvent.newBuilder()
                .setEventId(newId())
                .setEventTime(at)
                .setSourceSystem("test")
                .setUserId(userId)
                .setEventType(type)
                .setPlanType(plan)
                .setAmount(new BigDecimal(amount))
                .setCurrency("USD")
                .setPaymentMethod("CARD")
                .setInvoiceNumber("INV-" + IDS.get())
                .setServicePeriodStart(serviceStart)
                .setServicePeriodEnd(serviceEnd)
                .build();
    }

    public static Plan plan(
            PlanType plan,
            Map<String, Long> included,
            Map<String, BigDecimal> prices,
            Map<String, Long> thresholds,
            Instant at) {
        return Plan.newBuilder()
                .setEventId(newId())
                .setEventTime(at)
                .setSourceSystem("test")
                .setPlanType(plan)
                .setMonthlyPrice(new BigDecimal("20.00"))
                .setCurrency("USD")
                .setIncludedQuantities(included)
                .setOverageUnitPrices(prices)
                .setOverageAlertThresholds(thresholds)
                .build();
    }

    /** A meeting's ENDED state with an event time of its own (a correction sent later, or an old state sent late). */
    public static Meeting ended(String meetingId, String host, Instant start, int minutes, Instant eventTime) {
        return Meeting.newBuilder(ended(meetingId, host, start, minutes))
                .setEventTime(eventTime)
                .build();
    }

    /** A meeting's STARTED state with an event time of its own. */
    public static Meeting started(String meetingId, String host, Instant start, Instant eventTime) {
        return Meeting.newBuilder(started(meetingId, host, start))
                .setEventTime(eventTime)
                .build();
    }

    public static BillingEvent oneOff(String userId, BillingEventType type, PlanType plan, String amount, Instant at) {
        return billing(userId, type, plan, amount, at, null, null);
    }

    public static License license(String licenseId, String assignedUserId, Instant at) {
        return License.newBuilder()
                .setEventId(newId())
                .setEventTime(at)
                .setSourceSystem("test")
                .setLicenseId(licenseId)
                .setLicenseType("PRO_SEAT")
                .setAssignedUserId(assignedUserId)
                .setStartDate(LocalDate.of(2026, 1, 1))
                .setEndDate(LocalDate.of(2026, 12, 31))
                .setLicenseStatus(LicenseStatus.ACTIVE)
                .setRenewalDate(null)
                .build();
    }

    /** A license state of its own type, days and status; a null assignee is an unassigned license. */
    public static License license(
            String licenseId,
            String type,
            String assignedUserId,
            LocalDate start,
            LocalDate end,
            LicenseStatus status,
            Instant at) {
        return License.newBuilder(license(licenseId, assignedUserId, at))
                .setLicenseType(type)
                .setStartDate(start)
                .setEndDate(end)
                .setLicenseStatus(status)
                .build();
    }

    public static ServiceStatus serviceStatus(String component, ComponentStatus status, Instant at) {
        return ServiceStatus.newBuilder()
                .setEventId(newId())
                .setEventTime(at)
                .setSourceSystem("test")
                .setComponent(component)
                .setStatus(status)
                .build();
    }

    public static SupportTicket ticket(String ticketId, String userId, Instant at) {
        return SupportTicket.newBuilder()
                .setEventId(newId())
                .setEventTime(at)
                .setSourceSystem("test")
                .setTicketId(ticketId)
                .setUserId(userId)
                .setTicketType(TicketType.TECHNICAL)
                .setIssueCategory(IssueCategory.AUDIO)
                .setPriority(TicketPriority.MEDIUM)
                .setStatus(TicketStatus.OPEN)
                .setOpenTime(at)
                .setFirstResponseTime(null)
                .setResolvedTime(null)
                .setCsatScore(null)
                .build();
    }

    /**
     * A ticket's full state at eventTime: its type, status and times (first response, resolution and score null
     * until given).
     */
    public static SupportTicket ticket(
            String ticketId,
            String userId,
            TicketType type,
            TicketStatus status,
            Instant opened,
            Instant firstResponse,
            Instant resolved,
            Integer csat,
            Instant eventTime) {
        return SupportTicket.newBuilder(ticket(ticketId, userId, eventTime))
                .setTicketType(type)
                .setStatus(status)
                .setOpenTime(opened)
                .setFirstResponseTime(firstResponse)
                .setResolvedTime(resolved)
                .setCsatScore(csat)
                .build();
    }

    /** A catalog entry for one meter: units included a month, the price of a unit over, the alert threshold. */
    public static Plan plan(PlanType plan, String meter, long included, String unitPrice, long threshold, Instant at) {
        return plan(
                plan, Map.of(meter, included), Map.of(meter, new BigDecimal(unitPrice)), Map.of(meter, threshold), at);
    }
}
