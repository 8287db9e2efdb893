package io.zoommetering.topology.output.tickettypedim;

import io.zoommetering.avro.gold.dim.TicketTypeDim;
import io.zoommetering.avro.gold.dim.TicketTypeDimKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.account.SeenNames;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;

/**
 * gold.dim.ticket-type (Go_Dim_Ticket_Type, SCD type 1): every ticket type seen in an accepted record. An entity output: its ledger writes a
 * name's row the first time its task sees the name, so the dimension costs no repartition and no write per record.
 */
public final class TicketTypeDimOutput implements OutputTable<TicketTypeDimKey, TicketTypeDim> {

    public static final TicketTypeDimOutput INSTANCE = new TicketTypeDimOutput();
    /** The names this task has written, with the epoch day each was first written. */
    static final String NAMES = "dim-ticket-type-names";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE, LedgerSpec.of(suppliers -> Set.of(SeenNames.store(suppliers, NAMES)), TicketTypeDimLedger::new));

    private static final TopicSetting TOPIC = new TopicSetting(
            "dim-ticket-type", "gold.dim.ticket-type", "of the ticket type dimension (every ticket type seen)");

    private TicketTypeDimOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<TicketTypeDimKey> keyType() {
        return TicketTypeDimKey.class;
    }

    @Override
    public Class<TicketTypeDim> valueType() {
        return TicketTypeDim.class;
    }
}
