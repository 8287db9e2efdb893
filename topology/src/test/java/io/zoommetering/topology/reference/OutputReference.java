package io.zoommetering.topology.reference;

import java.time.ZoneId;
import java.util.List;
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

    /**
     * @param accepted the accepted records' values in processing order (tombstones left out), duplicates, invalid
     *                 and late records excluded
     * @param zone     the reporting time zone
     */
    Map<? extends SpecificRecord, Map<String, Object>> table(List<SpecificRecord> accepted, ZoneId zone);
}
