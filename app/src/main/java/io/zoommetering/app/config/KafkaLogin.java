package io.zoommetering.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The SASL login to Kafka of {@code zm.kafka.sasl.username} with a password from a file or ZM_KAFKA_SASL_PASSWORD,
 * turned into the {@code sasl.jaas.config} every Kafka client of the process uses: operators mount a password, not
 * a JAAS line. Messages name settings and files, never the password.
 */
final class KafkaLogin {

    private static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

    private KafkaLogin() {}

    /** The Kafka properties to add for the login, or none when {@code zm.kafka.sasl.username} is not set. */
    static Map<String, String> properties(AppConfig app, Properties kafka) {
        String username = app.kafkaSaslUsername();
        String file = app.kafkaSaslPasswordFile();
        boolean hasFile = !file.isBlank();
        Password inline = app.kafkaSaslPassword();
        if (username.isBlank()) {
            if (hasFile || inline != null) {
                throw new SettingsException("A Kafka password is set ("
                        + (hasFile ? AppConfig.KAFKA_SASL_PASSWORD_FILE : "ZM_KAFKA_SASL_PASSWORD") + ") but no "
                        + AppConfig.KAFKA_SASL_USERNAME);
            }
            return Map.of();
        }
        if (kafka.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
            throw new SettingsException("Both " + AppConfig.KAFKA_SASL_USERNAME + " and " + SaslConfigs.SASL_JAAS_CONFIG
                    + " are set; set one, so that it is clear which login Kafka sees");
        }
        if (hasFile == (inline != null)) {
            throw new SettingsException(
                    hasFile
                            ? "Both " + AppConfig.KAFKA_SASL_PASSWORD_FILE
                                    + " and ZM_KAFKA_SASL_PASSWORD are set; set one"
                            : AppConfig.KAFKA_SASL_USERNAME
                                    + " is set but no password: mount it as a file and name it in "
                                    + AppConfig.KAFKA_SASL_PASSWORD_FILE + ", or set the environment variable "
                                    + "ZM_KAFKA_SASL_PASSWORD");
        }
        String password = hasFile ? read(file) : inline.value();
        String mechanism = kafka.getProperty(SaslConfigs.SASL_MECHANISM, DEFAULT_MECHANISM);
        String module = LOGIN_MODULES.get(mechanism);
        if (module == null) {
            throw new SettingsException(AppConfig.KAFKA_SASL_USERNAME + " logs in with SCRAM-SHA-512, SCRAM-SHA-256 or"
                    + " PLAIN, not sasl.mechanism=" + mechanism + "; for another mechanism set "
                    + SaslConfigs.SASL_JAAS_CONFIG + " instead");
        }
        String protocol = kafka.getProperty("security.protocol", SecurityProtocol.SASL_SSL.name);
        if (!protocol.startsWith("SASL_")) {
            throw new SettingsException(AppConfig.KAFKA_SASL_USERNAME + " is set but security.protocol=" + protocol
                    + " does not log in; use SASL_SSL");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", protocol);
        properties.put(SaslConfigs.SASL_MECHANISM, mechanism);
        properties.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";");
        return properties;
    }

    /** The file's text without its trailing line break (so that {@code echo secret > file} works). */
    private static String read(String file) {
        String password;
        try {
            password = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new SettingsException(AppConfig.KAFKA_SASL_PASSWORD_FILE + " " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        password = password.endsWith("\r\n")
                ? password.substring(0, password.length() - 2)
                : password.endsWith("\n") ? password.substring(0, password.length() - 1) : password;
        if (password.isEmpty()) {
            throw new SettingsException(AppConfig.KAFKA_SASL_PASSWORD_FILE + " " + file + " is empty");
        }
        return password;
    }

    /** Kafka's JAAS parser reads quoted values with backslash escapes. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
