package io.zoommetering.serdes.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private static final Schema GREETING = new Schema.Parser()
            .parse("{\"type\":\"record\",\"name\":\"Greeting\","
                    + "\"fields\":[{\"name\":\"text\",\"type\":\"string\"}]}");
    private static final Schema FAREWELL = new Schema.Parser()
            .parse("{\"type\":\"record\",\"name\":\"Farewell\","
                    + "\"fields\":[{\"name\":\"text\",\"type\":\"string\"}]}");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void shouldGiveASchemaOneGlobalIdAcrossSubjects() {
        // Given a schema registered under two subjects, and another schema
        int first = registry.register("a-value", GREETING);
        int again = registry.register("b-value", GREETING);
        int other = registry.register("a-value", FAREWELL);

        // When the ids are compared, then they are global, as Confluent's, from 1
        assertThat(first).isEqualTo(1).isEqualTo(again);
        assertThat(other).isEqualTo(2);
        assertThat(registry.getById(first)).isEqualTo(GREETING);
        assertThat(registry.getId("b-value", GREETING)).isEqualTo(first);
    }

    @Test
    void shouldAnswerUnknownsWithConfluentsErrorCodes() {
        // Given a registry holding one schema under one subject
        registry.register("a-value", GREETING);

        // When it is asked about things it does not hold, then it answers as Confluent's registry does
        assertThat(catchThrowableOfType(SchemaNotFoundException.class, () -> registry.getById(9))
                        .errorCode())
                .isEqualTo(40403);
        assertThat(catchThrowableOfType(SchemaNotFoundException.class, () -> registry.getId("z-value", GREETING))
                        .errorCode())
                .isEqualTo(40401);
        assertThat(catchThrowableOfType(SchemaNotFoundException.class, () -> registry.getId("a-value", FAREWELL))
                        .errorCode())
                .isEqualTo(40403);
    }

    @Test
    void shouldShareARegistryPerScopeUntilTheScopeIsDropped() {
        // Given the registry of a scope, holding a schema
        InMemorySchemaRegistry scoped = InMemorySchemaRegistry.forScope("in-memory-test");
        scoped.register("a-value", GREETING);

        // When the scope is asked for again, then it is the same registry; once dropped, a new one
        assertThat(InMemorySchemaRegistry.forScope("in-memory-test")).isSameAs(scoped);
        InMemorySchemaRegistry.dropScope("in-memory-test");
        assertThat(InMemorySchemaRegistry.forScope("in-memory-test")).isNotSameAs(scoped);
        InMemorySchemaRegistry.dropScope("in-memory-test");
    }
}
