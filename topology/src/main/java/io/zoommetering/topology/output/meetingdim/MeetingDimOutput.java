package io.zoommetering.topology.output.meetingdim;

import io.zoommetering.avro.gold.dim.MeetingDim;
import io.zoommetering.avro.gold.dim.MeetingDimKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.state.WriteBehindStore;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.dim.meeting (Go_Dim_Meeting, SCD type 1): per meeting_id, the topic and type of the meeting's latest state.
 * An entity output: the task of the meeting's current host writes its row when the current state's topic or type
 * differs from what the task last wrote for it, so the dimension costs no repartition.
 */
public final class MeetingDimOutput implements OutputTable<MeetingDimKey, MeetingDim> {

    public static final MeetingDimOutput INSTANCE = new MeetingDimOutput();
    /** Per meeting this task holds: the topic and type it last wrote, and the epoch day it first wrote the row. */
    static final String WRITTEN = "dim-meeting-written";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                            suppliers.keyValue(WRITTEN), Serdes.String(), new MeetingDimLedger.WrittenSerde()))),
                    MeetingDimLedger::new));

    private static final TopicSetting TOPIC = new TopicSetting(
            "dim-meeting", "gold.dim.meeting", "of the meeting dimension (latest topic and type per meeting)");

    private MeetingDimOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<MeetingDimKey> keyType() {
        return MeetingDimKey.class;
    }

    @Override
    public Class<MeetingDim> valueType() {
        return MeetingDim.class;
    }
}
