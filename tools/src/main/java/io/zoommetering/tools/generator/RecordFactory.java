package io.zoommetering.tools.generator;

import io.zoommetering.app.events.EventRecord;
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
import io.zoommetering.avro.usage.Webinar;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;

/** Builds the input records, each with a fresh event id of its own namespace. */
final class RecordFactory {

    static final String PLATFORM = "zoom-platform";
    static final String BILLING = "zoom-billing";
    static final String SUPPORT = "zoom-support";
    static final String STATUS = "zoom-status";

    private final Topics topics;
    private final String idPrefix;
    private long lastEventId;

    /** @param idPrefix the start of every event id, e.g. {@code e-k3x9-} */
    RecordFactory(Topics topics, String idPrefix) {
        this.topics = topics;
        this.idPrefix = idPrefix;
    }

    Topics topics() {
        return topics;
    }

    String nextEventId() {
        return idPrefix + Long.toString(++lastEventId, 36);
    }

    EventRecord plan(PlanCatalog.Product product, Instant at) {
        Plan plan = Plan.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(BILLING)
                .setPlanType(product.plan())
                .setMonthlyPrice(product.monthlyPrice())
                .setCurrency("USD")
                .setIncludedQuantities(new LinkedHashMap<>(product.included()))
                .setOverageUnitPrices(new LinkedHashMap<>(product.unitPrices()))
                .setOverageAlertThresholds(new LinkedHashMap<>(product.thresholds()))
                .build();
        return EventRecord.of(topics.plans(), product.plan().name(), plan);
    }

    User userValue(Account account, Instant at) {
        return User.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(PLATFORM)
                .setUserId(account.userId)
                .setUserName(account.userName)
                .setEmail(account.email)
                .setCompany(account.company)
                .setPlanType(account.plan)
                .setUserStatus(account.status)
                .setLocation(account.location)
                .setRegistrationDate(account.registrationDate)
                .build();
    }

    EventRecord profile(Account account, Instant at) {
        return EventRecord.of(topics.users(), account.userId, userValue(account, at));
    }

    Meeting meetingValue(
            String meetingId,
            Account host,
            String topic,
            MeetingType type,
            Instant start,
            int participants,
            boolean recording) {
        return Meeting.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(start)
                .setSourceSystem(PLATFORM)
                .setMeetingId(meetingId)
                .setHostUserId(host.userId)
                .setMeetingTopic(topic)
                .setMeetingType(type)
                .setStatus(MeetingStatus.STARTED)
                .setStartTime(start)
                .setParticipantCount(participants)
                .setRecording(recording)
                .build();
    }

    EventRecord meetingStarted(
            String meetingId,
            Account host,
            String topic,
            MeetingType type,
            Instant start,
            int participants,
            boolean recording) {
        return EventRecord.of(
                topics.meetings(),
                meetingId,
                meetingValue(meetingId, host, topic, type, start, participants, recording));
    }

    /** An ENDED state reported at {@code reportedAt}. */
    EventRecord meetingEnded(
            String meetingId,
            Account host,
            String topic,
            MeetingType type,
            Instant start,
            int durationMinutes,
            int participants,
            boolean recording,
            Instant reportedAt) {
        Meeting meeting = meetingValue(meetingId, host, topic, type, start, participants, recording);
        meeting.setEventTime(reportedAt);
        meeting.setStatus(MeetingStatus.ENDED);
        meeting.setEndTime(start.plus(Duration.ofMinutes(durationMinutes)));
        meeting.setDurationMinutes(durationMinutes);
        return EventRecord.of(topics.meetings(), meetingId, meeting);
    }

    EventRecord attendance(
            String meetingId,
            Account user,
            Instant join,
            Instant leave,
            Instant reportedAt,
            ParticipationLevel level,
            ConnectionQuality quality) {
        Attendance attendance = Attendance.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(reportedAt)
                .setSourceSystem(PLATFORM)
                .setMeetingId(meetingId)
                .setUserId(user.userId)
                .setJoinTime(join)
                .setLeaveTime(leave)
                .setParticipationLevel(level)
                .setConnectionQuality(quality)
                .build();
        return EventRecord.of(topics.attendance(), meetingId, attendance);
    }

