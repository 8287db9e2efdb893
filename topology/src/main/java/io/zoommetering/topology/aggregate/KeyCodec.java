package io.zoommetering.topology.aggregate;

import io.zoommetering.topology.state.CompactSerde;

/**
 * The compact, deterministic encoding of a gold key (the same key, the same bytes), in two parts: the group, which
 * decides the combiner task the key goes to, and the rest. Keys whose formulas read each other's totals share a
 * group, so they meet on one task ({@link AggregateKeyBytes}).
 */
public interface KeyCodec<K> {

    void writeGroup(K key, CompactSerde.Output out);

    /** The part of the key after the group; nothing when the group is the whole key. */
    default void writeRest(K key, CompactSerde.Output out) {}

    /** Reads what {@link #writeGroup} and then {@link #writeRest} wrote. */
    K read(CompactSerde.Input in);
}
