package io.zoommetering.app.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.internal.CombinedAggregate;
import io.zoommetering.topology.GoldTopology;
import io.zoommetering.topology.account.AccountRows;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.AggregateOutputs;
import io.zoommetering.topology.aggregate.CombinerStores;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.StoredRows;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.output.FollowerRows;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's current gold rows, read partition by partition from its combiner stores, from the per-account
 * outputs' ledger stores and from the stores of the outputs that follow another's rows (the forecaster's): a partition that is restoring, migrating or not hosted here makes the whole answer
 * {@link Unavailable}, so that no request gets the rows of some partitions only.
 */
final class LocalStores {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final KafkaStreams streams;
    private final AggregateOutputs outputs;
    private final MeteringConfig config;
    private final LocalDate today;

    LocalStores(KafkaStreams streams, AggregateOutputs outputs, MeteringConfig config, LocalDate today) {
        this.streams = streams;
        this.outputs = outputs;
        this.config = config;
        this.today = today;
    }

    /** The rows of the output in the given partitions whose keys the filter accepts. */
    <K extends SpecificRecord> List<ObjectNode> rows(
            AggregateOutput<K, ?> output, KeyFilter filter, Collection<Integer> partitions) {
        List<ObjectNode> rows = new ArrayList<>();
        for (int partition : partitions) {
            rowsOf(partition).forEach(output, (key, value) -> {
                if (filter.matches(key)) {
                    rows.add(row(key, value));
                }
            });
        }
        return rows;
    }

    /** The row of one key, in the partition that holds it; empty when the key has none. */
    @SuppressWarnings("unchecked")
    <K extends SpecificRecord> List<ObjectNode> row(AggregateOutput<K, ?> output, SpecificRecord key, int partition) {
        SpecificRecord value = rowsOf(partition).row(output, (K) key);
        return value == null ? List.of() : List.of(row(key, value));
    }

    /**
     * The rows of a per-account output in the given partitions whose keys the filter accepts: the account's alone
     * when account is not null. Personal fields are as zm.pii.mode writes them to the topic.
     */
    List<ObjectNode> accountRows(AccountRows output, KeyFilter filter, String account, Collection<Integer> partitions) {
        List<ObjectNode> rows = new ArrayList<>();
        Lineage lineage = new Lineage(today, today, config.sourceSystem());
        for (int partition : partitions) {
            AccountRows.ReadStores stores = new AccountRows.ReadStores() {
                @Override
                public <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
                    return streams.store(
                            StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
                                    .withPartition(partition));
                }

                @Override
                public <T> Optional<T> settings(Class<T> type) {
                    return Optional.ofNullable(config.outputSettings().get(type))
                            .map(type::cast);
                }

                @Override
                public Lineage lineageNow() {
                    return lineage;
                }
            };
            try {
                output.read(stores, account, (key, value) -> {
                    if (filter.matches(key)) {
                        rows.add(row(key, config.pii().apply(value)));
                    }
                });
            } catch (InvalidStateStoreException e) {
                throw unavailable(output.store(), partition, e);
            }
        }
        return rows;
    }

    /**
     * The rows of an output following another's rows in the given partitions whose keys the filter accepts: those
     * of the store key alone when it is not null.
     */
    List<ObjectNode> followerRows(
            FollowerRows output, KeyFilter filter, String storeKey, Collection<Integer> partitions) {
        List<ObjectNode> rows = new ArrayList<>();
        Lineage lineage = new Lineage(today, today, config.sourceSystem());
        for (int partition : partitions) {
            FollowerRows.ReadStores stores = new FollowerRows.ReadStores() {
                @Override
                public <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
                    return streams.store(
                            StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
                                    .withPartition(partition));
                }

                @Override
                public Map<String, ?> settings() {
                    return config.values();
                }

                @Override
                public Duration grace() {
                    return config.grace();
                }

                @Override
                public Lineage lineageNow() {
                    return lineage;
                }
            };
            try {
                output.read(stores, storeKey, (key, value) -> {
                    if (filter.matches(key)) {
                        rows.add(row(key, value));
                    }
                });
            } catch (InvalidStateStoreException e) {
                throw unavailable(output.store(), partition, e);
            }
        }
        return rows;
    }

    private StoredRows rowsOf(int partition) {
        try {
            ReadOnlyKeyValueStore<Bytes, CombinedAggregate> combined =
                    streams.store(StoreQueryParameters.fromNameAndType(
                                    CombinerStores.COMBINED,
                                    QueryableStoreTypes.<Bytes, CombinedAggregate>keyValueStore())
                            .withPartition(partition));
            ReadOnlyKeyValueStore<String, Plan> catalog = streams.store(StoreQueryParameters.fromNameAndType(
                    GoldTopology.PLAN_CATALOG_STORE, QueryableStoreTypes.<String, Plan>keyValueStore()));
            return new StoredRows(outputs, combined, catalog, config.sourceSystem(), today);
        } catch (InvalidStateStoreException e) {
            throw unavailable(CombinerStores.COMBINED, partition, e);
        }
    }

    private static Unavailable unavailable(String store, int partition, InvalidStateStoreException e) {
        return new Unavailable(
                "partition " + partition + " of the store " + store + " is not queryable on this instance (restoring,"
                        + " migrating or moved by a rebalance): " + e.getMessage(),
                e);
    }

    static ObjectNode row(SpecificRecord key, SpecificRecord value) {
        ObjectNode row = JSON.objectNode();
        row.set("key", AvroJson.of(key));
        row.set("value", AvroJson.of(value));
        return row;
    }
}
