package io.zoommetering.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ProcessAudit;
import io.zoommetering.avro.audit.ProcessAuditKey;
import io.zoommetering.avro.gold.OverageAlert;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.output.overagealerts.OverageAlertsOutput;
import io.zoommetering.topology.reference.GoldReference;
import io.zoommetering.topology.reference.InputRecord;
import io.zoommetering.topology.reference.RandomEventSets;
import io.zoommetering.topology.reference.ReferenceSettings;
import io.zoommetering.topology.topics.Topic;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random event sets, with duplicates, corrections, out-of-order, late and invalid records, pushed through the
 * topology; every gold output must equal the batch computation of the same formulas over the same input
 * (topology/src/test/.../reference, written separately from the topology), to the cent.
 */
class GoldPropertyTest {

    private static final Set<String> LINEAGE = Set.of("load_date", "update_date", "source_system");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 250);
    }

    static LongStream someSeeds() {
        return LongStream.rangeClosed(1001, 1010);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldAgreeWithTheBatchComputationOfTheSpec(long seed) {
        assertAgreement(seed, "IN_MEMORY");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("someSeeds")
    void shouldAgreeWithTheBatchComputationOfTheSpecOnRocksDbStores(long seed) {
        assertAgreement(seed, "PERSISTENT");
    }

    private static void assertAgreement(long seed, String stores) {
        // Given a random event set and the batch computation over it
        List<InputRecord> records = RandomEventSets.generate(seed);
        GoldReference expected =
                GoldReference.compute(records, ReferenceSettings.defaults(RandomEventSets.processingTime()));
        try (GoldDriver driver =
                new GoldDriver(Map.of(MeteringConfig.STATE_STORES, stores), RandomEventSets.processingTime())) {
            // When the same records flow through the topology, in the same order
            records.forEach(record -> send(driver, record));
            // Then every gold table holds what the batch computation holds
            for (Topic<? extends SpecificRecord, ? extends SpecificRecord> output :
                    driver.topics().goldOutputs()) {
                if (GoldReference.TABLES.contains(output.name())) {
                    assertThat(withoutLineage(driver.table(output)))
                            .as("seed %d, %s", seed, output.name())
                            .isEqualTo(expected.table(output.name()));
                }
            }
            // and an alert was raised for every product whose overage ends at or above its threshold
            List<KeyValue<ProductMeterKey, OverageAlert>> alerts =
                    driver.records(driver.topics().output(OverageAlertsOutput.INSTANCE));
            assertThat(alerts.stream().map(alert -> alert.key).collect(Collectors.toSet()))
                    .as("seed %d, alerts", seed)
                    .containsAll(expected.overageAlertCrossings())
                    .doesNotHaveDuplicates();
            assertThat(alerts)
                    .allSatisfy(alert -> assertThat(alert.value.getOverage())
                            .isGreaterThanOrEqualTo(BigDecimal.valueOf(alert.value.getThreshold())));
            // and every rejected record is on the error topic, with the reason the batch computation gives
            List<KeyValue<ErrorAuditKey, ErrorAudit>> errors = driver.errors();
            assertThat(errorsOf(errors))
                    .as("seed %d, errors", seed)
                    .containsExactlyInAnyOrderElementsOf(expected.errors().stream()
                            .map(error -> error.topic() + "@" + error.offset() + ":" + error.errorType())
                            .toList());
            // and on the dead-letter topic exactly as it was read
            assertThat(driver.records(driver.topics().deadLetters))
                    .as("seed %d, dead letters", seed)
                    .extracting(letter -> letter.value == null ? null : ByteBuffer.wrap(letter.value))
                    .containsExactlyElementsOf(errors.stream()
                            .map(error -> error.value.getOriginalValue())
                            .toList());
            // and the process audit balances: read = accepted + duplicates + errors, per stream
            driver.advanceWallClock(driver.config().auditInterval());
            assertThat(auditedBalances(driver.records(driver.topics().auditProcess)))
                    .as("seed %d, audit", seed)
                    .isEqualTo(expectedBalances(expected));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void send(GoldDriver driver, InputRecord record) {
        Topic<String, ? extends SpecificRecord> topic = driver.topics().inputs().stream()
                .filter(input -> input.name().equals(record.topic()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no input topic " + record.topic()));
        if (record.rawValue() != null) {
            driver.sendRaw(topic, record.key(), record.rawValue());
        } else {
            driver.send((Topic) topic, record.key(), record.value());
        }
    }

    private static Map<SpecificRecord, Map<String, Object>> withoutLineage(Map<?, ?> table) {
        Map<SpecificRecord, Map<String, Object>> rows = new HashMap<>();
        table.forEach((key, value) -> {
            SpecificRecord record = (SpecificRecord) value;
            Map<String, Object> fields = new HashMap<>();
            for (Schema.Field field : record.getSchema().getFields()) {
                if (!LINEAGE.contains(field.name())) {
                    fields.put(field.name(), record.get(field.pos()));
                }
            }
            rows.put((SpecificRecord) key, fields);
        });
        return rows;
    }

    /** Per stream: read, duplicates and errors summed over the intake processes' audit records. */
    private static Map<String, List<Long>> auditedBalances(List<KeyValue<ProcessAuditKey, ProcessAudit>> audits) {
        Map<String, List<Long>> balances = new HashMap<>();
        for (KeyValue<ProcessAuditKey, ProcessAudit> audit : audits) {
            String process = audit.value.getProcessName();
            if (process.startsWith("intake:")) {
                String stream = process.substring("intake:".length(), process.indexOf('#'));
                balances.merge(
                        stream,
                        List.of(
                                audit.value.getRecordCount(),
                                audit.value.getDuplicateCount(),
                                audit.value.getErrorCount()),
                        GoldPropertyTest::plus);
            }
        }
        return balances;
    }

    private static Map<String, List<Long>> expectedBalances(GoldReference expected) {
        Map<String, List<Long>> balances = new HashMap<>();
        expected.balances().forEach((topic, balance) -> {
            long errors = balance.errors().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(balance.read()).isEqualTo(balance.accepted() + balance.duplicates() + errors);
            if (balance.read() > 0) {
                balances.put(topic.substring("zoom.".length()), List.of(balance.read(), balance.duplicates(), errors));
            }
        });
        return balances;
    }

    private static List<Long> plus(List<Long> a, List<Long> b) {
        return List.of(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2));
    }

    private static List<String> errorsOf(List<KeyValue<ErrorAuditKey, ErrorAudit>> errors) {
        return errors.stream()
                .map(error -> error.key.getSourceTopic() + "@" + error.key.getSourceOffset() + ":"
                        + error.value.getErrorType())
                .toList();
    }
}
