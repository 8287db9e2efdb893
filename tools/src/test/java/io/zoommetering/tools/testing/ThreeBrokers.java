package io.zoommetering.tools.testing;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A KRaft cluster of three brokers (and one controller) as production runs it: every topic with three replicas and
 * {@code min.insync.replicas=2}, so that one broker may be down and every write still has two copies. A broker can
 * be stopped and started again on the same port.
 */
public final class ThreeBrokers implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final Admin admin;

    private ThreeBrokers(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        // Short timeouts: while a broker is down, a request to it fails fast and is retried on another.
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30000));
    }

    public static ThreeBrokers start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(false)
                        .setNumBrokerNodes(3)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("default.replication.factor", "3")
                .setConfigProp("min.insync.replicas", "2")
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("offsets.topic.num.partitions", "3")
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("transaction.state.log.min.isr", "2")
                .setConfigProp("transaction.state.log.num.partitions", "3")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new ThreeBrokers(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return admin;
    }

    public Set<Integer> brokerIds() {
        return Set.copyOf(cluster.brokers().keySet());
    }

    /** A controlled shutdown of one broker: it hands its leaderships over, then stops. */
    public void stop(int brokerId) {
        BrokerServer broker = cluster.brokers().get(brokerId);
        broker.shutdown();
        broker.awaitShutdown();
    }

    /** Starts a stopped broker again, on its port, and waits until every partition has all three replicas in sync. */
    public void start(int brokerId, Duration timeout) throws Exception {
        cluster.brokers().get(brokerId).startup();
        Poll.until(timeout, "broker " + brokerId + " is back and every partition is fully in sync", this::allInSync);
    }

    /** The leader of a partition, as the controller last elected it. */
    public int leaderOf(TopicPartition partition) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(partition.topic()))
                .allTopicNames()
                .get()
                .get(partition.topic());
        return description.partitions().get(partition.partition()).leader().id();
    }

    /** The brokers coordinating the open or recent transactions whose id starts with {@code prefix}. */
    public Set<Integer> transactionCoordinatorsOf(String prefix) throws Exception {
        Set<Integer> coordinators = new HashSet<>();
        // Listing asks every broker; right after a broker restart the client's view of them may change under
        // the request (IllegalArgumentException "Unexpected key set"): ask again with a fresh client.
        Poll.until(Duration.ofSeconds(60), "the transaction coordinators of " + prefix + " are known", () -> {
            try (Admin fresh = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
                Set<String> ids = fresh.listTransactions().all().get().stream()
                        .map(TransactionListing::transactionalId)
                        .filter(id -> id.startsWith(prefix))
                        .collect(Collectors.toSet());
                fresh.describeTransactions(ids).all().get().values().stream()
                        .map(description -> description.coordinatorId())
                        .forEach(coordinators::add);
                return !coordinators.isEmpty();
            } catch (ExecutionException e) {
                return false;
            }
        });
        return coordinators;
    }

    private boolean allInSync() throws Exception {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                .names()
                .get();
        for (TopicDescription description :
                admin.describeTopics(topics).allTopicNames().get().values()) {
            for (TopicPartitionInfo partition : description.partitions()) {
                if (partition.leader() == null
                        || partition.isr().size() < partition.replicas().size()) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        admin.close();
        cluster.close();
    }
}
