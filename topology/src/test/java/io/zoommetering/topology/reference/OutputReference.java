package io.zoommetering.topology.reference;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The batch reference of one gold output, written in the output's own test package: its final table, computed
 * the slow, obvious way from the records intake accepted. {@link GoldReference} lists these next to the tables it
 * computes itself; a row maps field names to values as {@link GoldReference} describes, without lineage columns.
 */
public interface OutputReference {

    /** The gold topic's default name. */
    String topic();

    Map<? extends SpecificRecord, Map<String, Object>> table(ReferenceInput input);
}
