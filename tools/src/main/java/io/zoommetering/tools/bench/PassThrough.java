package io.zoommetering.tools.bench;

import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The limit the gold topology is measured against: a Kafka Streams application that reads every input topic as
 * bytes, decodes each value with the same Avro serde as the gold topology's intake, encodes it again, and writes
 * every record to one output topic. No state, no repartition: what consuming, decoding, encoding and producing the
 * input costs on its own. A value that does not decode is passed on as it is (the gold topology routes it to the
 * error topics).
 */
final class PassThrough {

    private PassThrough() {}

    static Topology build(TopicTypes types, SchemaRegistryClient registry, String output, Properties streamsConfig) {
        List<String> inputs = types.inputTopics();
        Map<String, SpecificAvroSerde<SpecificRecord>> serdes = new HashMap<>();
        for (String input : inputs) {
            serdes.put(input, serde(types.valueType(input), registry));
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        inputs,
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("pass-through-source"))
                .processValues(() -> new Recode(serdes), Named.as("pass-through-recode"))
                .to(
                        output,
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("pass-through-sink"));
        return builder.build(streamsConfig);
    }

    @SuppressWarnings("unchecked")
    private static SpecificAvroSerde<SpecificRecord> serde(
            Class<? extends SpecificRecord> type, SchemaRegistryClient registry) {
        return new SpecificAvroSerde<>((Class<SpecificRecord>) type, registry, false);
    }

    /** Decodes a value and encodes it again, under its own topic's subject (the schema id it was read with). */
    private static final class Recode implements FixedKeyProcessor<byte[], byte[], byte[]> {

        private final Map<String, SpecificAvroSerde<SpecificRecord>> serdes;
        private FixedKeyProcessorContext<byte[], byte[]> context;

        Recode(Map<String, SpecificAvroSerde<SpecificRecord>> serdes) {
            this.serdes = serdes;
        }

        @Override
        public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> record) {
            byte[] value = record.value();
            if (value != null) {
                String topic = context.recordMetadata().orElseThrow().topic();
                SpecificAvroSerde<SpecificRecord> serde = serdes.get(topic);
                try {
                    value = serde.serializer()
                            .serialize(topic, serde.deserializer().deserialize(topic, record.headers(), value));
                } catch (RuntimeException undecodable) {
                    // passed on as read
                }
            }
            context.forward(record.withValue(value));
        }
    }
}
