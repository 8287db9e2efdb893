package io.zoommetering.topology.output.billingeventtypedim;

import io.zoommetering.avro.gold.dim.BillingEventTypeDim;
import io.zoommetering.avro.gold.dim.BillingEventTypeDimKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.account.SeenNames;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;

/**
 * gold.dim.billing-event-type (Go_Dim_Billing_Event_Type, SCD type 1): every billing event type seen in an accepted record. An entity output: its ledger writes a
 * name's row the first time its task sees the name, so the dimension costs no repartition and no write per record.
 */
public final class BillingEventTypeDimOutput implements OutputTable<BillingEventTypeDimKey, BillingEventTypeDim> {

    public static final BillingEventTypeDimOutput INSTANCE = new BillingEventTypeDimOutput();
    /** The names this task has written, with the epoch day each was first written. */
    static final String NAMES = "dim-billing-event-type-names";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(suppliers -> Set.of(SeenNames.store(suppliers, NAMES)), BillingEventTypeDimLedger::new));

    private static final TopicSetting TOPIC = new TopicSetting(
            "dim-billing-event-type",
            "gold.dim.billing-event-type",
            "of the billing event type dimension (every billing event type seen)");

    private BillingEventTypeDimOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<BillingEventTypeDimKey> keyType() {
        return BillingEventTypeDimKey.class;
    }

    @Override
    public Class<BillingEventTypeDim> valueType() {
        return BillingEventTypeDim.class;
    }
}
