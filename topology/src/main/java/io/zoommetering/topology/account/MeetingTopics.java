package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.AccountEnvelope;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.internal.FeatureActivity;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.state.CompactSerde;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.state.WriteBehindStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The topic of each meeting, where the meetings and the feature-usage input partitions meet, so a feature usage
 * crosses the by-account topic with its meeting's topic (gold.fact.feature-usage, SPEC 3 "Facts") and no record is
 * repartitioned for the join. Both input topics are keyed by meeting_id, and every input's intake shares the
 * intake stores, so partition p of both topics is already one task; one store of meeting_id → topic, written by
 * the meetings and read by the feature usages of that task, is the join. A usage takes the topic of the latest
 * state (by event_time, ties: the later processed) of its meeting processed before it; none yet, or no meeting,
 * is a null topic. A late state of the meeting does not rewrite a usage already sent.
 */
public final class MeetingTopics {

    /** meeting_id → the event time and topic of the meeting's latest state processed so far. */
    public static final String STORE = "meeting-topics";

    private record Topic(long eventTime, String topic) {}

    private MeetingTopics() {}

    public static StoreBuilder<?> store(StoreSuppliers suppliers) {
        return WriteBehindStore.cached(
                Stores.keyValueStoreBuilder(suppliers.keyValue(STORE), Serdes.String(), new TopicSerde()));
    }

    /** Records the topic of each accepted meeting state and passes the state on unchanged. */
    public static final class Recorder implements Processor<String, Meeting, String, Meeting> {

        private ProcessorContext<String, Meeting> context;
        private KeyValueStore<String, Topic> topics;

        @Override
        public void init(ProcessorContext<String, Meeting> context) {
            this.context = context;
            this.topics = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, Meeting> record) {
            Meeting meeting = record.value();
            long eventTime = meeting.getEventTime().toEpochMilli();
            Topic known = topics.get(meeting.getMeetingId());
            if (known == null || eventTime >= known.eventTime()) {
                topics.put(meeting.getMeetingId(), new Topic(eventTime, meeting.getMeetingTopic()));
            }
            context.forward(record);
        }
    }

    /** Sends each accepted feature usage to its user's account, with its meeting's topic as known now. */
    public static final class Lookup implements Processor<String, FeatureUsage, String, AccountEnvelope> {

        private final String stream;
        private ProcessorContext<String, AccountEnvelope> context;
        private KeyValueStore<String, Topic> topics;

        /** @param stream the feature-usage stream's name, as envelopes carry it */
        public Lookup(String stream) {
            this.stream = stream;
        }

        @Override
        public void init(ProcessorContext<String, AccountEnvelope> context) {
            this.context = context;
            this.topics = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, FeatureUsage> record) {
            FeatureUsage usage = record.value();
            String meetingId = usage.getMeetingId();
            Topic topic = meetingId == null || meetingId.isBlank() ? null : topics.get(meetingId);
            FeatureActivity activity = new FeatureActivity(
                    usage.getUserId(),
                    usage.getEventTime(),
                    usage.getFeatureName(),
                    usage.getUsageSeconds(),
                    usage.getEventId(),
                    usage.getUsageCount(),
                    topic == null ? null : topic.topic());
            context.forward(record.withKey(usage.getUserId())
                    .withValue(new AccountEnvelope(stream, EnvelopeKind.CURRENT, activity)));
        }
    }

    private static final class TopicSerde extends CompactSerde<Topic> {

        @Override
        protected void write(Topic value, Output out) {
            out.writeLong(value.eventTime());
            out.writeString(value.topic());
        }

        @Override
        protected Topic read(Input in) {
            long eventTime = in.readLong();
            return new Topic(eventTime, in.readString());
        }
    }
}
