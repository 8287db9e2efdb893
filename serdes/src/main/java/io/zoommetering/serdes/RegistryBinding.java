package io.zoommetering.serdes;

import io.zoommetering.serdes.registry.SchemaRegistryClient;

/**
 * What a configured serializer or deserializer works with: the registry, whether it handles keys or values, and
 * whether it may register schemas.
 */
record RegistryBinding(SchemaRegistryClient client, boolean isKey, boolean autoRegister) {

    /** Confluent's TopicNameStrategy: {@code <topic>-key} or {@code <topic>-value}. */
    String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }
}
