package io.zoommetering.topology.aggregate;

import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.OutputTable;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * A gold output computed from summed measures: what the combiner stage needs to know of it. Each output declares
 * this once, in its own package; the combiner, the close times, the key codecs and the gold writers iterate the
 * registry of them instead of branching on types.
 *
 * @param <K> the gold key record, the natural key of the output (SPEC 3)
 * @param <V> the gold value record
 */
public interface AggregateOutput<K extends SpecificRecord, V extends SpecificRecord> extends OutputTable<K, V> {

    /**
     * The output's byte in every aggregate key ({@link AggregateKeyBytes}): persisted in state and on the partials
     * topic, so it never changes and is never reused; the registry refuses two outputs with one tag.
     */
    byte tag();

    KeyCodec<K> keys();

    /** The first instant after the key's period: the key is final once stream time passes it plus the grace. */
    Instant periodEnd(K key, Periods periods);

    /** The formula: the row of the key from its totals, or null while the key has no row (a tombstone if written). */
    V row(Totals<K> totals, Lineage lineage);

    /**
     * Outputs whose totals this output's formula reads ({@link Totals#of}) for its own key: a change of their key
     * re-evaluates this output's key of the same group and rest, so the two must share a
     * {@link KeyCodec#writeGroup group}.
     */
    default List<AggregateOutput<?, ?>> reads() {
        return List.of();
    }

    /**
     * Outputs whose totals every key of this output reads from its group (feature adoption of each feature over the
     * period's active users): a change of their key re-evaluates all of this output's keys of that group, which
     * {@link AggregateKeyBytes} keeps in one prefix range of the combiner's store. The keys must share a group.
     */
    default List<AggregateOutput<?, ?>> readsGroup() {
        return List.of();
    }

    /**
     * Whether rows are alerts: written once, as soon as the formula first gives one (in either emission mode, for
     * people to act on), and never updated or retracted.
     */
    default boolean alertsOnce() {
        return false;
    }
}
