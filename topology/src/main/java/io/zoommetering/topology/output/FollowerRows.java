package io.zoommetering.topology.output;

import io.zoommetering.topology.aggregate.Lineage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How the current rows of a {@link RowsFollower} are read back from its store, from outside the stream thread
 * (interactive queries): derived from what the follower keeps by the follower's own code. The store is keyed by a
 * String that some key fields of the output decide, and lives on the partitions of the follower's repartition
 * topic, which partitions by that String (Kafka's default partitioner over its UTF-8 bytes).
 */
public interface FollowerRows {

    /** The follower's store whose partitions hold the rows. */
    String store();

    /** The name of the follower's repartition (its topic is {@code <application.id>-<name>-repartition}). */
    String repartition();

    /** The key fields that decide the store key: a request naming all of them needs one partition. */
    List<String> routingFields();

    /** The store key (and partition key) of the given values of the {@link #routingFields}, in their order. */
    String storeKey(List<Object> values);

    /** Which rows are kept, when not every row the topic holds; empty when the store holds the whole table. */
    default Optional<String> note() {
        return Optional.empty();
    }

    /** Tells the rows kept under one store key, or all of the partition's when storeKey is null, in no order. */
    void read(ReadStores stores, String storeKey, BiConsumer<SpecificRecord, SpecificRecord> rows);

    /** One partition's stores, as interactive queries read them, and what a row read from them needs. */
    interface ReadStores {

        /** The follower's store, of this partition. */
        <K, V> ReadOnlyKeyValueStore<K, V> store(String name);

        /** Every setting's parsed value, as the follower's {@link RowsFollower.Context} has them. */
        Map<String, ?> settings();

        /** The grace period, as the follower's {@link RowsFollower.Context} has it. */
        Duration grace();

        /** The lineage of a row read now: the day of the answer as its update_date, and the source system. */
        Lineage lineageNow();
    }
}
