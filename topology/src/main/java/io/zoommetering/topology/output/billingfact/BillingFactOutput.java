package io.zoommetering.topology.output.billingfact;

import io.zoommetering.avro.gold.fact.BillingFact;
import io.zoommetering.avro.gold.fact.BillingFactKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;

/**
 * gold.fact.billing (Go_Fact_Billing): one row per accepted billing event (by event_id), with the account holder's
 * user_name as of its event_time and its amount in the reporting currency. An entity output written once per record
 * from the account's task.
 */
public final class BillingFactOutput implements OutputTable<BillingFactKey, BillingFact> {

    public static final BillingFactOutput INSTANCE = new BillingFactOutput();

    public static final GoldOutput OUTPUT = GoldOutput.of(INSTANCE, LedgerSpec.stateless(BillingFactLedger::new));

    private static final TopicSetting TOPIC =
            new TopicSetting("fact-billing", "gold.fact.billing", "of the billing fact (one row per billing event)");

    private BillingFactOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<BillingFactKey> keyType() {
        return BillingFactKey.class;
    }

    @Override
    public Class<BillingFact> valueType() {
        return BillingFact.class;
    }
}
