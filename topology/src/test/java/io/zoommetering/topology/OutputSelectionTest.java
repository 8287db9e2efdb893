package io.zoommetering.topology;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.oneOff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.output.revenue.RevenueOutput;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** zm.outputs: a user who needs a few tables runs only their part of the topology. */
class OutputSelectionTest {

    @Test
    void shouldComputeAndWriteOnlyTheSelectedOutputs() {
        MeteringConfig config = new MeteringConfig(Map.of(MeteringConfig.OUTPUTS, "revenue"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "selection-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        TopologyDescription description = GoldTopology.build(
                        config,
                        RegistryAvroSerdes.of(InMemorySchemaRegistry.forScope(
                                UUID.randomUUID().toString())),
                        props)
                .describe();
        // Then the only gold topics written are revenue's and the audit's
        Set<String> goldSinks = description.subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(TopologyDescription.Sink.class::isInstance)
                .map(sink -> ((TopologyDescription.Sink) sink).topic())
                .filter(topic -> topic.startsWith("gold."))
                .collect(Collectors.toSet());
        assertThat(goldSinks).containsExactlyInAnyOrder("gold.revenue", "gold.audit.errors", "gold.audit.process");
    }

    @Test
    void shouldCountTheSelectedOutputsAsTheFullTopologyDoes() {
        try (GoldDriver driver = new GoldDriver(Map.of(MeteringConfig.OUTPUTS, "revenue"), GoldDriver.START)) {
            BillingEvent fee = oneOff(
                    "u-1", BillingEventType.SUBSCRIPTION_FEE, PlanType.PRO, "100.00", at("2026-03-03T10:00:00Z"));
            driver.send(driver.topics().billingEvents, "u-1", fee);
            FeatureUsage use = Events.feature("u-1", "CHAT", 5, at("2026-03-03T11:00:00Z"));
            driver.send(driver.topics().featureUsage, "u-1", use);
            assertThat(driver.table(driver.topics().output(RevenueOutput.INSTANCE)))
                    .hasSize(3)
                    .allSatisfy((key, row) -> assertThat(row.getRevenue()).isEqualByComparingTo("100.00"));
            assertThat(driver.errors()).isEmpty();
        }
    }

    @Test
    void shouldRefuseAnOutputNameItDoesNotKnow() {
        assertThat(catchThrowable(() -> new MeteringConfig(Map.of(MeteringConfig.OUTPUTS, "revenue,mrrr"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mrrr")
                .hasMessageContaining(MeteringConfig.OUTPUTS);
    }
}
