package io.zoommetering.app.config;

import io.zoommetering.serdes.registry.SchemaRegistryClientConfig;
import io.zoommetering.topology.config.MeteringConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every setting of one process, resolved and validated: the topology's ({@link MeteringConfig}), the application's
 * ({@link AppConfig}), the Schema Registry client's and the Kafka Streams properties.
 *
 * <p>Layers, each overriding the one before: code defaults &lt; a properties file &lt; environment variables
 * ({@link Environment}) &lt; command-line flags. Keys are sorted into their config by name: {@code zm.*} are the
 * topology's and the application's (an unknown {@code zm.*} key is an error, not a silent typo),
 * {@code schema.registry.*} the registry client's, everything else goes to Kafka Streams and its clients.
 */
public final class AppSettings {

    /** Registry client settings whose own names do not start with schema.registry. */
    private static final String REGISTRY_PREFIX = "schema.registry.";

    private static final List<String> PII_SETTINGS =
            List.of(MeteringConfig.PII_MODE, MeteringConfig.PII_HASH_KEY, MeteringConfig.PII_HASH_KEY_FILE);

    private final LayeredSettings layers;
    private final MeteringConfig metering;
    private final AppConfig app;
    private final Properties streams;
    private final Map<String, Object> registry;

    private AppSettings(LayeredSettings layers) {
        this.layers = layers;
        Map<String, String> values = layers.values();
        Map<String, String> zm = new HashMap<>();
        Map<String, Object> registryValues = new HashMap<>();
        Properties kafka = new Properties();
        Set<String> meteringKeys = MeteringConfig.configDef().names();
        Set<String> appKeys = AppConfig.configDef().names();
        List<String> unknown = new ArrayList<>();
        values.forEach((key, value) -> {
            if (key.equals(AppConfig.SCHEMA_REGISTRY_URL)) {
                zm.put(key, value);
                registryValues.put(key, value);
            } else if (key.startsWith("zm.")) {
                if (!meteringKeys.contains(key) && !appKeys.contains(key)) {
                    unknown.add(key + " (" + layers.sourceOf(key) + ")");
                }
                zm.put(key, value);
            } else if (key.startsWith(REGISTRY_PREFIX)) {
                registryValues.put(registryKey(key), value);
            } else {
                kafka.put(key, value);
            }
        });
        if (!unknown.isEmpty()) {
            throw new SettingsException("Unknown setting " + String.join(", ", unknown) + "; known zm.* settings: "
                    + String.join(", ", new TreeSet<>(union(meteringKeys, appKeys))));
        }
        refuseSecretsOutsideTheEnvironment(layers);
        this.metering = validated(() -> new MeteringConfig(only(zm, meteringKeys)));
        this.app = validated(() -> new AppConfig(only(zm, appKeys)));
        kafka.putAll(KafkaLogin.properties(app, kafka));
        registryValues.putIfAbsent(AppConfig.SCHEMA_REGISTRY_URL, String.join(",", app.schemaRegistryUrls()));
        this.registry = registryValues;
        validated(() -> new SchemaRegistryClientConfig(registryValues));
        validated(() -> new StreamsConfig(kafka));
        this.streams = kafka;
    }

    /** Code defaults, then the file, the environment and the flags; validates everything. */
    public static AppSettings load(
            Map<String, String> codeDefaults, Path file, Map<String, String> environment, Map<String, String> flags) {
        return resolve(layers(codeDefaults, file, environment, flags));
    }

    public static LayeredSettings layers(
            Map<String, String> codeDefaults, Path file, Map<String, String> environment, Map<String, String> flags) {
        LayeredSettings layers = new LayeredSettings().layer("code default", codeDefaults);
        if (file != null) {
            layers.layer("file " + file, readFile(file));
        }
        layers.layerWithSources(Environment.settings(environment, knownKeys()));
        return layers.layer("command line", flags);
    }

    public static AppSettings resolve(LayeredSettings layers) {
        return new AppSettings(layers);
    }

