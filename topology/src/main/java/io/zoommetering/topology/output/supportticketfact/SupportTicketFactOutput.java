package io.zoommetering.topology.output.supportticketfact;

import io.zoommetering.avro.gold.fact.SupportTicketFact;
import io.zoommetering.avro.gold.fact.SupportTicketFactKey;
import io.zoommetering.topology.account.EntityRows;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;

/**
 * gold.fact.support-ticket (Go_Fact_Support_Ticket): one row per ticket_id, its latest state, with the requester's
 * user_name as of the state's event_time. An entity output: the requester's account task rewrites the row from each
 * current state that changes it.
 */
public final class SupportTicketFactOutput implements OutputTable<SupportTicketFactKey, SupportTicketFact> {

    public static final SupportTicketFactOutput INSTANCE = new SupportTicketFactOutput();

    /** What this task wrote of each entity (EntityRows). */
    static final String ROWS = "fact-support-ticket-rows";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(suppliers -> Set.of(EntityRows.store(suppliers, ROWS)), SupportTicketFactLedger::new));

    private static final TopicSetting TOPIC = new TopicSetting(
            "fact-support-ticket",
            "gold.fact.support-ticket",
            "of the support ticket fact (one row per ticket, its latest state)");

    private SupportTicketFactOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<SupportTicketFactKey> keyType() {
        return SupportTicketFactKey.class;
    }

    @Override
    public Class<SupportTicketFact> valueType() {
        return SupportTicketFact.class;
    }
}
