package io.zoommetering.topology.output;

import io.zoommetering.topology.aggregate.GoldRecord;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.AvroSerdes;
import io.zoommetering.topology.topics.OutputTable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.kstream.KStream;

/**
 * An output computed from another output's gold rows, after the combiner: the forecast, which runs a recurrence
 * over the closed hours of the series that gold.event-totals sums, is one. The output's package builds its own
 * steps (a repartition by what it keeps state for, a processor) from the source's rows; the topology merges what
 * they return into the gold rows, which are written like any other output's. A follower whose store keeps what
 * its current rows derive from says how they are read back ({@link FollowerRows}), which makes it queryable.
 */
public interface RowsFollower {

    /** The output whose rows this output hears; selecting this output computes that one too. */
    OutputTable<?, ?> source();

    /**
     * The output's gold rows from its source's, as the combiner wrote them (a null value for a withdrawn row).
     * Internal topics, processors and stores are named after the output.
     */
    KStream<String, GoldRecord> follow(KStream<String, GoldRecord> sourceRows, Context context);

    /** How the output's current rows are read back from its store, when it keeps them (which makes it queryable). */
    default Optional<FollowerRows> rows() {
        return Optional.empty();
    }

    /**
     * What a follower may build with: the topology's serdes and store kind, the reporting calendar, the grace
     * period, the source_system, and every setting's parsed value (a follower reads its own, which the settings'
     * definition includes).
     */
    record Context(
            AvroSerdes serdes,
            StoreSuppliers stores,
            Periods periods,
            Duration grace,
            String sourceSystem,
            Map<String, ?> settings) {}
}
