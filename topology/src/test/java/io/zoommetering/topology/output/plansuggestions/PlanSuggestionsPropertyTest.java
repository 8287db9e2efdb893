package io.zoommetering.topology.output.plansuggestions;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.output.accountusage.AccountUsageOutput;
import io.zoommetering.topology.reference.GoldReference;
import io.zoommetering.topology.reference.InputRecord;
import io.zoommetering.topology.reference.RandomEventSets;
import io.zoommetering.topology.reference.ReferenceSettings;
import io.zoommetering.topology.topics.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Six-month histories (GoldPropertyTest's sets span six days, too short for three complete months) pushed through
 * the topology: gold.plan-suggestions and gold.account-usage must equal their batch references, and the histories
 * make both rules fire, so that the comparison is not one of empty tables.
 */
class PlanSuggestionsPropertyTest {

    private static final Set<String> LINEAGE = Set.of("load_date", "update_date", "source_system");
    private static final int SEEDS = 40;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, SEEDS);
    }

    static LongStream someSeeds() {
        return LongStream.rangeClosed(1, 5).map(i -> i * 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldAgreeWithTheBatchComputationOverSixMonths(long seed) {
        assertAgreement(seed, "IN_MEMORY");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("someSeeds")
    void shouldAgreeOnRocksDbStores(long seed) {
        assertAgreement(seed, "PERSISTENT");
    }

    private static void assertAgreement(long seed, String stores) {
        // Given a six-month history and the batch computation over it
        List<InputRecord> records = MonthlyUsageSets.generate(seed);
        GoldReference expected =
                GoldReference.compute(records, ReferenceSettings.defaults(RandomEventSets.processingTime()));
        try (GoldDriver driver =
                new GoldDriver(Map.of(MeteringConfig.STATE_STORES, stores), RandomEventSets.processingTime())) {
            // When the records flow through the topology in the same order
            records.forEach(record -> send(driver, record));
            // Then the suggestions and the account usage are the batch computation's
            Topic<?, ?> suggestions = driver.topics().output(PlanSuggestionsOutput.INSTANCE);
            Map<SpecificRecord, Map<String, Object>> actual = withoutLineage(driver.table(suggestions));
            assertThat(actual).as("seed %d, suggestions", seed).isEqualTo(expected.table(suggestions.name()));
            Topic<?, ?> usage = driver.topics().output(AccountUsageOutput.INSTANCE);
            assertThat(withoutLineage(driver.table(usage)))
                    .as("seed %d, account usage", seed)
                    .isEqualTo(expected.table(usage.name()));
        }
    }

    @Test
    void shouldMakeBothRulesSuggestOverTheSeeds() {
        // Given the batch computation over every seed's history
        Map<Object, Long> rules = new HashMap<>();
        seeds().forEach(seed -> GoldReference.compute(
                        MonthlyUsageSets.generate(seed), ReferenceSettings.defaults(RandomEventSets.processingTime()))
                .table("gold.plan-suggestions")
                .values()
                .forEach(row -> rules.merge(row.get("rule"), 1L, Long::sum)));
        // Then both rules suggest plans, often enough that the comparison above is not one of empty tables
        assertThat(rules.getOrDefault("REPEATED_OVERAGE", 0L)).isGreaterThanOrEqualTo(SEEDS / 4);
        assertThat(rules.getOrDefault("UNDER_USE", 0L)).isGreaterThanOrEqualTo(SEEDS / 4);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void send(GoldDriver driver, InputRecord record) {
        Topic<String, ? extends SpecificRecord> topic = driver.topics().inputs().stream()
                .filter(input -> input.name().equals(record.topic()))
                .findFirst()
                .orElseThrow();
        driver.send((Topic) topic, record.key(), record.value());
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
}
