package io.zoommetering.topology.output;

import io.zoommetering.topology.account.AccountRows;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.topics.OutputTable;
import java.util.Optional;

/**
 * One gold output as the registry lists it: its table, and its ledger in the account stage if it has one. An
 * aggregate output ({@link AggregateOutput}) is summed by the combiner; an output computed from other outputs'
 * totals alone (an alert) has no ledger; an entity output (a dimension or a fact: one row per entity, no
 * combiner) is a table whose ledger writes its rows itself ({@link io.zoommetering.topology.account.LedgerContext#write});
 * an output computed from another output's rows after the combiner (the forecast) has a {@link RowsFollower}.
 * Each output's package declares one of these. A per-account output whose ledger keeps its current rows also says
 * how they are read back ({@link AccountRows}), which makes it queryable like the aggregates; so does a follower
 * whose store keeps what its rows derive from ({@link RowsFollower#rows}).
 */
public record GoldOutput(
        OutputTable<?, ?> table,
        Optional<LedgerSpec> ledger,
        Optional<RowsFollower> follower,
        Optional<AccountRows> accountRows) {

    public static GoldOutput of(OutputTable<?, ?> table, LedgerSpec ledger) {
        return new GoldOutput(table, Optional.of(ledger), Optional.empty(), Optional.empty());
    }

    /** A per-account output whose rows are read back from its ledger's stores. */
    public static GoldOutput of(OutputTable<?, ?> table, LedgerSpec ledger, AccountRows rows) {
        return new GoldOutput(table, Optional.of(ledger), Optional.empty(), Optional.of(rows));
    }

    /** An output computed from other outputs' totals alone. */
    public static GoldOutput derived(AggregateOutput<?, ?> aggregate) {
        return new GoldOutput(aggregate, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An output computed from another output's gold rows, after the combiner. */
    public static GoldOutput following(OutputTable<?, ?> table, RowsFollower follower) {
        return new GoldOutput(table, Optional.empty(), Optional.of(follower), Optional.empty());
    }

    public String name() {
        return table.topic().configName();
    }

    /** The output's part of the combiner stage, if it is an aggregate. */
    public Optional<AggregateOutput<?, ?>> aggregate() {
        return table instanceof AggregateOutput<?, ?> aggregate ? Optional.of(aggregate) : Optional.empty();
    }
}
