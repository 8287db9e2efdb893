package io.zoommetering.topology.config;

import io.zoommetering.topology.aggregate.EmitMode;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.output.churnrisk.ChurnRiskSettings;
import io.zoommetering.topology.output.forecast.ForecastSettings;
import io.zoommetering.topology.pii.PiiMode;
import io.zoommetering.topology.pii.PiiPolicy;
import io.zoommetering.topology.registry.OutputRegistry;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.topics.TopicId;
import io.zoommetering.topology.topics.TopicSetting;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings that shape what the topology computes, typed and validated: a bad value fails at start-up with a
 * message naming the setting. Kafka and Streams settings are not here; they pass through to Kafka untouched.
 */
public final class MeteringConfig extends AbstractConfig {

    public static final String REPORTING_ZONE = "zm.reporting.zone";
    public static final String GRACE = "zm.grace";
    public static final String DEDUP_HORIZON = "zm.dedup.horizon";
    public static final String PERIOD_RETENTION = "zm.period.retention";
    public static final String CLOCK_SKEW = "zm.clock.skew";
    public static final String CURRENCY_RATES = "zm.currency.rates";
    public static final String EMIT_MODE = "zm.emit.mode";
    public static final String EMIT_INTERVAL_MS = "zm.emit.interval.ms";
    public static final String ACCOUNT_PARTITIONS = "zm.account.partitions";
    public static final String SOURCE_SYSTEM = "zm.source.system";
    public static final String STATE_STORES = "zm.state.stores";
    public static final String AUDIT_INTERVAL_MS = "zm.audit.interval.ms";
    public static final String PROFILE_HISTORY = "zm.profile.history";
    public static final String OUTPUTS = "zm.outputs";
    public static final String TOPIC_PREFIX = "zm.topic.";
    public static final String PII_MODE = "zm.pii.mode";
    public static final String PII_HASH_KEY_FILE = "zm.pii.hash.key.file";
    /**
     * The HMAC key itself, for the environment variable ZM_PII_HASH_KEY only (the application refuses it from a
     * settings file or a flag); a PASSWORD, so Kafka's config logging and exceptions show it as [hidden].
     */
    public static final String PII_HASH_KEY = "zm.pii.hash.key";

    /** Fewer bytes than this make a key that can be guessed, and with it every hashed name. */
    static final int PII_HASH_KEY_MIN_BYTES = 16;

    private static final ConfigDef DEFINITION = definition();

    private final PiiPolicy pii;

    public MeteringConfig(Map<?, ?> settings) {
        super(DEFINITION, settings, false);
        if (periodRetention().compareTo(grace()) < 0) {
            throw new ConfigException(PERIOD_RETENTION, getString(PERIOD_RETENTION), "must be at least " + GRACE);
        }
        PiiMode mode = PiiMode.valueOf(getString(PII_MODE));
        // Read at start-up, so that a missing or unreadable key refuses to start instead of failing on a record.
        pii = PiiPolicy.of(mode, mode == PiiMode.HASH ? piiHashKey() : null);
    }

    public static ConfigDef configDef() {
        return new ConfigDef(DEFINITION);
    }

    public ZoneId reportingZone() {
        return ZoneId.of(getString(REPORTING_ZONE));
    }

    public Duration grace() {
        return Duration.parse(getString(GRACE));
    }

    /** How far behind stream time a record's business time may lie and still change its periods. */
    public Duration periodRetention() {
        return Duration.parse(getString(PERIOD_RETENTION));
    }

    public Duration dedupHorizon() {
        return Duration.parse(getString(DEDUP_HORIZON));
    }

    public Duration clockSkew() {
        return Duration.parse(getString(CLOCK_SKEW));
    }

    /** Rate of each accepted currency to the reporting currency. */
    public Map<String, BigDecimal> currencyRates() {
        return parseRates(getList(CURRENCY_RATES));
    }

    public EmitMode emitMode() {
        return EmitMode.valueOf(getString(EMIT_MODE));
    }

    public Duration emitInterval() {
        return Duration.ofMillis(getLong(EMIT_INTERVAL_MS));
    }

    /** Partitions of the by-account repartition topic; empty to let Kafka Streams choose. */
    public OptionalInt accountPartitions() {
        int partitions = getInt(ACCOUNT_PARTITIONS);
        return partitions > 0 ? OptionalInt.of(partitions) : OptionalInt.empty();
    }

    /** How far back user profile versions are kept to answer "the plan as of" a record's event time. */
    /** The outputs to compute (with those they read); empty for all. */
    public List<String> outputs() {
        return getList(OUTPUTS);
    }

    public Duration profileHistory() {
        return Duration.parse(getString(PROFILE_HISTORY));
    }

    /** The wall-clock interval each process audit record covers. */
    public Duration auditInterval() {
        return Duration.ofMillis(getLong(AUDIT_INTERVAL_MS));
    }

    public StoreSuppliers.Kind stateStores() {
        return StoreSuppliers.Kind.valueOf(getString(STATE_STORES));
    }

    /** What the gold outputs carry of user_name and email (SPEC 6). */
    public PiiMode piiMode() {
        return pii.mode();
    }

