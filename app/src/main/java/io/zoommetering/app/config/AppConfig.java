package io.zoommetering.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the application around the topology (HTTP, topic creation, lifecycle), typed and validated like
 * {@link io.zoommetering.topology.config.MeteringConfig}: a bad value fails at start-up naming the setting.
 */
public final class AppConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String HTTP_PORT = "zm.http.port";
    public static final String HTTP_HOST = "zm.http.host";
    public static final String TOPICS_CREATE = "zm.topics.create";
    public static final String TOPICS_PARTITIONS = "zm.topics.partitions";
    public static final String TOPICS_REPLICATION = "zm.topics.replication";
    public static final String TOPICS_INPUT_CONFIGS = "zm.topics.input.configs";
    public static final String SHUTDOWN_TIMEOUT_MS = "zm.shutdown.timeout.ms";
    public static final String STARTUP_TIMEOUT_MS = "zm.startup.timeout.ms";
    public static final String KAFKA_SASL_USERNAME = "zm.kafka.sasl.username";
    public static final String KAFKA_SASL_PASSWORD_FILE = "zm.kafka.sasl.password.file";
    /**
     * The SASL password itself, for the environment variable ZM_KAFKA_SASL_PASSWORD only (the application refuses it
     * from a settings file or a flag); a PASSWORD, so Kafka's config logging shows it as [hidden].
     */
    public static final String KAFKA_SASL_PASSWORD = "zm.kafka.sasl.password";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(
                    SCHEMA_REGISTRY_URL,
                    Type.LIST,
                    List.of("http://localhost:8081"),
                    Importance.HIGH,
                    "Schema Registry URLs (http(s)://host:port, comma-separated), or mock://scope for one in memory.")
            .define(
                    HTTP_PORT,
                    Type.INT,
                    8080,
                    Range.between(-1, 65_535),
                    Importance.MEDIUM,
                    "Port of /metrics and /health/*; 0 picks a free port, -1 serves no HTTP.")
            .define(
                    HTTP_HOST,
                    Type.STRING,
                    "0.0.0.0",
                    new ConfigDef.NonEmptyString(),
                    Importance.LOW,
                    "Address the HTTP endpoints listen on.")
            .define(
                    TOPICS_CREATE,
                    Type.BOOLEAN,
                    true,
                    Importance.MEDIUM,
                    "Create missing input, gold, error and catalog topics at start-up (existing ones are left alone).")
            .define(
                    TOPICS_PARTITIONS,
                    Type.INT,
                    6,
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    "Partitions of the input and gold topics that zm.topics.create creates (the catalog gets 1).")
            .define(
                    TOPICS_REPLICATION,
                    Type.INT,
                    -1,
                    AppConfig::validateReplication,
                    Importance.MEDIUM,
                    "Replication factor of created topics; -1 uses the broker's default.replication.factor.")
            .define(
                    TOPICS_INPUT_CONFIGS,
                    Type.LIST,
                    List.of(),
                    AppConfig::validatePairs,
                    Importance.LOW,
                    "Topic configs of created input topics as key=value pairs, e.g. retention.ms=604800000.")
            .define(
                    SHUTDOWN_TIMEOUT_MS,
                    Type.LONG,
                    30_000L,
                    Range.atLeast(0),
                    Importance.LOW,
                    "How long a shutdown waits for Kafka Streams to close cleanly.")
            .define(
                    STARTUP_TIMEOUT_MS,
                    Type.LONG,
                    60_000L,
                    Range.atLeast(1),
                    Importance.LOW,
                    "How long start-up waits for the Kafka cluster to answer before giving up.")
            .define(
                    KAFKA_SASL_USERNAME,
                    Type.STRING,
                    "",
                    Importance.MEDIUM,
                    "User name of the SASL login to Kafka (SCRAM-SHA-512 unless sasl.mechanism says otherwise, over "
                            + "SASL_SSL unless security.protocol does); the password comes from "
                            + KAFKA_SASL_PASSWORD_FILE + " or ZM_KAFKA_SASL_PASSWORD. Instead of sasl.jaas.config.")
            .define(
                    KAFKA_SASL_PASSWORD_FILE,
                    Type.STRING,
                    "",
                    Importance.MEDIUM,
                    "Path of the file holding the password of " + KAFKA_SASL_USERNAME
                            + " (a mounted Kubernetes Secret); the password is never a setting value.")
            .define(
                    KAFKA_SASL_PASSWORD,
                    Type.PASSWORD,
                    null,
                    Importance.LOW,
                    "The password of " + KAFKA_SASL_USERNAME + ", only as the environment variable "
                            + "ZM_KAFKA_SASL_PASSWORD (instead of " + KAFKA_SASL_PASSWORD_FILE + ").");

    public AppConfig(Map<?, ?> settings) {
        super(DEFINITION, settings, false);
    }

    public static ConfigDef configDef() {
        return new ConfigDef(DEFINITION);
    }

    public List<String> schemaRegistryUrls() {
        return getList(SCHEMA_REGISTRY_URL);
    }

    public int httpPort() {
        return getInt(HTTP_PORT);
    }

    public String httpHost() {
        return getString(HTTP_HOST);
    }

    public boolean createTopics() {
        return getBoolean(TOPICS_CREATE);
    }

    public int topicPartitions() {
        return getInt(TOPICS_PARTITIONS);
    }

    /** Empty for the broker's default. */
    public java.util.Optional<Short> topicReplication() {
        int replication = getInt(TOPICS_REPLICATION);
        return replication < 0 ? java.util.Optional.empty() : java.util.Optional.of((short) replication);
    }

    public Map<String, String> inputTopicConfigs() {
        Map<String, String> configs = new java.util.LinkedHashMap<>();
        for (String pair : getList(TOPICS_INPUT_CONFIGS)) {
            int eq = pair.indexOf('=');
            configs.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return configs;
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS));
    }

    public Duration startupTimeout() {
        return Duration.ofMillis(getLong(STARTUP_TIMEOUT_MS));
    }

    /** Empty when the SASL login is not set by the zm.kafka.sasl.* settings. */
    public String kafkaSaslUsername() {
        return getString(KAFKA_SASL_USERNAME);
    }

    public String kafkaSaslPasswordFile() {
        return getString(KAFKA_SASL_PASSWORD_FILE);
    }

    /** Null unless set by ZM_KAFKA_SASL_PASSWORD. */
    public org.apache.kafka.common.config.types.Password kafkaSaslPassword() {
        return getPassword(KAFKA_SASL_PASSWORD);
    }

    private static void validateReplication(String name, Object value) {
        int replication = (Integer) value;
        if (replication == 0 || replication < -1 || replication > Short.MAX_VALUE) {
            throw new ConfigException(name, value, "must be -1 (the broker's default) or at least 1");
        }
    }

    private static void validatePairs(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> pairs = (List<String>) value;
        for (String pair : pairs) {
            if (pair.indexOf('=') < 1) {
                throw new ConfigException(name, value, "expected key=value pairs, e.g. retention.ms=604800000");
            }
        }
    }
}