    /** A feature used in a meeting (keyed by the meeting) or outside one ({@code meetingId} null: keyed by user). */
    EventRecord featureUsage(
            String meetingId, Account user, String feature, Instant at, int count, long seconds, boolean success) {
        FeatureUsage usage = FeatureUsage.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(PLATFORM)
                .setMeetingId(meetingId)
                .setUserId(user.userId)
                .setFeatureName(feature)
                .setUsageCount(count)
                .setUsageSeconds(seconds)
                .setSuccess(success)
                .build();
        return EventRecord.of(topics.featureUsage(), meetingId != null ? meetingId : user.userId, usage);
    }

    EventRecord webinar(
            String webinarId,
            Account host,
            String topic,
            Instant start,
            Instant end,
            int registrants,
            int attendees,
            Instant reportedAt) {
        Webinar webinar = Webinar.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(reportedAt)
                .setSourceSystem(PLATFORM)
                .setWebinarId(webinarId)
                .setHostUserId(host.userId)
                .setWebinarTopic(topic)
                .setStartTime(start)
                .setEndTime(end)
                .setRegistrants(registrants)
                .setAttendees(attendees)
                .build();
        return EventRecord.of(topics.webinars(), webinarId, webinar);
    }

    /** The state of a ticket at {@code at}. */
    EventRecord ticket(Ticket ticket, TicketStatus status, Instant at) {
        SupportTicket value = SupportTicket.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(SUPPORT)
                .setTicketId(ticket.id)
                .setUserId(ticket.account.userId)
                .setTicketType(ticket.type)
                .setIssueCategory(ticket.category)
                .setPriority(ticket.priority)
                .setStatus(status)
                .setOpenTime(ticket.openTime)
                .setFirstResponseTime(ticket.firstResponse)
                .setResolvedTime(ticket.resolved)
                .setCsatScore(ticket.csat)
                .build();
        return EventRecord.of(topics.supportTickets(), ticket.id, value);
    }

    EventRecord billing(
            Account account,
            BillingEventType type,
            PlanType plan,
            BigDecimal amount,
            String paymentMethod,
            String invoice,
            LocalDate periodStart,
            LocalDate periodEnd,
            Instant at) {
        BillingEvent event = BillingEvent.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(BILLING)
                .setUserId(account.userId)
                .setEventType(type)
                .setPlanType(plan)
                .setAmount(amount)
                .setCurrency("USD")
                .setPaymentMethod(paymentMethod)
                .setInvoiceNumber(invoice)
                .setServicePeriodStart(periodStart)
                .setServicePeriodEnd(periodEnd)
                .build();
        return EventRecord.of(topics.billingEvents(), account.userId, event);
    }

    EventRecord license(
            String licenseId,
            String type,
            String assignedUserId,
            LocalDate start,
            LocalDate end,
            LicenseStatus status,
            LocalDate renewal,
            Instant at) {
        License license = License.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(BILLING)
                .setLicenseId(licenseId)
                .setLicenseType(type)
                .setAssignedUserId(assignedUserId)
                .setStartDate(start)
                .setEndDate(end)
                .setLicenseStatus(status)
                .setRenewalDate(renewal)
                .build();
        return EventRecord.of(topics.licenses(), licenseId, license);
    }

    EventRecord serviceStatus(String component, ComponentStatus status, Instant at) {
        ServiceStatus value = ServiceStatus.newBuilder()
                .setEventId(nextEventId())
                .setEventTime(at)
                .setSourceSystem(STATUS)
                .setComponent(component)
                .setStatus(status)
                .build();
        return EventRecord.of(topics.serviceStatus(), component, value);
    }

    /** A support ticket's life, filled in as it goes. */
    static final class Ticket {
        final String id;
        final Account account;
        final TicketType type;
        final IssueCategory category;
        final TicketPriority priority;
        final Instant openTime;
        Instant firstResponse;
        Instant resolved;
        Integer csat;

        Ticket(
                String id,
                Account account,
                TicketType type,
                IssueCategory category,
                TicketPriority priority,
                Instant openTime) {
            this.id = id;
            this.account = account;
            this.type = type;
            this.category = category;
            this.priority = priority;
            this.openTime = openTime;
        }
    }
}
