package io.zoommetering.serdes.registry;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Picks the client a serde configuration asks for, by its {@code schema.registry.url}. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {}

    /**
     * {@code mock://<scope>}: the {@link InMemorySchemaRegistry} of that scope, shared with every serde configured
     * with it; {@code http(s)://...} (comma-separated for several): a new {@link RestSchemaRegistryClient}.
     *
     * @throws ConfigException when the URL is missing or malformed, or mixes mock and REST
     */
    public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
        SchemaRegistryClientConfig config = new SchemaRegistryClientConfig(configs);
        List<String> urls = config.urls();
        String mock = SchemaRegistryClientConfig.MOCK_SCHEME;
        if (urls.stream().anyMatch(url -> url.startsWith(mock))) {
            if (urls.size() != 1 || urls.get(0).length() == mock.length()) {
                throw new ConfigException(
                        SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL,
                        String.join(",", urls),
                        "a mock registry is a single mock://<scope>");
            }
            return InMemorySchemaRegistry.forScope(urls.get(0).substring(mock.length()));
        }
        return new RestSchemaRegistryClient(config);
    }
}
