package io.zoommetering.topology.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.GoldTopology;
import io.zoommetering.topology.reference.InputRecord;
import io.zoommetering.topology.reference.RandomEventSets;
import io.zoommetering.topology.registry.OutputRegistry;
import io.zoommetering.topology.topics.Topic;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What interactive queries read from the combiner's store is what the combiner last wrote to each gold topic, key
 * for key, on the property test's random event sets: the same formula over the same totals. An alert shows once it
 * was raised; update_date is the day of the answer, so it is left out of the comparison.
 */
class StoredRowsTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 17, 29, 41})
    void shouldReadTheRowsLastWrittenToEveryAggregateOutput(long seed) {
        // Given a random event set through the topology
        List<InputRecord> records = RandomEventSets.generate(seed);
        try (GoldDriver driver = new GoldDriver(Map.of(), RandomEventSets.processingTime())) {
            records.forEach(record -> send(driver, record));
            driver.flush();
            // When the rows are read from the combiner's store
            StoredRows rows = new StoredRows(
                    OutputRegistry.all().aggregates(),
                    driver.keyValueStore(CombinerStores.COMBINED),
                    driver.keyValueStore(GoldTopology.PLAN_CATALOG_STORE),
                    driver.config().sourceSystem(),
                    LocalDate.of(2030, 1, 1));
            int compared = 0;
            for (AggregateOutput<?, ?> output :
                    OutputRegistry.all().aggregates().all()) {
                Map<Object, Object> read = new HashMap<>();
                rows.forEach(output, (key, value) -> read.put(key, withoutUpdateDate(value)));
                Map<Object, Object> written = new HashMap<>();
                driver.table(driver.topics().output(output))
                        .forEach((key, value) -> written.put(key, withoutUpdateDate((SpecificRecord) value)));
                // Then they are the rows last written, and one key reads as it does in the listing
                if (output.alertsOnce()) {
                    assertThat(read.keySet())
                            .as("seed %d, %s", seed, output.topic())
                            .isEqualTo(written.keySet());
                } else {
                    assertThat(read).as("seed %d, %s", seed, output.topic()).isEqualTo(written);
                }
                for (Object key : read.keySet()) {
                    assertThat(withoutUpdateDate(rowOf(rows, output, key))).isEqualTo(read.get(key));
                }
                compared += read.size();
            }
            assertThat(compared).as("rows compared").isPositive();
        }
    }

    @SuppressWarnings("unchecked")
    private static <K extends SpecificRecord> SpecificRecord rowOf(
            StoredRows rows, AggregateOutput<K, ?> output, Object key) {
        return rows.row(output, (K) key);
    }

    private static Map<String, Object> withoutUpdateDate(SpecificRecord value) {
        Map<String, Object> fields = new HashMap<>();
        for (Schema.Field field : value.getSchema().getFields()) {
            if (!field.name().equals("update_date")) {
                fields.put(field.name(), value.get(field.pos()));
            }
        }
        return fields;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void send(GoldDriver driver, InputRecord record) {
        Topic<String, ? extends SpecificRecord> topic = driver.topics().inputs().stream()
                .filter(input -> input.name().equals(record.topic()))
                .findFirst()
                .orElseThrow();
        if (record.rawValue() != null) {
            driver.sendRaw(topic, record.key(), record.rawValue());
        } else {
            driver.send((Topic) topic, record.key(), record.value());
        }
    }
}
