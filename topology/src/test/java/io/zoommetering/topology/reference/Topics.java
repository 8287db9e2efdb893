package io.zoommetering.topology.reference;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.Webinar;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** The default topic names of SPEC sections 1 and 3, and the stream names event totals use. */
public final class Topics {

    public static final String USERS = "zoom.users";
    public static final String MEETINGS = "zoom.meetings";
    public static final String ATTENDANCE = "zoom.attendance";
    public static final String FEATURE_USAGE = "zoom.feature-usage";
    public static final String WEBINARS = "zoom.webinars";
    public static final String SUPPORT_TICKETS = "zoom.support-tickets";
    public static final String BILLING_EVENTS = "zoom.billing-events";
    public static final String LICENSES = "zoom.licenses";
    public static final String PLANS = "zoom.plans";
    public static final String SERVICE_STATUS = "zoom.service-status";

    public static final List<String> INPUTS = List.of(
            USERS,
            MEETINGS,
            ATTENDANCE,
            FEATURE_USAGE,
            WEBINARS,
            SUPPORT_TICKETS,
            BILLING_EVENTS,
            LICENSES,
            PLANS,
            SERVICE_STATUS);

    public static final String ACTIVE_USERS = "gold.active-users";
    public static final String MEETING_MINUTES = "gold.meeting-minutes";
    public static final String REVENUE = "gold.revenue";
    public static final String MRR = "gold.mrr";
    public static final String USAGE_BY_PRODUCT = "gold.usage-by-product";
    public static final String OVERAGE = "gold.overage";
    public static final String EVENT_TOTALS = "gold.event-totals";

    private static final String INPUT_PREFIX = "zoom.";

    private static final Map<String, Class<? extends SpecificRecord>> VALUE_CLASSES = Map.of(
            USERS,
            User.class,
            MEETINGS,
            Meeting.class,
            ATTENDANCE,
            Attendance.class,
            FEATURE_USAGE,
            FeatureUsage.class,
            WEBINARS,
            Webinar.class,
            SUPPORT_TICKETS,
            SupportTicket.class,
            BILLING_EVENTS,
            BillingEvent.class,
            LICENSES,
            License.class,
            PLANS,
            Plan.class,
            SERVICE_STATUS,
            ServiceStatus.class);

    private Topics() {}

    /** The stream name of an input topic in gold.event-totals: the topic name without "zoom.". */
    public static String streamName(String inputTopic) {
        if (!INPUTS.contains(inputTopic)) {
            throw new IllegalArgumentException("not an input topic: " + inputTopic);
        }
        return inputTopic.substring(INPUT_PREFIX.length());
    }

    /** The generated class of the values of an input topic. */
    static Class<? extends SpecificRecord> valueClass(String inputTopic) {
        Class<? extends SpecificRecord> valueClass = VALUE_CLASSES.get(inputTopic);
        if (valueClass == null) {
            throw new IllegalArgumentException("not an input topic: " + inputTopic);
        }
        return valueClass;
    }
}
