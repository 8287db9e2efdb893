package io.zoommetering.app.events;

import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.serdes.registry.SchemaRegistryClientConfig;
import io.zoommetering.serdes.registry.SchemaRegistryClients;
import io.zoommetering.topology.config.MeteringConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The settings of a command that talks to a cluster, from an optional properties file: {@code zm.*} keys are the
 * processor's ({@link MeteringConfig}, e.g. {@code zm.topic.meetings} renames a topic), Schema Registry client keys
 * ({@code schema.registry.*}, {@code basic.auth.*}, {@code http.*}, {@code max.retries}, {@code retries.*}) go to the
 * registry client, and every other key to the Kafka clients (security settings and the like).
 */
public final class ClientConfig {

    private static final List<String> REGISTRY_PREFIXES =
            List.of("schema.registry.", "basic.auth.", "http.", "retries.");

    private final Map<String, String> settings;

    private ClientConfig(Map<String, String> settings) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** No file: every default. */
    public static ClientConfig empty() {
        return new ClientConfig(Map.of());
    }

    public static ClientConfig of(Map<String, String> settings) {
        return new ClientConfig(settings);
    }

    /** Reads a properties file; {@code file} may be null for none. */
    public static ClientConfig load(Path file) throws IOException {
        if (file == null) {
            return empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> settings = new HashMap<>();
        properties
                .stringPropertyNames()
                .forEach(name -> settings.put(name, properties.getProperty(name).trim()));
        return new ClientConfig(settings);
    }

    /** The processor's settings ({@code zm.*}); validated. */
    public MeteringConfig metering() {
        Map<String, String> metering = new HashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith("zm.")) {
                metering.put(key, value);
            }
        });
        return new MeteringConfig(metering);
    }

    /** The topics under the names these settings give. */
    public TopicTypes topics() {
        return TopicTypes.from(metering());
    }

    /** Kafka client settings: {@code base} with every key that is neither the processor's nor the registry's. */
    public Properties kafka(Properties base) {
        Properties props = new Properties();
        props.putAll(base);
        settings.forEach((key, value) -> {
            if (!key.startsWith("zm.") && !isRegistryKey(key)) {
                props.put(key, value);
            }
        });
        return props;
    }

    /** A registry client for {@code url} ({@code http(s)://...} or {@code mock://<scope>}) and the registry keys. */
    public SchemaRegistryClient registry(String url) {
        Map<String, Object> config = new HashMap<>();
        settings.forEach((key, value) -> {
            if (isRegistryKey(key)) {
                config.put(key, value);
            }
        });
        config.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, url);
        return SchemaRegistryClients.fromConfig(config);
    }

    private static boolean isRegistryKey(String key) {
        return key.equals("max.retries") || REGISTRY_PREFIXES.stream().anyMatch(key::startsWith);
    }
}
