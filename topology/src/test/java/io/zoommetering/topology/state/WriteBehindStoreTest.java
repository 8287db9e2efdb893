package io.zoommetering.topology.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write-behind layer in a real Kafka Streams task (the test driver commits after every input record): each key
 * reaches the changelog once per commit with its latest value, and reads and scans see the pending writes.
 */
class WriteBehindStoreTest {

    private static final String STORE = "counts";
    private static final String APPLICATION = "write-behind-test";

    private final List<String> scanned = new ArrayList<>();
    private TopologyTestDriver driver;

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldWriteEachKeyOnceAtTheCommitWithItsLatestValue() {
        // Given a processor that adds 1 to key "a" three times per record and deletes key "gone" it wrote first
        TestInputTopic<String, String> input = start();
        // When two records are processed (two commits), the second one also scanning the store
        input.pipeInput("r-1", "x");
        input.pipeInput("r-2", "scan");
        // Then the changelog holds one write of "a" per commit, with the count as it was at that commit, and of
        // "gone" only its deletion (its value never left the task)
        TestOutputTopic<String, String> changelog = driver.createOutputTopic(
                APPLICATION + "-" + STORE + "-changelog", new StringDeserializer(), new StringDeserializer());
        assertThat(changelog.readKeyValuesToList())
                .containsExactlyInAnyOrder(
                        KeyValue.pair("a", "3"),
                        KeyValue.pair("gone", null),
                        KeyValue.pair("records", "1"),
                        KeyValue.pair("a", "6"),
                        KeyValue.pair("gone", null),
                        KeyValue.pair("records", "2"));
        // and the processor's reads and its scan saw its own pending writes
        assertThat(scanned).containsExactly("a=6", "records=2");
        assertThat(driver.<String, String>getKeyValueStore(STORE).get("a")).isEqualTo("6");
    }

    @Test
    void shouldWriteWhatTheActionsBeforeWritingPutInTheSameCommit() {
        // Given the processor, which also counts its records in memory and puts the count only before each write
        TestInputTopic<String, String> input = start();
        // When three records are processed, the second one scanning the store
        input.pipeInput("r-1", "x");
        input.pipeInput("r-2", "scan");
        input.pipeInput("r-3", "x");
        // Then each commit's changelog writes hold the deferred count as it was then
        TestOutputTopic<String, String> changelog = driver.createOutputTopic(
                APPLICATION + "-" + STORE + "-changelog", new StringDeserializer(), new StringDeserializer());
        assertThat(changelog.readKeyValuesToList())
                .filteredOn(entry -> entry.key.equals("records"))
                .extracting(entry -> entry.value)
                .containsExactly("1", "2", "3");
        // and the scan saw it too, as the action ran before the scan read the store below
        assertThat(scanned).contains("records=2");
    }

    private TestInputTopic<String, String> start() {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
        topology.addProcessor("count", () -> new Counting(scanned), "in");
        topology.addStateStore(
                WriteBehindStore.of(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.String())),
                "count");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(topology, props);
        return driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
    }

    private static final class Counting implements Processor<String, String, Void, Void> {

        private final List<String> scanned;
        private KeyValueStore<String, String> counts;
        private int records;
        private int recordsPut;

        Counting(List<String> scanned) {
            this.scanned = scanned;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            counts = context.getStateStore(STORE);
            // The context hands out the store decorated: the layer is found under the decoration.
            WriteBehindStore.under(counts).beforeWriting(() -> {
                if (records != recordsPut) {
                    counts.put("records", String.valueOf(records));
                    recordsPut = records;
                }
            });
        }

        @Override
        public void process(Record<String, String> record) {
            records++;
            counts.put("gone", "soon");
            for (int i = 0; i < 3; i++) {
                String current = counts.get("a");
                counts.put("a", String.valueOf(current == null ? 1 : Integer.parseInt(current) + 1));
            }
            counts.delete("gone");
            if (!record.value().equals("scan")) {
                return;
            }
            try (KeyValueIterator<String, String> all = counts.all()) {
                all.forEachRemaining(entry -> scanned.add(entry.key + "=" + entry.value));
            }
        }
    }
}
