package io.zoommetering.topology.output.featureusagefact;

import io.zoommetering.avro.gold.fact.FeatureUsageFact;
import io.zoommetering.avro.gold.fact.FeatureUsageFactKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;

/**
 * gold.fact.feature-usage (Go_Fact_Feature_Usage): one row per accepted feature usage (by event_id), with the topic of
 * its meeting as known when it was processed. An entity output written once per record from the user's account task.
 */
public final class FeatureUsageFactOutput implements OutputTable<FeatureUsageFactKey, FeatureUsageFact> {

    public static final FeatureUsageFactOutput INSTANCE = new FeatureUsageFactOutput();

    public static final GoldOutput OUTPUT = GoldOutput.of(INSTANCE, LedgerSpec.stateless(FeatureUsageFactLedger::new));

    private static final TopicSetting TOPIC = new TopicSetting(
            "fact-feature-usage",
            "gold.fact.feature-usage",
            "of the feature usage fact (one row per feature usage event)");

    private FeatureUsageFactOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<FeatureUsageFactKey> keyType() {
        return FeatureUsageFactKey.class;
    }

    @Override
    public Class<FeatureUsageFact> valueType() {
        return FeatureUsageFact.class;
    }
}
