package io.zoommetering.topology.output.licensetypedim;

import io.zoommetering.avro.gold.dim.LicenseTypeDim;
import io.zoommetering.avro.gold.dim.LicenseTypeDimKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.account.SeenNames;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;

/**
 * gold.dim.license-type (Go_Dim_License_Type, SCD type 1): every license type seen in an accepted record. An entity output: its ledger writes a
 * name's row the first time its task sees the name, so the dimension costs no repartition and no write per record.
 */
public final class LicenseTypeDimOutput implements OutputTable<LicenseTypeDimKey, LicenseTypeDim> {

    public static final LicenseTypeDimOutput INSTANCE = new LicenseTypeDimOutput();
    /** The names this task has written, with the epoch day each was first written. */
    static final String NAMES = "dim-license-type-names";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE, LedgerSpec.of(suppliers -> Set.of(SeenNames.store(suppliers, NAMES)), LicenseTypeDimLedger::new));

    private static final TopicSetting TOPIC = new TopicSetting(
            "dim-license-type", "gold.dim.license-type", "of the license type dimension (every license type seen)");

    private LicenseTypeDimOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<LicenseTypeDimKey> keyType() {
        return LicenseTypeDimKey.class;
    }

    @Override
    public Class<LicenseTypeDim> valueType() {
        return LicenseTypeDim.class;
    }
}
