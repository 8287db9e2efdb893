/**
 * Schema Registry clients: {@link io.zoommetering.serdes.registry.RestSchemaRegistryClient} for Confluent's REST
 * API, {@link io.zoommetering.serdes.registry.InMemorySchemaRegistry} for tests and the embedded mode, chosen by
 * URL with {@link io.zoommetering.serdes.registry.SchemaRegistryClients}.
 */
package io.zoommetering.serdes.registry;
