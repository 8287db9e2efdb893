package io.zoommetering.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.registry.OutputRegistry;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** Which outputs the query API reads from which store, and the partition of an account and of a series. */
class RowSourceTest {

    @Test
    void shouldReadAggregatesFromTheCombinerAndPerAccountOutputsFromTheirLedgers() {
        Map<String, String> stores = new TreeMap<>();
        for (GoldOutput output : OutputRegistry.all().outputs()) {
            RowSource.of(output).ifPresent(source -> stores.put(output.name(), source.store()));
        }
        assertThat(stores)
                .containsEntry("active-users", "combined-aggregates")
                .containsEntry("churn-risk", "churn-risk-accounts")
                .containsEntry("account-usage", "account-usage-buckets")
                .containsEntry("plan-suggestions", "plan-suggestions-months")
                .containsEntry("dim-user", "dim-user-current")
                .containsEntry("forecast", "forecast-series")
                .doesNotContainKeys("dim-meeting", "fact-billing");
    }

    @Test
    void shouldPartitionAnAccountAsTheProducerOfTheByAccountTopicDoes() {
        RowSource source = RowSource.of(OutputRegistry.all().outputs().stream()
                        .filter(output -> output.name().equals("churn-risk"))
                        .findFirst()
                        .orElseThrow())
                .orElseThrow();
        for (String account : new String[] {"u-1", "u-2", "user-0042", "ü-7", ""}) {
            for (int partitions : new int[] {1, 2, 3, 12}) {
                assertThat(source.partition(account, partitions))
                        .as("%s of %d", account, partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(
                                account.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void shouldRouteAForecastRequestNamingItsSeriesToTheSeriesPartitionOfTheRepartition() {
        GoldOutput forecast = OutputRegistry.all().outputs().stream()
                .filter(output -> output.name().equals("forecast"))
                .findFirst()
                .orElseThrow();
        RowSource source = RowSource.of(forecast).orElseThrow();
        Schema key = SpecificData.get().getSchema(forecast.table().keyType());
        assertThat(source.repartition()).isEqualTo("forecast-hours");
        assertThat(source.routingKey(KeyFilter.parse(key, Map.of("stream", "meetings"), ZoneOffset.UTC)))
                .as("a stream alone is several series")
                .isEmpty();
        Object series = source.routingKey(
                        KeyFilter.parse(key, Map.of("stream", "meetings", "plan_type", "PRO"), ZoneOffset.UTC))
                .orElseThrow();
        assertThat(series).isEqualTo("meetings\u001fPRO");
        for (int partitions : new int[] {1, 2, 3, 12}) {
            assertThat(source.partition(series, partitions))
                    .as("of %d", partitions)
                    .isEqualTo(BuiltInPartitioner.partitionForKey(
                            ((String) series).getBytes(StandardCharsets.UTF_8), partitions));
        }
    }
}
