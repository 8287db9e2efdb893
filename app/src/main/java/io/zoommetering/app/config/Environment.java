package io.zoommetering.app.config;

import io.zoommetering.app.config.LayeredSettings.Setting;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings from environment variables (read from an injected map, never from {@link System#getenv()} directly):
 * <ul>
 *   <li>{@code KAFKA_*}: Kafka and Kafka Streams properties, lower-cased with {@code _} as {@code .}
 *       ({@code KAFKA_BOOTSTRAP_SERVERS} is {@code bootstrap.servers}, {@code KAFKA_PRODUCER_LINGER_MS} is
 *       {@code producer.linger.ms}); the launcher's {@code KAFKA_*_OPTS}, {@code KAFKA_HOME} and
 *       {@code KAFKA_DEBUG} are not settings and are skipped.</li>
 *   <li>{@code ZM_*}: the application's {@code zm.*} settings; a known setting is matched with {@code .} and
 *       {@code -} both written as {@code _} ({@code ZM_TOPIC_FEATURE_USAGE} is {@code zm.topic.feature-usage}).</li>
 *   <li>{@code SCHEMA_REGISTRY_*}: {@code schema.registry.*} ({@code SCHEMA_REGISTRY_URL},
 *       {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO}, ...).</li>
 * </ul>
 */
public final class Environment {

    /** How {@link LayeredSettings#sourceOf} names a setting read here: "environment variable ZM_...". */
    public static final String SOURCE_PREFIX = "environment variable ";

    private Environment() {}

    /**
     * @param knownKeys the defined setting names, to map {@code ZM_*} variables back to names that contain
     *                  {@code -} or {@code _}
     */
    public static Map<String, Setting> settings(Map<String, String> environment, Collection<String> knownKeys) {
        Map<String, String> known = new HashMap<>();
        for (String key : knownKeys) {
            known.put(variableName(key), key);
        }
        Map<String, Setting> settings = new TreeMap<>();
        environment.forEach((variable, value) -> {
            String key = keyOf(variable, known);
            if (key != null) {
                settings.put(key, new Setting(value, SOURCE_PREFIX + variable));
            }
        });
        return settings;
    }

    /** The environment variable a setting is read from: {@code zm.topic.feature-usage} is ZM_TOPIC_FEATURE_USAGE. */
    public static String variableName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String keyOf(String variable, Map<String, String> known) {
        if (variable.startsWith("KAFKA_")) {
            if (variable.endsWith("_OPTS")
                    || variable.equals("KAFKA_HOME")
                    || variable.equals("KAFKA_DEBUG")
                    || variable.length() == "KAFKA_".length()) {
                return null;
            }
            return dotted(variable.substring("KAFKA_".length()));
        }
        if (variable.startsWith("ZM_") || variable.startsWith("SCHEMA_REGISTRY_")) {
            return known.getOrDefault(variable, dotted(variable));
        }
        return null;
    }

    private static String dotted(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
