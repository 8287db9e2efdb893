package io.zoommetering.topology.topics;

import org.apache.avro.specific.SpecificRecord;

/**
 * A gold output as a table: the topic it writes and the Avro records of its keys and values. An aggregate output
 * is one; an entity output (a dimension, a fact) is one whose ledger writes its rows itself.
 *
 * @param <K> the key record, the natural key of the table
 * @param <V> the value record
 */
public interface OutputTable<K extends SpecificRecord, V extends SpecificRecord> {

    TopicSetting topic();

    Class<K> keyType();

    Class<V> valueType();
}
