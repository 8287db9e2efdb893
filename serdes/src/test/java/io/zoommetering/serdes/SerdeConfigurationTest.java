package io.zoommetering.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.serdes.registry.FakeConfluentRegistry;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.serdes.registry.RestSchemaRegistryClient;
import io.zoommetering.serdes.registry.SchemaRegistryClients;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How serdes are built and configured, as Kafka configures them and as the topology builds them. */
class SerdeConfigurationTest {

    private static final String SCOPE = "serde-configuration";
    private static final Map<String, String> MOCK = Map.of("schema.registry.url", "mock://" + SCOPE);

    private final Meeting meeting = new SampleRecords(23).of(Meeting.class);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void shouldShareOneRegistryBetweenSerdesOfTheSameMockScope() {
        // Given a producer's serde and a consumer's serde, configured separately with the same mock:// scope
        SpecificAvroSerde<Meeting> producer = new SpecificAvroSerde<>(Meeting.class);
        producer.configure(MOCK, false);
        SpecificAvroSerde<Meeting> consumer = new SpecificAvroSerde<>(Meeting.class);
        consumer.configure(MOCK, false);

        // When one writes and the other reads
        Meeting read = consumer.deserializer()
                .deserialize("zoom.meetings", producer.serializer().serialize("zoom.meetings", meeting));

        // Then the consumer found the producer's schema
        assertThat(read).isEqualTo(meeting);
        assertThat(SchemaRegistryClients.fromConfig(MOCK)).isSameAs(InMemorySchemaRegistry.forScope(SCOPE));
    }

    @Test
    void shouldStartAnEmptyRegistryOnceTheScopeIsDropped() {
        // Given a record written through a mock scope that is then dropped
        SpecificAvroSerde<Meeting> producer = new SpecificAvroSerde<>(Meeting.class);
        producer.configure(MOCK, false);
        byte[] bytes = producer.serializer().serialize("zoom.meetings", meeting);
        InMemorySchemaRegistry.dropScope(SCOPE);

        // When a serde configured afterwards reads it
        SpecificAvroSerde<Meeting> consumer = new SpecificAvroSerde<>(Meeting.class);
        consumer.configure(MOCK, false);

        // Then its registry does not know the schema
        assertThatThrownBy(() -> consumer.deserializer().deserialize("zoom.meetings", bytes))
                .isInstanceOf(UnknownSchemaIdException.class);
    }

    @Test
    void shouldRegisterKeysAndValuesUnderTheirTopicSubjects() {
        // Given a key serde and a value serde over one registry
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        new SpecificAvroSerde<>(PeriodKey.class, registry, true)
                .serializer()
                .serialize("gold.active-users", new SampleRecords(1).of(PeriodKey.class));
        new SpecificAvroSerde<>(Meeting.class, registry, false).serializer().serialize("zoom.meetings", meeting);

        // When the subjects are looked up, then they follow TopicNameStrategy
        assertThat(registry.getId("gold.active-users-key", PeriodKey.getClassSchema()))
                .isPositive();
        assertThat(registry.getId("zoom.meetings-value", Meeting.getClassSchema()))
                .isPositive();
    }

    @Test
    void shouldReadIntoTheClassOfAGivenSchema() {
        // Given a serde built from the generated class's schema
        SpecificAvroSerde<Meeting> serde = new SpecificAvroSerde<>(Meeting.getClassSchema());
        serde.configure(MOCK, false);

        // When a record goes through it, then it comes back as that class
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", meeting)))
                .isInstanceOf(Meeting.class)
                .isEqualTo(meeting);
    }

