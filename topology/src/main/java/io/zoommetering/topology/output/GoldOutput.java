package io.zoommetering.topology.output;

import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import java.util.Optional;

/**
 * One gold output as the registry lists it: its descriptor for the combiner stage, and its ledger in the account
 * stage, if it contributes there (an output whose formula only reads other outputs' totals, like an alert, has
 * none). Each output's package declares one of these.
 */
public record GoldOutput(AggregateOutput<?, ?> aggregate, Optional<LedgerSpec> ledger) {

    public static GoldOutput of(AggregateOutput<?, ?> aggregate, LedgerSpec ledger) {
        return new GoldOutput(aggregate, Optional.of(ledger));
    }

    /** An output computed from other outputs' totals alone. */
    public static GoldOutput derived(AggregateOutput<?, ?> aggregate) {
        return new GoldOutput(aggregate, Optional.empty());
    }

    public String name() {
        return aggregate.topic().configName();
    }
}
