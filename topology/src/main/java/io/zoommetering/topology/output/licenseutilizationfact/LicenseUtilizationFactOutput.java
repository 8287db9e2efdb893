package io.zoommetering.topology.output.licenseutilizationfact;

import io.zoommetering.avro.gold.fact.LicenseUtilizationFact;
import io.zoommetering.avro.gold.fact.LicenseUtilizationFactKey;
import io.zoommetering.topology.account.EntityRows;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;

/**
 * gold.fact.license-utilization (Go_Fact_License_Utilization): one row per license_id, its latest state, with the
 * assigned user's user_name as of the state's event_time (null while unassigned). An entity output: the holder's
 * account task (the license's own id while unassigned) rewrites the row from each current state that changes it.
 */
public final class LicenseUtilizationFactOutput
        implements OutputTable<LicenseUtilizationFactKey, LicenseUtilizationFact> {

    public static final LicenseUtilizationFactOutput INSTANCE = new LicenseUtilizationFactOutput();

    /** What this task wrote of each entity (EntityRows). */
    static final String ROWS = "fact-license-utilization-rows";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(suppliers -> Set.of(EntityRows.store(suppliers, ROWS)), LicenseUtilizationFactLedger::new));

    private static final TopicSetting TOPIC = new TopicSetting(
            "fact-license-utilization",
            "gold.fact.license-utilization",
            "of the license utilization fact (one row per license, its latest state)");

    private LicenseUtilizationFactOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<LicenseUtilizationFactKey> keyType() {
        return LicenseUtilizationFactKey.class;
    }

    @Override
    public Class<LicenseUtilizationFact> valueType() {
        return LicenseUtilizationFact.class;
    }
}
