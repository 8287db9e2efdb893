package io.zoommetering.serdes;

import static io.zoommetering.serdes.SerdeFailureAssertions.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.serdes.registry.FakeConfluentRegistry;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A record that cannot be written, or a registry that will not take its schema: typed failures, never an NPE. */
class SerializationFailuresTest {

    private static final String TOPIC = "zoom.meetings";

    private final FakeConfluentRegistry rest = FakeConfluentRegistry.http();
    private final Meeting meeting = new SampleRecords(17).of(Meeting.class);

    @AfterEach
    void stopRegistry() {
        rest.close();
    }

    @Test
    void shouldRejectARecordWithANullInARequiredField() {
        // Given a meeting without its host, which the schema requires
        Meeting hostless = Meeting.newBuilder(meeting).build();
        hostless.setHostUserId(null);
        Serializer<Meeting> serializer =
                new SpecificAvroSerde<>(Meeting.class, new InMemorySchemaRegistry(), false).serializer();

        // When it is written, then it is an invalid record, not a NullPointerException
        RecordEncodingException e = assertFailure(
                () -> serializer.serialize(TOPIC, hostless),
                RecordEncodingException.class,
                SerdeFailure.INVALID_RECORD,
                TOPIC);
        assertThat(e).hasMessageContaining("host_user_id");
    }

    @Test
    void shouldOnlyLookTheSchemaUpWhenAutoRegisterIsOff() {
        // Given a serde that may not register schemas
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        SpecificAvroSerde<Meeting> serde = new SpecificAvroSerde<>(Meeting.class, registry, false);
        serde.configure(Map.of("auto.register.schemas", false), false);

        // When it writes a record whose schema is not registered, then it refuses, naming the subject
        SchemaNotRegisteredException e = assertFailure(
                () -> serde.serializer().serialize(TOPIC, meeting),
                SchemaNotRegisteredException.class,
                SerdeFailure.SCHEMA_NOT_REGISTERED,
                TOPIC);
        assertThat(e).hasMessageContaining("'zoom.meetings-value'");

        // And once the schema is registered by someone else, it writes with that schema's id
        int id = registry.register("zoom.meetings-value", Meeting.getClassSchema());
        assertThat(serde.serializer().serialize(TOPIC, meeting)).startsWith(0, 0, 0, 0, id);
    }

    @Test
    void shouldLookTheSchemaUpWithConfluentsCallWhenAutoRegisterIsOff() {
        // Given a REST registry holding nothing, and a serde that may not register
        SpecificAvroSerde<Meeting> serde = new SpecificAvroSerde<>(Meeting.class);
        serde.configure(Map.of("schema.registry.url", rest.url(), "auto.register.schemas", "false"), false);

        // When it writes a record
        assertFailure(
                () -> serde.serializer().serialize(TOPIC, meeting),
                SchemaNotRegisteredException.class,
                SerdeFailure.SCHEMA_NOT_REGISTERED,
                TOPIC);

        // Then it asked POST /subjects/{subject}, and did not register
        assertThat(rest.requests())
                .extracting(FakeConfluentRegistry.Request::path)
                .containsExactly("/subjects/zoom.meetings-value");
    }

    @Test
    void shouldReportARegistryRefusalOfAnIncompatibleSchema() {
        // Given a registry that refuses the schema as incompatible with the subject's (409)
        rest.failNext(409);
        Serializer<Meeting> serializer = configuredAgainst(rest.url());

        // When a record is written, then the schema is reported incompatible
        IncompatibleSchemaException e = assertFailure(
                () -> serializer.serialize(TOPIC, meeting),
                IncompatibleSchemaException.class,
                SerdeFailure.INCOMPATIBLE_SCHEMA,
                TOPIC);
        assertThat(e).hasMessageContaining("incompatible with an earlier schema");
    }

    @Test
    void shouldReportARegistryRefusalOfTheCredentials() {
        // Given a registry that refuses the client (401)
        rest.failNext(401);
        Serializer<Meeting> serializer = configuredAgainst(rest.url());

        // When a record is written, then the registry's refusal is reported
        assertFailure(
                () -> serializer.serialize(TOPIC, meeting),
                RegistryErrorException.class,
                SerdeFailure.REGISTRY_ERROR,
                TOPIC);
    }

    @Test
    void shouldReportAnUnavailableRegistry() {
        // Given a registry that keeps answering 503
        rest.failNext(503, 503, 503, 503);
        Serializer<Meeting> serializer = configuredAgainst(rest.url());

        // When a record is written, then the registry is unreachable
        assertFailure(
                () -> serializer.serialize(TOPIC, meeting),
                RegistryUnreachableException.class,
                SerdeFailure.REGISTRY_UNREACHABLE,
                TOPIC);
    }

    private static Serializer<Meeting> configuredAgainst(String url) {
        SpecificAvroSerde<Meeting> serde = new SpecificAvroSerde<>(Meeting.class);
        serde.configure(Map.of("schema.registry.url", url, "retries.wait.ms", 1), false);
        return serde.serializer();
    }
}