    /** The policy of {@link #piiMode()}, with its key for HASH. */
    public PiiPolicy pii() {
        return pii;
    }

    /** The windows, threshold and weights of gold.churn-risk. */
    public ChurnRiskSettings churnRisk() {
        return ChurnRiskSettings.from(this);
    }

    /** The settings of the outputs that have their own, for their ledgers (LedgerContext#settings). */
    public Map<Class<?>, Object> outputSettings() {
        return Map.of(ChurnRiskSettings.class, churnRisk());
    }

    public String sourceSystem() {
        return getString(SOURCE_SYSTEM);
    }

    public String topicName(TopicId topic) {
        return topicName(topic.configName());
    }

    /** @param configName a topic's name in settings: a {@link TopicId}'s or a gold output's */
    public String topicName(String configName) {
        return getString(TOPIC_PREFIX + configName);
    }

    /**
     * Every topic the processor names (inputs, gold outputs, audit, dead letters, the plan catalog) with its setting
     * ({@code zm.topic.<name>}) and default: the one list to iterate to name or rename them all.
     */
    public static List<TopicSetting> topics() {
        List<TopicSetting> topics = new ArrayList<>();
        for (TopicId topic : TopicId.values()) {
            topics.add(topic.setting());
        }
        for (GoldOutput output : OutputRegistry.OUTPUTS) {
            topics.add(output.table().topic());
        }
        return List.copyOf(topics);
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef()
                .define(
                        REPORTING_ZONE,
                        Type.STRING,
                        "UTC",
                        MeteringConfig::validateZone,
                        Importance.HIGH,
                        "Time zone of every calendar period (day, ISO week, month, hour).")
                .define(
                        GRACE,
                        Type.STRING,
                        "PT24H",
                        MeteringConfig::validateDuration,
                        Importance.HIGH,
                        "How far behind its partition's stream time a record may be and still count (ISO-8601).")
                .define(
                        PERIOD_RETENTION,
                        Type.STRING,
                        "P400D",
                        MeteringConfig::validateDuration,
                        Importance.HIGH,
                        "How far behind its partition's stream time the business time of an on-time record may lie "
                                + "and still change its periods (ISO-8601; at least the grace period): the per-period "
                                + "state kept; an older one is an EXPIRED_PERIOD error.")
                .define(
                        DEDUP_HORIZON,
                        Type.STRING,
                        "P7D",
                        MeteringConfig::validateDuration,
                        Importance.MEDIUM,
                        "How long an accepted event_id is remembered to recognise duplicates (ISO-8601).")
                .define(
                        CLOCK_SKEW,
                        Type.STRING,
                        "P1D",
                        MeteringConfig::validateDuration,
                        Importance.MEDIUM,
                        "How far after the processing time an event_time may lie before it is rejected (ISO-8601).")
                .define(
                        CURRENCY_RATES,
                        Type.LIST,
                        "USD:1",
                        MeteringConfig::validateRates,
                        Importance.HIGH,
                        "Accepted currencies and their rate to the reporting currency, as CODE:RATE pairs.")
                .define(
                        EMIT_MODE,
                        Type.STRING,
                        EmitMode.EVERY_UPDATE.name(),
                        ConfigDef.ValidString.in(EmitMode.EVERY_UPDATE.name(), EmitMode.FINAL.name()),
                        Importance.HIGH,
                        "EVERY_UPDATE writes aggregates on each change; FINAL once their period plus grace closed.")
                .define(
                        EMIT_INTERVAL_MS,
                        Type.LONG,
                        250L,
                        ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM,
                        "How often each task ships its changed partial aggregates to the combiners (ms).")
                .define(
                        ACCOUNT_PARTITIONS,
                        Type.INT,
                        -1,
                        Importance.MEDIUM,
                        "Partitions of the by-account repartition topic; -1 lets Kafka Streams choose.")
                .define(
                        OUTPUTS,
                        Type.LIST,
                        "",
                        (name, value) -> {
                            for (Object output : (List<?>) value) {
                                if (!OutputRegistry.names().contains(output)) {
                                    throw new ConfigException(
                                            name,
                                            value,
                                            "no output is named " + output + "; the outputs: "
                                                    + OutputRegistry.names());
                                }
                            }
                        },
                        Importance.HIGH,
                        "The gold outputs to compute, by name (active-users, mrr, ...); the outputs their formulas "
                                + "read come with them. Empty (the default): every output.")
                .define(
                        PROFILE_HISTORY,
                        Type.STRING,
                        "P400D",
                        MeteringConfig::validateDuration,
                        Importance.MEDIUM,
                        "How long superseded user profiles answer for older records (ISO-8601); older ones count as UNKNOWN.")
                .define(
                        AUDIT_INTERVAL_MS,
                        Type.LONG,
                        60_000L,
                        ConfigDef.Range.atLeast(1_000),
                        Importance.MEDIUM,
                        "Wall-clock length of the interval each gold.audit.process record covers (ms).")
                .define(
                        STATE_STORES,
                        Type.STRING,
                        StoreSuppliers.Kind.PERSISTENT.name(),
                        ConfigDef.ValidString.in(
                                StoreSuppliers.Kind.PERSISTENT.name(), StoreSuppliers.Kind.IN_MEMORY.name()),
                        Importance.LOW,
                        "PERSISTENT keeps state in RocksDB; IN_MEMORY on the heap (tests, small data).")
                .define(
                        SOURCE_SYSTEM,
                        Type.STRING,
                        "zoom-metering",
                        new ConfigDef.NonEmptyString(),
                        Importance.LOW,
                        "The source_system written in every gold record.")
                .define(
                        PII_MODE,
                        Type.STRING,
                        PiiMode.KEEP.name(),
                        ConfigDef.ValidString.in(PiiMode.KEEP.name(), PiiMode.HASH.name(), PiiMode.DROP.name()),
                        Importance.HIGH,
                        "user_name and email in every gold output: KEEP them, HASH them (HMAC-SHA-256 with the key of "
                                + PII_HASH_KEY_FILE + " or ZM_PII_HASH_KEY) or DROP them (null). Error records and "
                                + "dead letters keep the original bytes in every mode.")
                .define(
                        PII_HASH_KEY_FILE,
                        Type.STRING,
                        "",
                        Importance.MEDIUM,
                        "Path of the file holding the HMAC key of " + PII_MODE + "=HASH (a mounted Kubernetes "
                                + "Secret); the key is never a setting value.")
                .define(
                        PII_HASH_KEY,
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        "The HMAC key of " + PII_MODE + "=HASH, only as the environment variable ZM_PII_HASH_KEY "
                                + "(instead of " + PII_HASH_KEY_FILE + ").");
        ChurnRiskSettings.define(def);
        ForecastSettings.define(def);
        for (TopicSetting topic : topics()) {
            def.define(
                    TOPIC_PREFIX + topic.configName(),
                    Type.STRING,
                    topic.defaultName(),
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    "Name of the topic " + topic.description());
        }
        return def;
    }

