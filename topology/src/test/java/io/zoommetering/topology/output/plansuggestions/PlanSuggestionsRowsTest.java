package io.zoommetering.topology.output.plansuggestions;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.account.AccountRowsCheck;
import io.zoommetering.topology.reference.InputRecord;
import io.zoommetering.topology.reference.RandomEventSets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gold.plan-suggestions read back from the ledger's months on six-month histories (where both rules fire, and
 * corrections delete suggestions again): the rows last written, listed and by account.
 */
class PlanSuggestionsRowsTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {8, 16, 24})
    void shouldReadTheSuggestionsLastWritten(long seed) {
        // Given a six-month history through the topology
        List<InputRecord> records = MonthlyUsageSets.generate(seed);
        try (GoldDriver driver = new GoldDriver(Map.of(), RandomEventSets.processingTime())) {
            records.forEach(record -> AccountRowsCheck.send(driver, record));
            // When the suggestions are read from the ledger's store, then they are the rows last written
            assertThat(AccountRowsCheck.compare(driver, PlanSuggestionsOutput.OUTPUT, value -> true))
                    .as("suggestions compared")
                    .isPositive();
        }
    }
}
