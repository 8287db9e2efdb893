package io.zoommetering.topology.topics;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ProcessAudit;
import io.zoommetering.avro.audit.ProcessAuditKey;
import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.gold.ActiveUsers;
import io.zoommetering.avro.gold.EventTotals;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.MeetingMinutes;
import io.zoommetering.avro.gold.Mrr;
import io.zoommetering.avro.gold.Overage;
import io.zoommetering.avro.gold.OverageAlert;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.Revenue;
import io.zoommetering.avro.gold.RevenueKey;
import io.zoommetering.avro.gold.UsageByProduct;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.config.MeteringConfig;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/** The one typed catalog of topics: names from the settings, serdes from the Avro contract. */
public final class TopicCatalog {

    public final Topic<String, User> users;
    public final Topic<String, Meeting> meetings;
    public final Topic<String, Attendance> attendance;
    public final Topic<String, FeatureUsage> featureUsage;
    public final Topic<String, Webinar> webinars;
    public final Topic<String, SupportTicket> supportTickets;
    public final Topic<String, BillingEvent> billingEvents;
    public final Topic<String, License> licenses;
    public final Topic<String, Plan> plans;
    public final Topic<String, ServiceStatus> serviceStatus;

    public final Topic<PeriodKey, ActiveUsers> activeUsers;
    public final Topic<PeriodKey, MeetingMinutes> meetingMinutes;
    public final Topic<RevenueKey, Revenue> revenue;
    public final Topic<PlanMonthKey, Mrr> mrr;
    public final Topic<ProductMeterKey, UsageByProduct> usageByProduct;
    public final Topic<ProductMeterKey, Overage> overage;
    public final Topic<ProductMeterKey, OverageAlert> overageAlerts;
    public final Topic<EventTotalsKey, EventTotals> eventTotals;
    public final Topic<ErrorAuditKey, ErrorAudit> auditErrors;
    public final Topic<ProcessAuditKey, ProcessAudit> auditProcess;
    public final Topic<byte[], byte[]> deadLetters;

    public final Topic<String, Plan> planCatalog;

    public TopicCatalog(MeteringConfig config, AvroSerdes serdes) {
        users = input(config, serdes, TopicId.USERS, User.class);
        meetings = input(config, serdes, TopicId.MEETINGS, Meeting.class);
        attendance = input(config, serdes, TopicId.ATTENDANCE, Attendance.class);
        featureUsage = input(config, serdes, TopicId.FEATURE_USAGE, FeatureUsage.class);
        webinars = input(config, serdes, TopicId.WEBINARS, Webinar.class);
        supportTickets = input(config, serdes, TopicId.SUPPORT_TICKETS, SupportTicket.class);
        billingEvents = input(config, serdes, TopicId.BILLING_EVENTS, BillingEvent.class);
        licenses = input(config, serdes, TopicId.LICENSES, License.class);
        plans = input(config, serdes, TopicId.PLANS, Plan.class);
        serviceStatus = input(config, serdes, TopicId.SERVICE_STATUS, ServiceStatus.class);

        activeUsers = output(config, serdes, TopicId.ACTIVE_USERS, PeriodKey.class, ActiveUsers.class);
        meetingMinutes = output(config, serdes, TopicId.MEETING_MINUTES, PeriodKey.class, MeetingMinutes.class);
        revenue = output(config, serdes, TopicId.REVENUE, RevenueKey.class, Revenue.class);
        mrr = output(config, serdes, TopicId.MRR, PlanMonthKey.class, Mrr.class);
        usageByProduct = output(config, serdes, TopicId.USAGE_BY_PRODUCT, ProductMeterKey.class, UsageByProduct.class);
        overage = output(config, serdes, TopicId.OVERAGE, ProductMeterKey.class, Overage.class);
        overageAlerts = output(config, serdes, TopicId.OVERAGE_ALERTS, ProductMeterKey.class, OverageAlert.class);
        eventTotals = output(config, serdes, TopicId.EVENT_TOTALS, EventTotalsKey.class, EventTotals.class);
        auditErrors = output(config, serdes, TopicId.AUDIT_ERRORS, ErrorAuditKey.class, ErrorAudit.class);
        auditProcess = output(config, serdes, TopicId.AUDIT_PROCESS, ProcessAuditKey.class, ProcessAudit.class);
        deadLetters = new Topic<>(TopicId.DEAD_LETTERS, config.topicName(TopicId.DEAD_LETTERS), Serdes.ByteArray(),
                Serdes.ByteArray());

        planCatalog = input(config, serdes, TopicId.PLAN_CATALOG, Plan.class);
    }

    public List<Topic<String, ? extends SpecificRecord>> inputs() {
        return List.of(users, meetings, attendance, featureUsage, webinars, supportTickets, billingEvents, licenses,
                plans, serviceStatus);
    }

    public List<Topic<? extends SpecificRecord, ? extends SpecificRecord>> goldOutputs() {
        return List.of(activeUsers, meetingMinutes, revenue, mrr, usageByProduct, overage, overageAlerts,
                eventTotals, auditErrors, auditProcess);
    }

    private static <V extends SpecificRecord> Topic<String, V> input(
            MeteringConfig config, AvroSerdes serdes, TopicId id, Class<V> valueType) {
        return new Topic<>(id, config.topicName(id), Serdes.String(), serdes.forValues(valueType));
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> Topic<K, V> output(
            MeteringConfig config, AvroSerdes serdes, TopicId id, Class<K> keyType, Class<V> valueType) {
        return new Topic<>(id, config.topicName(id), serdes.forKeys(keyType), serdes.forValues(valueType));
    }
}