    @Test
    void shouldRefuseASchemaWithoutAGeneratedClass() {
        // Given a schema no class was generated from
        Schema schema = Schema.createRecord("Nobody", null, "nowhere", false, List.of());

        // When a serde is built from it, then it is refused
        assertThatThrownBy(() -> new SpecificAvroSerde<>(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere.Nobody");
    }

    @Test
    void shouldPassTombstonesThrough() {
        // Given a configured serde
        SpecificAvroSerde<Meeting> serde = new SpecificAvroSerde<>(Meeting.class);
        serde.configure(MOCK, false);

        // When null goes through it either way, then null comes out
        assertThat(serde.serializer().serialize("zoom.plans", null)).isNull();
        assertThat(serde.deserializer().deserialize("zoom.plans", null)).isNull();
    }

    @Test
    void shouldKeepItsClientWhenConfiguredWithoutUrl() {
        // Given a serde built with a client
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        GenericAvroSerde serde = new GenericAvroSerde(registry, false);

        // When it is configured as a key serde, without a URL
        serde.configure(Map.of(), true);
        serde.serializer().serialize("t", MeetingSchemas.endedMeeting(Meeting.getClassSchema()));

        // Then it used its own client, for the key subject
        assertThat(registry.getId("t-key", Meeting.getClassSchema())).isPositive();
    }

    @Test
    void shouldRefuseToWorkUnconfigured() {
        // Given a serde built for Kafka's configuration and never configured
        SpecificAvroSerde<Meeting> serde = new SpecificAvroSerde<>(Meeting.class);

        // When it is used, then it says what is missing
        assertThatThrownBy(() -> serde.serializer().serialize("t", meeting))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0, 0, 0, 0, 1}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldPickTheClientByTheUrl() {
        // Given URLs of both kinds
        // When clients are made from them, then http(s) gets the REST client, mock:// the scope's registry
        assertThat(SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "http://a:8081, https://b:8081")))
                .isInstanceOf(RestSchemaRegistryClient.class);
        assertThat(SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", List.of("mock://" + SCOPE))))
                .isSameAs(InMemorySchemaRegistry.forScope(SCOPE));
    }

    @Test
    void shouldRefuseMissingOrMalformedUrls() {
        // Given configurations without a usable URL
        List<Map<String, ?>> broken = List.of(
                Map.of(),
                Map.of("schema.registry.url", "ftp://registry"),
                Map.of("schema.registry.url", "mock://"),
                Map.of("schema.registry.url", "mock://a,http://b:8081"),
                Map.of("schema.registry.url", "http://b:8081", "basic.auth.credentials.source", "USER_INFO"));

        // When a serde is configured with each, then the configuration is refused
        for (Map<String, ?> config : broken) {
            assertThatThrownBy(() -> new GenericAvroSerde().configure(config, false))
                    .as(config.toString())
                    .isInstanceOf(ConfigException.class);
        }
    }

    @Test
    void shouldRefuseSettingsItDoesNotSupport() {
        // Given Confluent settings this serde does not implement
        // When a serde is configured with them, then it refuses rather than ignoring them
        assertThatThrownBy(() -> new GenericAvroSerde()
                        .configure(Map.of("schema.registry.url", "mock://" + SCOPE, "use.latest.version", true), false))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new GenericAvroSerde()
                        .configure(
                                Map.of(
                                        "schema.registry.url",
                                        "mock://" + SCOPE,
                                        "value.subject.name.strategy",
                                        "io.confluent.kafka.serializers.subject.RecordNameStrategy"),
                                false))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldAcceptConfluentsDefaultsSpelledOut() {
        // Given a configuration naming Confluent's defaults explicitly
        Map<String, Object> config = Map.of(
                "schema.registry.url",
                "mock://" + SCOPE,
                "use.latest.version",
                "false",
                "value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.TopicNameStrategy",
                "auto.register.schemas",
                "true");

        // When a serde is configured with it, then it works
        SpecificAvroSerde<Meeting> serde = new SpecificAvroSerde<>(Meeting.class);
        serde.configure(config, false);
        assertThat(serde.serializer().serialize("t", meeting)).isNotEmpty();
    }

    @Test
    void shouldMakeNoRegistryCallOnceWarm() {
        try (FakeConfluentRegistry rest = FakeConfluentRegistry.http()) {
            // Given a producer's serde and a consumer's serde configured with a REST registry
            SpecificAvroSerde<Meeting> producer = new SpecificAvroSerde<>(Meeting.class);
            producer.configure(Map.of("schema.registry.url", rest.url()), false);
            SpecificAvroSerde<Meeting> consumer = new SpecificAvroSerde<>(Meeting.class);
            consumer.configure(Map.of("schema.registry.url", rest.url()), false);

            // When many records go through them
            for (int i = 0; i < 100; i++) {
                byte[] bytes = producer.serializer().serialize("zoom.meetings", meeting);
                assertThat(consumer.deserializer().deserialize("zoom.meetings", bytes))
                        .isEqualTo(meeting);
            }

            // Then the registry was called once by each: to register, and to fetch the schema by id
            assertThat(rest.requests())
                    .extracting(FakeConfluentRegistry.Request::method)
                    .containsExactly("POST", "GET");
        }
    }
}
