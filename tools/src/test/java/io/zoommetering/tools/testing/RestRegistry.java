package io.zoommetering.tools.testing;

import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.tools.demo.RegistryApi;

/**
 * The demo's Schema Registry REST API over an in-memory registry of its own, on 127.0.0.1 and a free port, so that a
 * processor in a child process and the test share schema ids.
 */
public final class RestRegistry implements AutoCloseable {

    private final InMemorySchemaRegistry registry;
    private final RegistryApi api;

    private RestRegistry(InMemorySchemaRegistry registry, RegistryApi api) {
        this.registry = registry;
        this.api = api;
    }

    public static RestRegistry start() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        return new RestRegistry(registry, RegistryApi.start(registry, registry, "127.0.0.1", 0));
    }

    public String url() {
        return "http://127.0.0.1:" + api.port();
    }

    /** The registry behind the API, for serdes in the test's own process. */
    public SchemaRegistryClient client() {
        return registry;
    }

    @Override
    public void close() {
        api.close();
    }
}