    /** Every defined setting name, for mapping environment variables back to names. */
    public static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>(MeteringConfig.configDef().names());
        keys.addAll(AppConfig.configDef().names());
        for (String key : StreamsConfig.configDef().names()) {
            keys.add(key);
        }
        return keys;
    }

    public MeteringConfig metering() {
        return metering;
    }

    public AppConfig app() {
        return app;
    }

    /** A copy of the Kafka Streams properties (which also carry client settings, prefixed or not). */
    public Properties streams() {
        Properties copy = new Properties();
        copy.putAll(streams);
        return copy;
    }

    /**
     * The Kafka Streams properties plus the zm.* and registry settings, which Streams passes on to the handlers it
     * instantiates itself (the topology's processing exception handler reads them).
     */
    public Properties streamsWithHandlerSettings() {
        Properties props = new Properties();
        metering.originals().forEach((key, value) -> props.put(key, value));
        // The handler writes error records only, which keep the original bytes in every mode: it needs no PII
        // setting, and the key then never reaches the Kafka clients' configuration (nor what they log of it).
        PII_SETTINGS.forEach(props::remove);
        props.putAll(registry);
        props.putAll(streams);
        return props;
    }

    /** The settings of {@link io.zoommetering.serdes.registry.SchemaRegistryClients#fromConfig(Map)}. */
    public Map<String, Object> registry() {
        return Map.copyOf(registry);
    }

    /** Settings for plain Kafka clients (admin, producers, consumers of the demo): connection and security only. */
    public Map<String, Object> clientSettings() {
        Map<String, Object> client = new LinkedHashMap<>();
        streams.forEach((key, value) -> {
            String name = (String) key;
            if (name.equals("bootstrap.servers")
                    || name.startsWith("security.")
                    || name.startsWith("sasl.")
                    || name.startsWith("ssl.")
                    || name.equals("client.dns.lookup")) {
                client.put(name, value);
            }
        });
        return client;
    }

    public String applicationId() {
        return streams.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    public LayeredSettings layers() {
        return layers;
    }

    /**
     * The HMAC key of zm.pii.mode=HASH and the Kafka password are secrets: a settings file is a ConfigMap (readable
     * by whoever reads the deployment) and a flag shows in process lists and shell histories, so they may only come
     * from the environment (a Secret reference) or, better, from the file their .file setting names. The message
     * names where the value came from, never the value.
     */
    private static void refuseSecretsOutsideTheEnvironment(LayeredSettings layers) {
        refuseOutsideTheEnvironment(
                layers,
                MeteringConfig.PII_HASH_KEY,
                "the key of " + MeteringConfig.PII_MODE + "=HASH",
                MeteringConfig.PII_HASH_KEY_FILE);
        refuseOutsideTheEnvironment(
                layers, AppConfig.KAFKA_SASL_PASSWORD, "the Kafka password", AppConfig.KAFKA_SASL_PASSWORD_FILE);
    }

    private static void refuseOutsideTheEnvironment(
            LayeredSettings layers, String secret, String what, String fileSetting) {
        if (!layers.settings().containsKey(secret)) {
            return;
        }
        String source = layers.sourceOf(secret);
        if (!source.startsWith(Environment.SOURCE_PREFIX)) {
            throw new SettingsException(secret + " is set by " + source + "; " + what + " may only come from a file ("
                    + fileSetting + ", a mounted Secret) or the environment variable "
                    + Environment.variableName(secret) + ", never from settings or flags");
        }
    }

    private static String registryKey(String key) {
        if (SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION.equals(key)
                || SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD.equals(key)
                || SchemaRegistryClientConfig.SSL_TRUSTSTORE_TYPE.equals(key)
                || SchemaRegistryClientConfig.LEGACY_BASIC_AUTH_USER_INFO.equals(key)) {
            return key;
        }
        return key.substring(REGISTRY_PREFIX.length());
    }

    private <T> T validated(java.util.function.Supplier<T> config) {
        try {
            return config.get();
        } catch (ConfigException | IllegalArgumentException e) {
            // Kafka Streams reports some inconsistent combinations (a transaction timeout below the commit
            // interval) as IllegalArgumentException.
            throw new SettingsException(withSource(e.getMessage()), e);
        }
    }

    /** Adds where the offending value came from, when the message names a setting that is set. */
    private String withSource(String message) {
        String named = null;
        for (String key : layers.settings().keySet()) {
            if (message.contains(key) && (named == null || key.length() > named.length())) {
                named = key;
            }
        }
        return named == null ? message : message + " (" + named + " from " + layers.sourceOf(named) + ")";
    }

    private static Map<String, String> only(Map<String, String> values, Set<String> keys) {
        Map<String, String> selected = new HashMap<>();
        values.forEach((key, value) -> {
            if (keys.contains(key)) {
                selected.put(key, value);
            }
        });
        return selected;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new SettingsException("Cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties
                .stringPropertyNames()
                .forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }
}
