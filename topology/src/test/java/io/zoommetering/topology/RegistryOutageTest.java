package io.zoommetering.topology;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.feature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.serdes.RegistryUnreachableException;
import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.serdes.registry.SchemaRegistryUnavailableException;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry that cannot be reached is the application's failure, not the record's: processing stops (and
 * the application replaces the stream thread) instead of sending every record to the error topic, also with the
 * production processing exception handler configured.
 */
class RegistryOutageTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldStopInsteadOfRejectingRecordsWhenTheRegistryIsDown() {
        // Given a topology whose registry answers nothing, and a record framed with a real schema id
        InMemorySchemaRegistry working = new InMemorySchemaRegistry();
        SchemaRegistryClient down = new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                return working.register(subject, schema);
            }

            @Override
            public int getId(String subject, Schema schema) {
                return working.getId(subject, schema);
            }

            @Override
            public Schema getById(int id) {
                throw new SchemaRegistryUnavailableException("connection refused", 0, 0, null);
            }
        };
        MeteringConfig config = new MeteringConfig(Map.of(MeteringConfig.STATE_STORES, "IN_MEMORY"));
        TopicCatalog topics = new TopicCatalog(config, RegistryAvroSerdes.of(down));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "outage-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // as in production: the handler that turns other processing failures into error records must not take this
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                io.zoommetering.topology.errors.ProcessingErrorHandler.class.getName());
        props.put("schema.registry.url", "mock://registry-outage-test-" + java.util.UUID.randomUUID());
        byte[] framed = new SpecificAvroSerde<>(FeatureUsage.class, working, false)
                .serializer()
                .serialize(topics.featureUsage.name(), feature("u-1", "CHAT", 5, at("2026-03-03T10:00:00Z")));

        try (TopologyTestDriver driver = new TopologyTestDriver(
                GoldTopology.build(config, RegistryAvroSerdes.of(down), props), props, GoldDriver.START)) {
            // When the record arrives
            var input = driver.createInputTopic(
                    topics.featureUsage.name(), new StringSerializer(), new ByteArraySerializer());
            // Then processing fails with the registry's reason
            assertThatThrownBy(() -> input.pipeInput("u-1", framed))
                    .hasRootCauseInstanceOf(SchemaRegistryUnavailableException.class)
                    .satisfies(e -> assertThat(hasCause(e, RegistryUnreachableException.class))
                            .isTrue());
            // and the record is not on the error topic nor a dead letter
            assertThat(driver.createOutputTopic(
                                    topics.auditErrors.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                            .isEmpty())
                    .isTrue();
            assertThat(driver.createOutputTopic(
                                    topics.deadLetters.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                            .isEmpty())
                    .isTrue();
        }
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
