package io.zoommetering.serdes;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AllSchemasRoundTripTest {

    private static final int SAMPLES = 5;
    private static final String SCOPE = "all-schemas-round-trip";

    static List<Class<? extends SpecificRecord>> generatedRecords() {
        return GeneratedRecordClasses.all();
    }

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void shouldFindTheGeneratedRecordsOfTheWholeContract() {
        // Given the schemas module on the class path
        // When its generated records are listed
        List<Class<? extends SpecificRecord>> found = generatedRecords();

        // Then inputs, gold keys and values, and audit records are all there
        assertThat(found)
                .contains(Meeting.class, Plan.class, PeriodKey.class, ErrorAudit.class)
                .hasSizeGreaterThan(40);
    }

    @ParameterizedTest
    @MethodSource("generatedRecords")
    void shouldRoundTripAPopulatedInstanceAsKeyAndAsValue(Class<? extends SpecificRecord> type) {
        roundTrip(type, true);
        roundTrip(type, false);
    }

    @ParameterizedTest
    @MethodSource("generatedRecords")
    void shouldRoundTripThroughAConfiguredSerdeThatFindsTheClassByTheWriterSchema(
            Class<? extends SpecificRecord> type) {
        // Given a serde configured as Kafka does, by URL, without a class
        SpecificAvroSerde<SpecificRecord> serde = new SpecificAvroSerde<>();
        serde.configure(Map.of("schema.registry.url", "mock://" + SCOPE), false);
        SpecificRecord record = new SampleRecords(7).of(type);

        // When a record goes through it
        SpecificRecord back =
                serde.deserializer().deserialize("t", serde.serializer().serialize("t", record));

        // Then it comes back as an instance of its generated class
        assertThat(back).isInstanceOf(type).isEqualTo(record);
    }

    @ParameterizedTest
    @MethodSource("generatedRecords")
    void shouldWriteTheSameBytesFromAGenericCopyOfTheRecord(Class<? extends SpecificRecord> type) {
        // Given the bytes of a generated record, and a generic serde over the same registry
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        SpecificRecord record = new SampleRecords(11).of(type);
        byte[] specificBytes = specificSerde(type, registry, false).serializer().serialize("t", record);
        GenericAvroSerde generic = new GenericAvroSerde(registry, false);

        // When they are read as a generic record and written again
        GenericRecord copy = generic.deserializer().deserialize("t", specificBytes);
        byte[] genericBytes = generic.serializer().serialize("t", copy);

        // Then the generic path writes the very same bytes
        assertThat(genericBytes).isEqualTo(specificBytes);
    }

    private static <T extends SpecificRecord> void roundTrip(Class<T> type, boolean isKey) {
        // Given populated instances of the class, and a serde of it
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type, registry, isKey);
        SampleRecords samples = new SampleRecords(type.getName().hashCode());
        for (int i = 0; i < SAMPLES; i++) {
            T record = samples.of(type);

            // When each is serialized and deserialized
            byte[] bytes = serde.serializer().serialize("zoom.topic", record);
            T back = serde.deserializer().deserialize("zoom.topic", bytes);

            // Then it comes back equal, framed with the id registered under the topic's subject
            assertThat(back).isEqualTo(record);
            int id = registry.getId(isKey ? "zoom.topic-key" : "zoom.topic-value", record.getSchema());
            assertThat(bytes).startsWith(0, 0, 0, 0, id);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SpecificAvroSerde<SpecificRecord> specificSerde(
            Class<? extends SpecificRecord> type, InMemorySchemaRegistry registry, boolean isKey) {
        return new SpecificAvroSerde<>((Class) type, registry, isKey);
    }
}
