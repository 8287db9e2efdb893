package io.zoommetering.app.access;

import io.zoommetering.app.access.RequiredAccess.Grant;
import io.zoommetering.app.runtime.ExitCodes;
import io.zoommetering.app.runtime.StartupException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * At start-up, asks the cluster whether this client may do what {@link RequiredAccess} lists, and fails naming
 * every missing permission at once, instead of a stream thread dying later on the first one it meets. Topics the
 * processor cannot find are left to Kafka Streams (a missing source topic is its fatal error, not a denial).
 *
 * <p>What the authorizer lets a client ask: the operations it may do on each existing topic and on its group
 * (authorized operations), CREATE on the internal topics' prefix (a validate-only creation) and, for the
 * transactional ids, whether it may see one (a denied DESCRIBE implies a denied WRITE; a WRITE denied with DESCRIBE
 * granted shows only when the producer starts, and {@link #denial(Throwable)} names it then).
 */
public final class AccessCheck {

    private static final String PROBE = "access-check";

    private final Admin admin;
    private final Duration timeout;

    public AccessCheck(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** @throws StartupException ({@link ExitCodes#UNAVAILABLE}) naming each operation the cluster denies */
    public void verify(List<Grant> grants, String who) {
        Set<String> missing = new LinkedHashSet<>();
        try {
            checkLiteralTopics(grants, missing);
            for (Grant grant : grants) {
                ResourceType type = grant.resource().resourceType();
                if (type == ResourceType.TOPIC && grant.resource().patternType() == PatternType.PREFIXED) {
                    checkTopicPrefix(grant, missing);
                } else if (type == ResourceType.GROUP) {
                    checkGroup(grant, missing);
                } else if (type == ResourceType.TRANSACTIONAL_ID) {
                    checkTransactionalIds(grant, missing);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while checking access to Kafka", ExitCodes.UNAVAILABLE, e);
        } catch (TimeoutException e) {
            throw new StartupException(
                    "Kafka did not answer within " + timeout + " while checking access", ExitCodes.UNAVAILABLE, e);
        }
        if (!missing.isEmpty()) {
            throw new StartupException(
                    "Kafka denies " + who + " what the processor needs (docs/SECURITY.md lists every ACL): "
                            + String.join("; ", missing),
                    ExitCodes.UNAVAILABLE,
                    null);
        }
    }

    /** The denied permission an error of a running processor comes down to, named for the operator; if any. */
    public static Optional<String> denial(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TopicAuthorizationException topics) {
                return Optional.of("Kafka denied access to topic(s) " + topics.unauthorizedTopics()
                        + " (docs/SECURITY.md lists the ACLs of each topic): " + topics.getMessage());
            }
            if (cause instanceof GroupAuthorizationException group) {
                return Optional.of("Kafka denied READ on the consumer group " + group.groupId()
                        + " (docs/SECURITY.md): " + group.getMessage());
            }
            if (cause instanceof TransactionalIdAuthorizationException) {
                return Optional.of("Kafka denied WRITE on the processor's transactional id (docs/SECURITY.md: a"
                        + " PREFIXED ACL on the application.id and '-'): " + cause.getMessage());
            }
            if (cause instanceof ClusterAuthorizationException) {
                return Optional.of("Kafka denied a cluster operation: " + cause.getMessage());
            }
            if (cause instanceof AuthorizationException) {
                return Optional.of("Kafka denied an operation: " + cause.getMessage());
            }
        }
        return Optional.empty();
    }

    private void checkLiteralTopics(List<Grant> grants, Set<String> missing)
            throws InterruptedException, TimeoutException {
        Map<String, Grant> byName = new HashMap<>();
        for (Grant grant : grants) {
            if (grant.resource().resourceType() == ResourceType.TOPIC
                    && grant.resource().patternType() == PatternType.LITERAL) {
                byName.put(grant.resource().name(), grant);
            }
        }
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(
                        byName.keySet(), new DescribeTopicsOptions().includeAuthorizedOperations(true))
                .topicNameValues();
        for (Grant grant : grants) {
            KafkaFuture<TopicDescription> description =
                    descriptions.get(grant.resource().name());
            if (description == null || grant.resource().patternType() != PatternType.LITERAL) {
                continue;
            }
            try {
                missing(
                        grant,
                        description
                                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                                .authorizedOperations(),
                        missing);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    missing(grant, Set.of(), missing);
                }
            }
        }
    }

    private void checkTopicPrefix(Grant grant, Set<String> missing) throws InterruptedException, TimeoutException {
        String prefix = grant.resource().name();
        try {
            admin.createTopics(
                            List.of(new NewTopic(prefix + PROBE, Optional.empty(), Optional.empty())),
                            new CreateTopicsOptions().validateOnly(true))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException
                    || e.getCause() instanceof ClusterAuthorizationException) {
                missing.add(grant.describe(AclOperation.CREATE));
            }
        }
        List<String> existing = new ArrayList<>();
        try {
            admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(topic -> topic.startsWith(prefix))
                    .forEach(existing::add);
            for (Map.Entry<String, KafkaFuture<TopicDescription>> description : admin.describeTopics(
                            existing, new DescribeTopicsOptions().includeAuthorizedOperations(true))
                    .topicNameValues()
                    .entrySet()) {
                Set<AclOperation> authorized = description
                        .getValue()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .authorizedOperations();
                Set<AclOperation> others = new LinkedHashSet<>(grant.operations());
                others.remove(AclOperation.CREATE);
                missing(new Grant(grant.resource(), others, grant.purpose()), authorized, missing);
            }
        } catch (ExecutionException e) {
            // Internal topics this client cannot see are topics it cannot use: Kafka Streams then names them.
        }
    }

    private void checkGroup(Grant grant, Set<String> missing) throws InterruptedException, TimeoutException {
        String group = grant.resource().name();
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(
                            List.of(group), new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true))
                    .describedGroups()
                    .get(group)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            missing(grant, description.authorizedOperations(), missing);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupAuthorizationException) {
                missing(grant, Set.of(), missing);
            }
        }
    }

    private void checkTransactionalIds(Grant grant, Set<String> missing) throws InterruptedException, TimeoutException {
        try {
            admin.describeTransactions(List.of(grant.resource().name() + PROBE))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransactionalIdAuthorizationException) {
                missing(grant, Set.of(), missing);
            }
        }
    }

    /** Adds the grant's operations that {@code authorized} lacks; null (a broker that does not tell) lacks none. */
    private static void missing(Grant grant, Set<AclOperation> authorized, Set<String> missing) {
        if (authorized == null) {
            return;
        }
        grant.operations().stream()
                .sorted()
                .filter(operation -> !authorized.contains(operation) && !authorized.contains(AclOperation.ALL))
                .forEach(operation -> missing.add(grant.describe(operation)));
    }
}
