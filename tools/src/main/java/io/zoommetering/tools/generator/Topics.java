package io.zoommetering.tools.generator;

import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.topology.topics.TopicId;
import java.util.List;

/** The configured names of the ten input topics. */
record Topics(
        String users,
        String meetings,
        String attendance,
        String featureUsage,
        String webinars,
        String supportTickets,
        String billingEvents,
        String licenses,
        String plans,
        String serviceStatus) {

    static Topics of(TopicTypes types) {
        return new Topics(
                types.name(TopicId.USERS),
                types.name(TopicId.MEETINGS),
                types.name(TopicId.ATTENDANCE),
                types.name(TopicId.FEATURE_USAGE),
                types.name(TopicId.WEBINARS),
                types.name(TopicId.SUPPORT_TICKETS),
                types.name(TopicId.BILLING_EVENTS),
                types.name(TopicId.LICENSES),
                types.name(TopicId.PLANS),
                types.name(TopicId.SERVICE_STATUS));
    }

    List<String> all() {
        return List.of(
                users,
                meetings,
                attendance,
                featureUsage,
                webinars,
                supportTickets,
                billingEvents,
                licenses,
                plans,
                serviceStatus);
    }
}
