package io.zoommetering.app.topics;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Where topics end, as a read_committed consumer sees them: records of open transactions are not there yet. */
public final class EndOffsets {

    private EndOffsets() {}

    /** The read-committed end offset of every partition of the topics. */
    public static Map<TopicPartition, Long> readCommitted(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription description :
                admin.describeTopics(topics).allTopicNames().get().values()) {
            description
                    .partitions()
                    .forEach(partition -> request.put(
                            new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get()
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }
}
