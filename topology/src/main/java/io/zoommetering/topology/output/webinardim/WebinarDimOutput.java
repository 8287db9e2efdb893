package io.zoommetering.topology.output.webinardim;

import io.zoommetering.avro.gold.dim.WebinarDim;
import io.zoommetering.avro.gold.dim.WebinarDimKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.state.WriteBehindStore;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.dim.webinar (Go_Dim_Webinar, SCD type 1): per webinar_id, the topic of its latest record by event time (a
 * webinar is one record, but a producer may re-send it corrected). An entity output written by the host's task.
 */
public final class WebinarDimOutput implements OutputTable<WebinarDimKey, WebinarDim> {

    public static final WebinarDimOutput INSTANCE = new WebinarDimOutput();
    /** Per webinar: the event time of the latest record this task saw, its topic, the epoch day first written. */
    static final String LATEST = "dim-webinar-latest";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                            suppliers.keyValue(LATEST), Serdes.String(), new WebinarDimLedger.LatestSerde()))),
                    WebinarDimLedger::new));

    private static final TopicSetting TOPIC =
            new TopicSetting("dim-webinar", "gold.dim.webinar", "of the webinar dimension (latest topic per webinar)");

    private WebinarDimOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<WebinarDimKey> keyType() {
        return WebinarDimKey.class;
    }

    @Override
    public Class<WebinarDim> valueType() {
        return WebinarDim.class;
    }
}
