package io.zoommetering.topology.output.featuredim;

import io.zoommetering.avro.gold.dim.FeatureDim;
import io.zoommetering.avro.gold.dim.FeatureDimKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.account.SeenNames;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;

/**
 * gold.dim.feature (Go_Dim_Feature, SCD type 1): every feature name seen in an accepted feature usage. An entity
 * output: its ledger writes a name's row the first time its task sees the name, so the dimension costs no
 * repartition and no write per record.
 */
public final class FeatureDimOutput implements OutputTable<FeatureDimKey, FeatureDim> {

    public static final FeatureDimOutput INSTANCE = new FeatureDimOutput();
    /** The names this task has written, with the epoch day each was first written. */
    static final String NAMES = "dim-feature-names";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE, LedgerSpec.of(suppliers -> Set.of(SeenNames.store(suppliers, NAMES)), FeatureDimLedger::new));

    private static final TopicSetting TOPIC =
            new TopicSetting("dim-feature", "gold.dim.feature", "of the feature dimension (every feature name seen)");

    private FeatureDimOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<FeatureDimKey> keyType() {
        return FeatureDimKey.class;
    }

    @Override
    public Class<FeatureDim> valueType() {
        return FeatureDim.class;
    }
}