    /**
     * The HMAC key of HASH, from ZM_PII_HASH_KEY or the file: exactly one of them. Messages name the settings and
     * never the key; a file's trailing line break is not part of the key (so that {@code echo key > file} works).
     */
    private byte[] piiHashKey() {
        Password inline = getPassword(PII_HASH_KEY);
        String file = getString(PII_HASH_KEY_FILE);
        boolean hasFile = file != null && !file.isBlank();
        if (inline == null && !hasFile) {
            throw new ConfigException(PII_MODE + " is HASH but no key is set: mount the key as a file and name it in "
                    + PII_HASH_KEY_FILE + ", or set the environment variable ZM_PII_HASH_KEY");
        }
        if (inline != null && hasFile) {
            throw new ConfigException("Both " + PII_HASH_KEY_FILE + " and " + PII_HASH_KEY
                    + " (ZM_PII_HASH_KEY) are set for " + PII_MODE + "=HASH; set one, so that it is clear which key"
                    + " the hashes are made with");
        }
        byte[] key;
        String source;
        if (hasFile) {
            try {
                key = stripTrailingLineBreak(Files.readAllBytes(Path.of(file)));
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(
                        PII_HASH_KEY_FILE,
                        file,
                        "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            source = PII_HASH_KEY_FILE + " " + file;
        } else {
            key = inline.value().getBytes(StandardCharsets.UTF_8);
            source = PII_HASH_KEY + " (ZM_PII_HASH_KEY)";
        }
        if (key.length < PII_HASH_KEY_MIN_BYTES) {
            throw new ConfigException("The key of " + PII_MODE + "=HASH from " + source + " has " + key.length
                    + " bytes; it needs at least " + PII_HASH_KEY_MIN_BYTES + " (e.g. openssl rand -hex 32)");
        }
        return key;
    }

    private static byte[] stripTrailingLineBreak(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    private static void validateZone(String name, Object value) {
        try {
            ZoneId.of((String) value);
        } catch (RuntimeException e) {
            throw new ConfigException(name, value, "not a time zone id such as UTC or Europe/Berlin");
        }
    }

    private static void validateDuration(String name, Object value) {
        Duration duration;
        try {
            duration = Duration.parse((String) value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigException(name, value, "not an ISO-8601 duration such as PT24H or P7D");
        }
        if (duration.isNegative()) {
            throw new ConfigException(name, value, "must not be negative");
        }
    }

    private static void validateRates(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> pairs = (List<String>) value;
        Map<String, BigDecimal> rates;
        try {
            rates = parseRates(pairs);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "expected CODE:RATE pairs with positive rates, e.g. USD:1,EUR:1.08");
        }
        if (rates.isEmpty()) {
            throw new ConfigException(name, value, "needs at least one currency");
        }
    }

    private static Map<String, BigDecimal> parseRates(List<String> pairs) {
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] parts = pair.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException(pair);
            }
            BigDecimal rate = new BigDecimal(parts[1].trim());
            if (rate.signum() <= 0) {
                throw new IllegalArgumentException(pair);
            }
            rates.put(parts[0].trim(), rate);
        }
        return Collections.unmodifiableMap(rates);
    }
}
