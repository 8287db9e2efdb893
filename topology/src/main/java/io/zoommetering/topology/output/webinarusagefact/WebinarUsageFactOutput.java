package io.zoommetering.topology.output.webinarusagefact;

import io.zoommetering.avro.gold.fact.WebinarUsageFact;
import io.zoommetering.avro.gold.fact.WebinarUsageFactKey;
import io.zoommetering.topology.account.EntityRows;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;

/**
 * gold.fact.webinar-usage (Go_Fact_Webinar_Usage): one row per webinar_id, its latest record by event_time. An entity
 * output: the host's account task rewrites the row from each newer record that changes it.
 */
public final class WebinarUsageFactOutput implements OutputTable<WebinarUsageFactKey, WebinarUsageFact> {

    public static final WebinarUsageFactOutput INSTANCE = new WebinarUsageFactOutput();

    /** What this task wrote of each entity (EntityRows). */
    static final String ROWS = "fact-webinar-usage-rows";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(suppliers -> Set.of(EntityRows.store(suppliers, ROWS)), WebinarUsageFactLedger::new));

    private static final TopicSetting TOPIC = new TopicSetting(
            "fact-webinar-usage",
            "gold.fact.webinar-usage",
            "of the webinar usage fact (one row per webinar, its latest record)");

    private WebinarUsageFactOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<WebinarUsageFactKey> keyType() {
        return WebinarUsageFactKey.class;
    }

    @Override
    public Class<WebinarUsageFact> valueType() {
        return WebinarUsageFact.class;
    }
}
