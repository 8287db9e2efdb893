package io.zoommetering.app.ops;

import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.config.Environment;
import io.zoommetering.app.config.LayeredSettings.Setting;
import io.zoommetering.app.config.StreamsDefaults;
import io.zoommetering.serdes.registry.SchemaRegistryClientConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Environment variables given to the processor by a deployment (compose, Kubernetes), checked as the processor
 * reads them: they must load ({@link AppSettings} rejects unknown zm.* settings and bad values), and every
 * KAFKA_* and SCHEMA_REGISTRY_* variable must name a real setting, since a misspelled one would be ignored.
 */
final class ProcessorEnvironment {

    private static final List<String> CLIENT_PREFIXES = List.of(
            "main.consumer.", "restore.consumer.", "global.consumer.", "consumer.", "producer.", "admin.", "topic.");

    private ProcessorEnvironment() {}

    /** Loads the settings; throws what the processor would throw at start-up. */
    static AppSettings load(Map<String, String> environment) {
        return AppSettings.load(StreamsDefaults.production(), null, environment, Map.of());
    }

    /** The variables that name no Kafka, Kafka Streams or Schema Registry client setting. */
    static List<String> unknownVariables(Map<String, String> environment) {
        Map<String, Setting> settings = Environment.settings(environment, AppSettings.knownKeys());
        Set<String> kafka = kafkaNames();
        Set<String> registry = registryNames();
        List<String> unknown = new ArrayList<>();
        settings.forEach((key, setting) -> {
            if (key.startsWith("zm.")) {
                return;
            }
            boolean known = key.startsWith("schema.registry.")
                    ? registry.contains(key) || registry.contains(key.substring("schema.registry.".length()))
                    : kafka.contains(unprefixed(key));
            if (!known) {
                unknown.add(setting.source() + " (" + key + ")");
            }
        });
        return unknown;
    }

    /** The variables that set a password-type setting (a SASL JAAS line, a trust store password, user info). */
    static Set<String> secretVariables(Map<String, String> environment) {
        Map<String, Setting> settings = Environment.settings(environment, AppSettings.knownKeys());
        Map<String, ConfigDef.ConfigKey> kafka =
                new java.util.HashMap<>(StreamsConfig.configDef().configKeys());
        kafka.putAll(ConsumerConfig.configDef().configKeys());
        kafka.putAll(ProducerConfig.configDef().configKeys());
        kafka.putAll(AdminClientConfig.configDef().configKeys());
        SchemaRegistryClientConfig registry = new SchemaRegistryClientConfig(
                Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "http://registry:8081"));
        Set<String> secrets = new TreeSet<>();
        settings.forEach((key, setting) -> {
            ConfigDef.Type type;
            if (key.startsWith("schema.registry.")) {
                ConfigDef.Type full = registry.typeOf(key);
                type = full != null ? full : registry.typeOf(key.substring("schema.registry.".length()));
            } else {
                ConfigDef.ConfigKey definition = kafka.get(unprefixed(key));
                type = definition == null ? null : definition.type;
            }
            if (type == ConfigDef.Type.PASSWORD) {
                secrets.add(setting.source().substring("environment variable ".length()));
            }
        });
        return secrets;
    }

    private static String unprefixed(String key) {
        for (String prefix : CLIENT_PREFIXES) {
            if (key.startsWith(prefix)) {
                return key.substring(prefix.length());
            }
        }
        return key;
    }

    private static Set<String> kafkaNames() {
        Set<String> names = new TreeSet<>(StreamsConfig.configDef().names());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    private static Set<String> registryNames() {
        Set<String> names = new TreeSet<>();
        for (Field field : SchemaRegistryClientConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }
}
