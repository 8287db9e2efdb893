package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.topology.money.Fraction;
import org.apache.avro.specific.SpecificRecord;

/** What a formula reads: the summed measures of its key, those of colocated keys, and the plan catalog. */
public interface Totals<K> {

    K key();

    Measures measures();

    default long count(String measure) {
        return MeasureSets.count(measures(), measure);
    }

    default Fraction amount(String measure) {
        return MeasureSets.amount(measures(), measure);
    }

    /**
     * The summed measures of another output's key in the same group (declared in {@link AggregateOutput#reads()});
     * empty when nothing contributes to it.
     */
    <K2 extends SpecificRecord> Measures of(AggregateOutput<K2, ?> other, K2 key);

    /** The plan catalog's entry of a plan type, or null. */
    Plan catalogEntry(String planType);
}
