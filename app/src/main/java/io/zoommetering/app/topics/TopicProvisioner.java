package io.zoommetering.app.topics;

import io.zoommetering.app.config.AppConfig;
import io.zoommetering.app.runtime.ExitCodes;
import io.zoommetering.app.runtime.StartupException;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the processor reads and writes, when missing: inputs as configured, gold outputs and the plan
 * catalog compacted (a sink keeps the latest value per key; the catalog is read as a global table), the error audit
 * and the dead letters as logs. Existing topics are left as they are. Internal topics are Kafka Streams' own business.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {}

    /** The topics to create, by name. */
    public static List<NewTopic> plan(TopicCatalog topics, AppConfig config) {
        int partitions = config.topicPartitions();
        Optional<Short> replication = config.topicReplication();
        List<NewTopic> planned = new ArrayList<>();
        for (Topic<String, ?> input : topics.inputs()) {
            planned.add(topic(input.name(), partitions, replication, config.inputTopicConfigs()));
        }
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        for (Topic<?, ?> output : topics.goldOutputs()) {
            boolean log = output.configName().equals(topics.auditErrors.configName());
            planned.add(topic(output.name(), partitions, replication, log ? Map.of() : compacted));
        }
        planned.add(topic(topics.deadLetters.name(), partitions, replication, Map.of()));
        planned.add(topic(topics.planCatalog.name(), 1, replication, compacted));
        return planned;
    }

    /** Creates the planned topics that do not exist yet; returns the names created. */
    public static List<String> createMissing(Admin admin, List<NewTopic> planned, Duration timeout) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = planned.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            List<String> created = new ArrayList<>();
            Map<String, org.apache.kafka.common.KafkaFuture<Void>> results =
                    admin.createTopics(missing).values();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicAuthorizationException
                            || e.getCause() instanceof ClusterAuthorizationException) {
                        throw new StartupException(
                                "Kafka denies CREATE on topic " + result.getKey() + " (docs/SECURITY.md): create it"
                                        + " beforehand and set " + AppConfig.TOPICS_CREATE + "=false, or grant it",
                                ExitCodes.UNAVAILABLE,
                                e.getCause());
                    }
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new StartupException(
                                "Cannot create the topic " + result.getKey() + ": "
                                        + e.getCause().getMessage() + " (create it beforehand and set "
                                        + AppConfig.TOPICS_CREATE + "=false)",
                                ExitCodes.UNAVAILABLE,
                                e.getCause());
                    }
                }
            }
            awaitVisible(admin, created, timeout);
            LOG.info("Created topics {}", created);
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("Cannot list the topics of the Kafka cluster: " + e, ExitCodes.UNAVAILABLE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while creating topics", ExitCodes.UNAVAILABLE, e);
        }
    }

    /**
     * Waits until every created topic's partitions are known to the broker that answers metadata requests: a
     * created topic reaches the brokers' metadata a moment after the creation returns, and a Kafka Streams client
     * started in between fails at once ("no partitions available ... when initializing global store"), which a
     * loaded machine made happen in the benchmark.
     */
    private static void awaitVisible(Admin admin, List<String> created, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                admin.describeTopics(created).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new StartupException(
                            "The created topics " + created + " did not become visible: "
                                    + e.getCause().getMessage(),
                            ExitCodes.UNAVAILABLE,
                            e.getCause());
                }
                Thread.sleep(50);
            }
        }
    }

    private static NewTopic topic(
            String name, int partitions, Optional<Short> replication, Map<String, String> configs) {
        return new NewTopic(name, Optional.of(partitions), replication).configs(new HashMap<>(configs));
    }
}
