package io.zoommetering.serdes;

import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.serdes.registry.SchemaRegistryClientConfig;
import io.zoommetering.serdes.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's own settings, under Confluent's names; the registry client's are in
 * {@link SchemaRegistryClientConfig}, read from the same map.
 *
 * <ul>
 *   <li>{@value #SCHEMA_REGISTRY_URL}: required unless the serde was built with a client.</li>
 *   <li>{@value #AUTO_REGISTER_SCHEMAS} (default true): the serializer registers the record's schema under the
 *       subject; when false it only looks its id up, and fails with {@link SchemaNotRegisteredException}.</li>
 *   <li>{@value #USE_LATEST_VERSION}: refused when true. Confluent then writes records with the subject's latest
 *       schema, field by position, which silently garbles records whose fields moved; it is not supported.</li>
 *   <li>{@value #KEY_SUBJECT_NAME_STRATEGY}, {@value #VALUE_SUBJECT_NAME_STRATEGY}: only Confluent's
 *       TopicNameStrategy ({@code <topic>-key}, {@code <topic>-value}) is supported, and any other is refused rather
 *       than ignored, since it would register schemas under subjects nobody else reads.</li>
 * </ul>
 */
public final class AvroSerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL;
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(
                    AUTO_REGISTER_SCHEMAS,
                    Type.BOOLEAN,
                    true,
                    Importance.MEDIUM,
                    "Register the record's schema under the subject, instead of only looking its id up.")
            .define(
                    USE_LATEST_VERSION,
                    Type.BOOLEAN,
                    false,
                    (name, value) -> {
                        if (Boolean.TRUE.equals(value)) {
                            throw new ConfigException(
                                    name, value, "writing with the subject's latest schema is not supported");
                        }
                    },
                    Importance.LOW,
                    "Not supported; must be false.")
            .define(
                    KEY_SUBJECT_NAME_STRATEGY,
                    Type.STRING,
                    null,
                    AvroSerdeConfig::requireTopicNameStrategy,
                    Importance.LOW,
                    "Only TopicNameStrategy.")
            .define(
                    VALUE_SUBJECT_NAME_STRATEGY,
                    Type.STRING,
                    null,
                    AvroSerdeConfig::requireTopicNameStrategy,
                    Importance.LOW,
                    "Only TopicNameStrategy.");

    public AvroSerdeConfig(Map<String, ?> configs) {
        super(DEFINITION, configs, false);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    /** The binding of a serde configured with {@code configs}; {@code client}, when not null, replaces the URL's. */
    static RegistryBinding binding(Map<String, ?> configs, boolean isKey, SchemaRegistryClient client) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        return new RegistryBinding(
                client != null ? client : SchemaRegistryClients.fromConfig(configs),
                isKey,
                config.autoRegisterSchemas());
    }

    private static void requireTopicNameStrategy(String name, Object value) {
        if (value != null && !value.toString().endsWith("TopicNameStrategy")) {
            throw new ConfigException(name, value, "only TopicNameStrategy (<topic>-key, <topic>-value) is supported");
        }
    }
}
