package io.zoommetering.app.access;

import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.topics.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The one list of what the processor must be allowed to do on a cluster with an authorizer: each topic, the
 * consumer group and the transactional ids, with the operations and why. docs/SECURITY.md shows it as ACLs,
 * {@link AccessCheck} checks it at start-up, and the security integration test grants exactly this and nothing else.
 *
 * <p>READ and WRITE imply DESCRIBE in Kafka's authorizer, so DESCRIBE is never listed on its own.
 */
public final class RequiredAccess {

    /** Operations on one resource pattern, and what for. */
    public record Grant(ResourcePattern resource, Set<AclOperation> operations, String purpose) {

        public Grant {
            operations = Set.copyOf(operations);
        }

        /** The ACLs of this grant for {@code principal} ("User:metering") from any host. */
        public List<AclBinding> aclsFor(String principal) {
            return operations.stream()
                    .sorted()
                    .map(operation -> new AclBinding(
                            resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)))
                    .toList();
        }

        /** "READ on topic zoom.users" or "WRITE on transactional ids starting with zoom-metering-". */
        public String describe(AclOperation operation) {
            return operation + " on " + RequiredAccess.describe(resource);
        }
    }

    private RequiredAccess() {}

    /**
     * @param createTopics whether {@code zm.topics.create} is on: the processor then also needs CREATE on the topics
     *                     it creates when they are missing
     */
    public static List<Grant> of(TopicCatalog topics, String applicationId, boolean createTopics) {
        List<Grant> grants = new ArrayList<>();
        Set<AclOperation> create = createTopics ? Set.of(AclOperation.CREATE) : Set.of();
        for (Topic<String, ?> input : topics.inputs()) {
            grants.add(topic(input.name(), with(create, AclOperation.READ), "input"));
        }
        grants.add(topic(
                topics.planCatalog.name(),
                with(create, AclOperation.READ, AclOperation.WRITE),
                "plan catalog: written from the plans input, read back as a global table"));
        for (Topic<?, ?> output : topics.goldOutputs()) {
            grants.add(topic(output.name(), with(create, AclOperation.WRITE), "gold output"));
        }
        grants.add(topic(topics.deadLetters.name(), with(create, AclOperation.WRITE), "dead letters"));
        String prefix = applicationId + "-";
        grants.add(new Grant(
                new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED),
                Set.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE),
                "internal changelog and repartition topics: Kafka Streams creates them, and purges what the"
                        + " repartition topics hold once committed (DELETE)"));
        grants.add(new Grant(
                new ResourcePattern(ResourceType.GROUP, applicationId, PatternType.LITERAL),
                Set.of(AclOperation.READ),
                "consumer group: joins, and commits offsets inside each transaction"));
        grants.add(new Grant(
                new ResourcePattern(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED),
                Set.of(AclOperation.WRITE),
                "exactly_once_v2: one transactional producer per stream thread"));
        return List.copyOf(grants);
    }

    /** The ACLs of every grant for {@code principal}. */
    public static List<AclBinding> aclsFor(List<Grant> grants, String principal) {
        return grants.stream()
                .flatMap(grant -> grant.aclsFor(principal).stream())
                .toList();
    }

    static String describe(ResourcePattern resource) {
        String type = switch (resource.resourceType()) {
            case TOPIC -> "topic";
            case GROUP -> "consumer group";
            case TRANSACTIONAL_ID -> "transactional id";
            case CLUSTER -> "the cluster";
            default -> resource.resourceType().toString();
        };
        if (resource.patternType() == PatternType.PREFIXED) {
            String plural = type.equals("consumer group") ? "consumer groups" : type + "s";
            return plural + " starting with " + resource.name();
        }
        return resource.resourceType() == ResourceType.CLUSTER ? type : type + " " + resource.name();
    }

    private static Grant topic(String name, Set<AclOperation> operations, String purpose) {
        return new Grant(new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL), operations, purpose);
    }

    private static Set<AclOperation> with(Set<AclOperation> more, AclOperation... operations) {
        Set<AclOperation> all = new TreeSet<>(more);
        all.addAll(List.of(operations));
        return all;
    }
}
