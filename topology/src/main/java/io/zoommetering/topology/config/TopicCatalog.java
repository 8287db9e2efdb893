package io.zoommetering.topology.config;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ProcessAudit;
import io.zoommetering.avro.audit.ProcessAuditKey;
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
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.registry.OutputRegistry;
import io.zoommetering.topology.topics.AvroSerdes;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.Topic;
import io.zoommetering.topology.topics.TopicId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one typed catalog of topics: names from the settings, serdes from the Avro contract. Input and audit topics
 * are fields; the gold outputs' topics come from the registry, found by the output's name.
 */
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

    public final Topic<ErrorAuditKey, ErrorAudit> auditErrors;
    public final Topic<ProcessAuditKey, ProcessAudit> auditProcess;
    public final Topic<byte[], byte[]> deadLetters;

    public final Topic<String, Plan> planCatalog;

    private final Map<String, Topic<? extends SpecificRecord, ? extends SpecificRecord>> outputs =
            new LinkedHashMap<>();

    public TopicCatalog(MeteringConfig config, AvroSerdes serdes) {
        this(config, serdes, OutputRegistry.selected(config.outputs()));
    }

    public TopicCatalog(MeteringConfig config, AvroSerdes serdes, OutputRegistry registry) {
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

        auditErrors = new Topic<>(
                TopicId.AUDIT_ERRORS.configName(),
                config.topicName(TopicId.AUDIT_ERRORS),
                serdes.forKeys(ErrorAuditKey.class),
                serdes.forValues(ErrorAudit.class));
        auditProcess = new Topic<>(
                TopicId.AUDIT_PROCESS.configName(),
                config.topicName(TopicId.AUDIT_PROCESS),
                serdes.forKeys(ProcessAuditKey.class),
                serdes.forValues(ProcessAudit.class));
        deadLetters = new Topic<>(
                TopicId.DEAD_LETTERS.configName(),
                config.topicName(TopicId.DEAD_LETTERS),
                Serdes.ByteArray(),
                Serdes.ByteArray());

        planCatalog = input(config, serdes, TopicId.PLAN_CATALOG, Plan.class);

        for (GoldOutput output : registry.outputs()) {
            outputs.put(output.name(), output(config, serdes, output.table()));
        }
    }

    public List<Topic<String, ? extends SpecificRecord>> inputs() {
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

    /** The topic of a registered gold output, by the output's name (its {@code zm.topic.} setting). */
    public Topic<? extends SpecificRecord, ? extends SpecificRecord> output(String name) {
        Topic<? extends SpecificRecord, ? extends SpecificRecord> topic = outputs.get(name);
        if (topic == null) {
            throw new IllegalArgumentException("no gold output named " + name + "; registered: " + outputs.keySet());
        }
        return topic;
    }

    /** The topic of a registered gold output, typed by its descriptor. */
    @SuppressWarnings("unchecked")
    public <K extends SpecificRecord, V extends SpecificRecord> Topic<K, V> output(OutputTable<K, V> output) {
        return (Topic<K, V>) output(output.topic().configName());
    }

    /** The topics of the registered gold outputs, in registry order. */
    public List<Topic<? extends SpecificRecord, ? extends SpecificRecord>> outputTables() {
        return Collections.unmodifiableList(new ArrayList<>(outputs.values()));
    }

    /** Every topic downstream sinks load: the gold outputs and the two audit topics. */
    public List<Topic<? extends SpecificRecord, ? extends SpecificRecord>> goldOutputs() {
        List<Topic<? extends SpecificRecord, ? extends SpecificRecord>> all = new ArrayList<>(outputs.values());
        all.add(auditErrors);
        all.add(auditProcess);
        return List.copyOf(all);
    }

    private static <V extends SpecificRecord> Topic<String, V> input(
            MeteringConfig config, AvroSerdes serdes, TopicId id, Class<V> valueType) {
        return new Topic<>(id.configName(), config.topicName(id), Serdes.String(), serdes.forValues(valueType));
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> Topic<K, V> output(
            MeteringConfig config, AvroSerdes serdes, OutputTable<K, V> output) {
        return new Topic<>(
                output.topic().configName(),
                config.topicName(output.topic().configName()),
                serdes.forKeys(output.keyType()),
                serdes.forValues(output.valueType()));
    }
}
