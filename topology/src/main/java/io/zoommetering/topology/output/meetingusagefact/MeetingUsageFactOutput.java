package io.zoommetering.topology.output.meetingusagefact;

import io.zoommetering.avro.gold.fact.MeetingUsageFact;
import io.zoommetering.avro.gold.fact.MeetingUsageFactKey;
import io.zoommetering.topology.account.EntityRows;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;

/**
 * gold.fact.meeting-usage (Go_Fact_Meeting_Usage): one row per meeting_id, its latest state, with the host's user_name
 * as of the state's event_time. An entity output: the host's account task rewrites the row from each current state
 * that changes it.
 */
public final class MeetingUsageFactOutput implements OutputTable<MeetingUsageFactKey, MeetingUsageFact> {

    public static final MeetingUsageFactOutput INSTANCE = new MeetingUsageFactOutput();

    /** What this task wrote of each entity (EntityRows). */
    static final String ROWS = "fact-meeting-usage-rows";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(suppliers -> Set.of(EntityRows.store(suppliers, ROWS)), MeetingUsageFactLedger::new));

    private static final TopicSetting TOPIC = new TopicSetting(
            "fact-meeting-usage",
            "gold.fact.meeting-usage",
            "of the meeting usage fact (one row per meeting, its latest state)");

    private MeetingUsageFactOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<MeetingUsageFactKey> keyType() {
        return MeetingUsageFactKey.class;
    }

    @Override
    public Class<MeetingUsageFact> valueType() {
        return MeetingUsageFact.class;
    }
}
