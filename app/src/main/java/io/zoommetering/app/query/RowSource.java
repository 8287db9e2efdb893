package io.zoommetering.app.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zoommetering.topology.GoldTopology;
import io.zoommetering.topology.account.AccountRows;
import io.zoommetering.topology.aggregate.AggregateKeyBytes;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.CombinerStores;
import io.zoommetering.topology.output.FollowerRows;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.output.RowsFollower;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * Where the query API finds the current rows of a queryable output and how a request finds the instance holding
 * them: the combiner's store for an aggregate (a key's partition is its group's on the partials topic), or the
 * ledger's store for a per-account output (an account's partition is its own on the by-account topic, partitioned
 * by Kafka's default partitioner over the account as a string, as the repartition writes it), or the store of an
 * output that follows another's rows (the forecast: a series' partition is its store key's on the follower's
 * repartition topic, by the same partitioner).
 */
interface RowSource {

    /** The store whose instances and partitions answer for the output. */
    String store();

    /** The name of the repartition topic whose partitions are the store's partitions. */
    String repartition();

    /** The key that decides the one partition a request needs, when the filter names it. */
    Optional<Object> routingKey(KeyFilter filter);

    /** The partition of a routing key among the repartition topic's. */
    int partition(Object routingKey, int partitions);

    /** Where Kafka Streams has the partition of a routing key. */
    KeyQueryMetadata owner(KafkaStreams streams, Object routingKey);

    /** This instance's rows the filter keeps, in the given partitions (the routing key's alone when there is one). */
    List<ObjectNode> rows(
            LocalStores stores, KeyFilter filter, Optional<Object> routingKey, Collection<Integer> partitions);

    /** Which rows are kept, when not every row the topic holds. */
    default Optional<String> note() {
        return Optional.empty();
    }

    /** How the output is queried, or empty when its rows are on its topic only. */
    static Optional<RowSource> of(GoldOutput output) {
        if (output.aggregate().isPresent()) {
            return Optional.of(new Aggregate(output.aggregate().get()));
        }
        if (output.accountRows().isPresent()) {
            return Optional.of(new Account(output, output.accountRows().get()));
        }
        return output.follower().flatMap(RowsFollower::rows).map(Followed::new);
    }

    /** An aggregate output: a point query (every key field given) goes to its key's partition. */
    record Aggregate(AggregateOutput<?, ?> output) implements RowSource {

        @Override
        public String store() {
            return CombinerStores.COMBINED;
        }

        @Override
        public String repartition() {
            return GoldTopology.PARTIALS;
        }

        @Override
        public Optional<Object> routingKey(KeyFilter filter) {
            return filter.pointKey().map(key -> key);
        }

        @Override
        public int partition(Object routingKey, int partitions) {
            return AggregateKeyBytes.partition(encode(output, (SpecificRecord) routingKey), partitions);
        }

        @Override
        public KeyQueryMetadata owner(KafkaStreams streams, Object routingKey) {
            return streams.queryMetadataForKey(
                    CombinerStores.COMBINED,
                    encode(output, (SpecificRecord) routingKey),
                    (topic, bytes, value, count) -> Optional.of(Set.of(AggregateKeyBytes.partition(bytes, count))));
        }

        @Override
        public List<ObjectNode> rows(
                LocalStores stores, KeyFilter filter, Optional<Object> routingKey, Collection<Integer> partitions) {
            return routingKey.isPresent()
                    ? stores.row(
                            output,
                            (SpecificRecord) routingKey.get(),
                            partitions.iterator().next())
                    : stores.rows(output, filter, partitions);
        }

        @SuppressWarnings("unchecked")
        private static <K extends SpecificRecord> Bytes encode(AggregateOutput<K, ?> output, SpecificRecord key) {
            return new AggregateKeyBytes().encode(output, (K) key);
        }
    }

    /** A per-account output: a request naming the account ({@code user_id}) goes to the account's partition. */
    record Account(GoldOutput output, AccountRows rows) implements RowSource {

        private static final Serializer<String> ACCOUNTS = new StringSerializer();

        @Override
        public Optional<String> note() {
            return rows.note();
        }

        @Override
        public String store() {
            return rows.store();
        }

        @Override
        public String repartition() {
            return GoldTopology.BY_ACCOUNT;
        }

        @Override
        public Optional<Object> routingKey(KeyFilter filter) {
            return filter.value(AccountRows.ACCOUNT_FIELD);
        }

        /** Kafka's default partitioner of a keyed record, which the by-account repartition uses. */
        @Override
        public int partition(Object routingKey, int partitions) {
            return Utils.toPositive(Utils.murmur2(ACCOUNTS.serialize(null, (String) routingKey))) % partitions;
        }

        @Override
        public KeyQueryMetadata owner(KafkaStreams streams, Object routingKey) {
            return streams.queryMetadataForKey(rows.store(), (String) routingKey, ACCOUNTS);
        }

        @Override
        public List<ObjectNode> rows(
                LocalStores stores, KeyFilter filter, Optional<Object> routingKey, Collection<Integer> partitions) {
            return stores.accountRows(rows, filter, (String) routingKey.orElse(null), partitions);
        }
    }

    /**
     * An output following another's rows whose store keeps what its rows derive from: a request naming every
     * routing field (the forecast's stream and plan_type) goes to the partition of their store key.
     */
    record Followed(FollowerRows rows) implements RowSource {

        private static final Serializer<String> KEYS = new StringSerializer();

        @Override
        public Optional<String> note() {
            return rows.note();
        }

        @Override
        public String store() {
            return rows.store();
        }

        @Override
        public String repartition() {
            return rows.repartition();
        }

        @Override
        public Optional<Object> routingKey(KeyFilter filter) {
            List<Object> values = new ArrayList<>();
            for (String field : rows.routingFields()) {
                Optional<Object> value = filter.value(field);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                values.add(value.get());
            }
            return Optional.of(rows.storeKey(values));
        }

        /** Kafka's default partitioner of a keyed record, which the follower's repartition uses. */
        @Override
        public int partition(Object routingKey, int partitions) {
            return Utils.toPositive(Utils.murmur2(KEYS.serialize(null, (String) routingKey))) % partitions;
        }

        @Override
        public KeyQueryMetadata owner(KafkaStreams streams, Object routingKey) {
            return streams.queryMetadataForKey(rows.store(), (String) routingKey, KEYS);
        }

        @Override
        public List<ObjectNode> rows(
                LocalStores stores, KeyFilter filter, Optional<Object> routingKey, Collection<Integer> partitions) {
            return stores.followerRows(rows, filter, (String) routingKey.orElse(null), partitions);
        }
    }
}
