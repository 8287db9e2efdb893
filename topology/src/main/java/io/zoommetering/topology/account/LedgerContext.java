package io.zoommetering.topology.account;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.OutputTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** What an output's ledger gets from the account stage of its task when it is created. */
public interface LedgerContext {

    /** A store the ledger declared in {@link LedgerSpec#stores}. */
    <S extends StateStore> S store(String name);

    /** Where the ledger adds to the aggregates of its output. */
    PartialAggregates partials();

    /** The plan of an account as of a moment. */
    PlanResolver plans();

    Periods periods();

    /**
     * The grace period (zm.grace): intake accepts no record more than this behind its partition's stream time, so a
     * ledger may forget the detail that only a record older than that could still need.
     */
    Duration grace();

    /** Rate of each accepted currency to the reporting currency. */
    Map<String, BigDecimal> currencyRates();

    /** The validated plan catalog, as it stands. */
    ReadOnlyKeyValueStore<String, Plan> catalog();

    /**
     * Writes a row of an entity output, which leaves the account stage by its own sink: no combiner, the latest row
     * per key is the table.
     */
    <K extends SpecificRecord, V extends SpecificRecord> void write(OutputTable<K, V> output, K key, V value);

    /**
     * The account stage's stream time: the greatest event time among the records this task has processed (the
     * clock of outputs that change with time alone, such as an account becoming inactive).
     */
    Instant streamTime();

    /**
     * Runs the action whenever the task's stream time reaches a multiple of the interval since the epoch (Kafka
     * Streams aligns stream-time punctuation to 0), after the record that reached it; never without records.
     */
    void everyStreamTime(Duration interval, Runnable action);

    /** The settings of an output that has its own, by their type; empty where none were given (tests). */
    <T> Optional<T> settings(Class<T> type);

    /** The lineage of a row written now: today's processing date for both dates, and the source system. */
    Lineage lineageNow();
}
