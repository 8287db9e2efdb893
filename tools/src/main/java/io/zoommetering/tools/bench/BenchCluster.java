package io.zoommetering.tools.bench;

import io.zoommetering.app.topics.EndOffsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The cluster the benchmark runs on, seen through an admin client: topics, offsets, consumer groups, bytes. */
final class BenchCluster implements AutoCloseable {

    private final Admin admin;
    private final String bootstrapServers;
    private final Optional<Short> replication;

    BenchCluster(Map<String, Object> clientSettings, String bootstrapServers, Optional<Short> replication) {
        this.admin = Admin.create(clientSettings);
        this.bootstrapServers = bootstrapServers;
        this.replication = replication;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Optional<Short> replication() {
        return replication;
    }

    void createTopics(Collection<String> names, int partitions) {
        List<NewTopic> topics = names.stream()
                .map(name -> new NewTopic(name, Optional.of(partitions), replication))
                .toList();
        get(() -> admin.createTopics(topics).all().get());
        awaitReady(names);
    }

    /**
     * Waits until every partition of the topics has a leader that answers for its offsets: producing into a topic
     * whose partitions are still being set up can make an idempotent producer's retries fail.
     */
    void awaitReady(Collection<String> names) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                boolean led = admin.describeTopics(names).allTopicNames().get().values().stream()
                        .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null));
                if (led && endOffsets(names).size() > 0) {
                    return;
                }
            } catch (ExecutionException | IllegalStateException e) {
                // not there yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topics " + names + " are not ready after 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Deletes every topic whose name starts with one of the prefixes. */
    void deleteTopics(Collection<String> prefixes) {
        Set<String> names = get(() -> admin.listTopics().names().get());
        List<String> doomed = names.stream()
                .filter(name -> prefixes.stream().anyMatch(name::startsWith))
                .toList();
        if (!doomed.isEmpty()) {
            try {
                admin.deleteTopics(doomed).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot delete topics: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Deletes consumer groups, ignoring those that are gone. */
    void deleteGroups(Collection<String> groups) {
        try {
            admin.deleteConsumerGroups(groups).all().get();
        } catch (ExecutionException e) {
            // a group that never committed does not exist
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<String> topicsStartingWith(String prefix) {
        return get(() -> admin.listTopics().names().get()).stream()
                .filter(name -> name.startsWith(prefix))
                .sorted()
                .toList();
    }

    /** Read-committed end offsets of every partition of the topics. */
    Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        return get(() -> EndOffsets.readCommitted(admin, topics));
    }

    Map<TopicPartition, Long> committedOffsets(String group) {
        return get(() -> {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .entrySet()) {
                if (entry.getValue() != null) {
                    offsets.put(entry.getKey(), entry.getValue().offset());
                }
            }
            return offsets;
        });
    }

    /** Bytes on the brokers' disks of the topics with these prefixes (every replica), by topic. */
    Map<String, Long> topicBytes(Collection<String> prefixes) {
        return get(() -> {
            List<Integer> brokers = new ArrayList<>();
            admin.describeCluster().nodes().get().forEach(node -> brokers.add(node.id()));
            Map<String, Long> bytes = new HashMap<>();
            for (Map<String, LogDirDescription> dirs :
                    admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (LogDirDescription dir : dirs.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> replica :
                            dir.replicaInfos().entrySet()) {
                        String topic = replica.getKey().topic();
                        if (prefixes.stream().anyMatch(topic::startsWith)) {
                            bytes.merge(topic, replica.getValue().size(), Long::sum);
                        }
                    }
                }
            }
            return bytes;
        });
    }

    @Override
    public void close() {
        admin.close();
    }

    private interface Call<T> {
        T call() throws ExecutionException, InterruptedException;
    }

    private static <T> T get(Call<T> call) {
        try {
            return call.call();
        } catch (ExecutionException e) {
            throw new IllegalStateException("admin request failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
