package io.zoommetering.topology.topics;

import java.util.List;

/**
 * The input, audit, dead-letter and internal topics of the processor, with their default names (SPEC sections 1
 * and 3); each gold output declares its own topic ({@link TopicSetting}). Names are configurable as
 * {@code zm.topic.<configName>}; code refers to topics only through this enum, the outputs and the catalog.
 */
public enum TopicId {
    USERS("users", "zoom.users", "of user profiles"),
    MEETINGS("meetings", "zoom.meetings", "of meeting states"),
    ATTENDANCE("attendance", "zoom.attendance", "of meeting attendance"),
    FEATURE_USAGE("feature-usage", "zoom.feature-usage", "of feature usage"),
    WEBINARS("webinars", "zoom.webinars", "of ended webinars"),
    SUPPORT_TICKETS("support-tickets", "zoom.support-tickets", "of support ticket states"),
    BILLING_EVENTS("billing-events", "zoom.billing-events", "of billing transactions"),
    LICENSES("licenses", "zoom.licenses", "of license states"),
    PLANS("plans", "zoom.plans", "of the plan catalog (compacted)"),
    SERVICE_STATUS("service-status", "zoom.service-status", "of platform component states"),

    AUDIT_ERRORS("audit-errors", "gold.audit.errors", "of records that could not be used, with their bytes"),
    AUDIT_PROCESS("audit-process", "gold.audit.process", "of what each process did in each audit interval"),
    DEAD_LETTERS(
            "dead-letters",
            "zoom-metering.dead-letters",
            "that holds every rejected record exactly as read, with its reason in headers, for replay"),

    PLAN_CATALOG(
            "plan-catalog",
            "zoom-metering.plan-catalog",
            "the processor keeps its validated plan catalog in (compacted, read as a global table)");

    private final String configName;
    private final String defaultName;
    private final String description;

    TopicId(String configName, String defaultName, String description) {
        this.configName = configName;
        this.defaultName = defaultName;
        this.description = description;
    }

    /** The id of a topic of the catalog, by its name in settings. */
    public static TopicId of(Topic<?, ?> topic) {
        for (TopicId id : values()) {
            if (id.configName.equals(topic.configName())) {
                return id;
            }
        }
        throw new IllegalArgumentException(topic.configName() + " is not one of " + List.of(values()));
    }

    public TopicSetting setting() {
        return new TopicSetting(configName, defaultName, description);
    }

    /** The name in settings, and for input topics the stream name in event totals and audit records. */
    public String configName() {
        return configName;
    }

    public String defaultName() {
        return defaultName;
    }

    public String description() {
        return description;
    }
}
