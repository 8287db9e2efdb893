package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.AccountEnvelope;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.internal.MeetingHead;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.topics.TopicId;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Keeps each meeting's current state (the latest event_time; ties go to the later offset) where meetings are
 * partitioned, and routes states to their host's account: the current one as CURRENT, an older one arriving late
 * as SUPERSEDED, and, when a correction changes the host, the previous state to the previous host as WITHDRAWN.
 */
public final class MeetingRouter implements Processor<String, Meeting, String, AccountEnvelope> {

    public static final String HEADS = "meeting-heads";

    private static final String STREAM = TopicId.MEETINGS.configName();

    private ProcessorContext<String, AccountEnvelope> context;
    private KeyValueStore<String, MeetingHead> heads;

    public static ProcessorSupplier<String, Meeting, String, AccountEnvelope> supplier(
            Serde<MeetingHead> headSerde, StoreSuppliers stores) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Meeting, String, AccountEnvelope> get() {
                return new MeetingRouter();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(stores.keyValue(HEADS),
                        Serdes.String(), headSerde).withCachingEnabled());
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, AccountEnvelope> context) {
        this.context = context;
        this.heads = context.getStateStore(HEADS);
    }

    @Override
    public void process(Record<String, Meeting> record) {
        Meeting state = record.value();
        MeetingHead head = heads.get(state.getMeetingId());
        if (head != null && state.getEventTime().isBefore(head.getEventTime())) {
            send(record, state.getHostUserId(), EnvelopeKind.SUPERSEDED, state);
            return;
        }
        heads.put(state.getMeetingId(), new MeetingHead(state.getEventTime(), state));
        if (head != null && !head.getState().getHostUserId().equals(state.getHostUserId())) {
            send(record, head.getState().getHostUserId(), EnvelopeKind.WITHDRAWN, head.getState());
        }
        send(record, state.getHostUserId(), EnvelopeKind.CURRENT, state);
    }

    private void send(Record<String, Meeting> record, String account, EnvelopeKind kind, Meeting payload) {
        context.forward(record.withKey(account).withValue(new AccountEnvelope(STREAM, kind, payload)));
    }
}
