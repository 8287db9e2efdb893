package io.zoommetering.topology.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.reference.InputRecord;
import io.zoommetering.topology.reference.RandomEventSets;
import io.zoommetering.topology.registry.OutputRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What interactive queries read back from the per-account outputs' ledger stores is what each ledger last wrote to
 * its gold topic, key for key, on the property test's random event sets, in memory and on RocksDB: the listing, and
 * each account's rows read by account. gold.dim.user's store holds each user's current version only.
 */
class AccountRowsTest {

    @ParameterizedTest(name = "seed {0}, {1}")
    @CsvSource({"3, IN_MEMORY", "17, IN_MEMORY", "29, IN_MEMORY", "41, PERSISTENT"})
    void shouldReadTheRowsLastWrittenToEveryPerAccountOutput(long seed, String stores) {
        // Given a random event set through the topology
        List<InputRecord> records = RandomEventSets.generate(seed);
        try (GoldDriver driver =
                new GoldDriver(Map.of(MeteringConfig.STATE_STORES, stores), RandomEventSets.processingTime())) {
            records.forEach(record -> AccountRowsCheck.send(driver, record));
            driver.flush();
            // When each per-account output's rows are read from its ledger's stores
            Map<String, Integer> compared = new TreeMap<>();
            for (GoldOutput output : OutputRegistry.all().outputs()) {
                if (output.accountRows().isPresent()) {
                    // Then they are the rows last written, and each account's are those of the listing
                    compared.put(
                            output.name(), AccountRowsCheck.compare(driver, output, AccountRowsTest::currentVersion));
                }
            }
            assertThat(compared).containsOnlyKeys("churn-risk", "account-usage", "plan-suggestions", "dim-user");
            assertThat(compared)
                    .as("rows compared")
                    .hasEntrySatisfying("churn-risk", rows -> assertThat(rows).isPositive())
                    .hasEntrySatisfying(
                            "account-usage", rows -> assertThat(rows).isPositive())
                    .hasEntrySatisfying("dim-user", rows -> assertThat(rows).isPositive());
        }
    }

    /** A row the stores hold: dim-user's current versions, every row of the other outputs. */
    static boolean currentVersion(SpecificRecord value) {
        var field = value.getSchema().getField("is_current");
        return field == null || Boolean.TRUE.equals(value.get(field.pos()));
    }
}
