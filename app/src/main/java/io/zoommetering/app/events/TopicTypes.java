package io.zoommetering.app.events;

import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.topics.AvroSerdes;
import io.zoommetering.topology.topics.Topic;
import io.zoommetering.topology.topics.TopicId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Which records each topic holds, by the topic's configured name: the generated class of its values, and of its
 * keys for topics keyed by an Avro record (the gold outputs; input topics are keyed by UTF-8 text).
 *
 * <p>Built from the processor's {@link TopicCatalog}, so it knows every topic the catalog knows under the names
 * the settings give ({@code zm.topic.<name>}); {@link #defaults()} has SPEC's default names.
 */
public final class TopicTypes {

    /** The types of one topic. {@code keyType} is empty for text keys. */
    public record Types(
            String configName,
            String name,
            Optional<Class<? extends SpecificRecord>> keyType,
            Class<? extends SpecificRecord> valueType) {}

    private final Map<String, Types> byName;
    private final Map<String, String> names = new HashMap<>();
    private final List<String> inputs;
    private final List<String> goldOutputs;

    private TopicTypes(Map<String, Types> byName, List<String> inputs, List<String> goldOutputs) {
        this.byName = Collections.unmodifiableMap(byName);
        this.inputs = List.copyOf(inputs);
        this.goldOutputs = List.copyOf(goldOutputs);
        byName.values().forEach(types -> names.putIfAbsent(types.configName(), types.name()));
    }

    /** SPEC's default topic names. */
    public static TopicTypes defaults() {
        return from(new MeteringConfig(Map.of()));
    }

    /** The topic names of these settings. */
    public static TopicTypes from(MeteringConfig config) {
        TopicCatalog catalog = new TopicCatalog(Objects.requireNonNull(config, "config"), new TypeCapture());
        Map<String, Types> byName = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> gold = new ArrayList<>();
        for (Topic<String, ? extends SpecificRecord> topic : catalog.inputs()) {
            byName.put(topic.name(), types(topic));
            inputs.add(topic.name());
        }
        for (Topic<? extends SpecificRecord, ? extends SpecificRecord> topic : catalog.goldOutputs()) {
            byName.put(topic.name(), types(topic));
            gold.add(topic.name());
        }
        byName.putIfAbsent(catalog.planCatalog.name(), types(catalog.planCatalog));
        return new TopicTypes(byName, inputs, gold);
    }

    /**
     * The configured name of a topic.
     *
     * @throws IllegalArgumentException for a topic the catalog does not have
     */
    public String name(TopicId id) {
        return name(id.configName());
    }

    /**
     * The configured name of a topic, by its name in settings (a {@link TopicId}'s or a gold output's).
     *
     * @throws IllegalArgumentException for a topic the catalog does not have
     */
    public String name(String id) {
        String name = names.get(id);
        if (name == null) {
            throw new IllegalArgumentException("no topic " + id + " in the catalog");
        }
        return name;
    }

    /** The types of a topic, if it is one of the processor's. */
    public Optional<Types> of(String topic) {
        return Optional.ofNullable(byName.get(topic));
    }

    public boolean knows(String topic) {
        return byName.containsKey(topic);
    }

    /**
     * The generated class of the topic's values.
     *
     * @throws IllegalArgumentException for a topic that is not one of the processor's
     */
    public Class<? extends SpecificRecord> valueType(String topic) {
        return require(topic).valueType();
    }

    /** The generated class of the topic's keys; empty for topics keyed by text. */
    public Optional<Class<? extends SpecificRecord>> keyType(String topic) {
        return require(topic).keyType();
    }

    /** The input topics' names, in TopicCatalog order. */
    public List<String> inputTopics() {
        return inputs;
    }

    /** The gold output topics' names, in TopicCatalog order. */
    public List<String> goldOutputs() {
        return goldOutputs;
    }

    /** Every known topic name. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    private Types require(String topic) {
        Types types = byName.get(topic);
        if (types == null) {
            throw new IllegalArgumentException("unknown topic '" + topic + "'; known: " + byName.keySet());
        }
        return types;
    }

    private static Types types(Topic<?, ?> topic) {
        Optional<Class<? extends SpecificRecord>> key =
                topic.keySerde() instanceof TypeSerde<?> typed ? Optional.of(typed.type) : Optional.empty();
        Class<? extends SpecificRecord> value = ((TypeSerde<?>) topic.valueSerde()).type;
        return new Types(topic.configName(), topic.name(), key, value);
    }

    /** Serdes that only remember the class they were made for: the catalog's types, without a registry. */
    private static final class TypeCapture implements AvroSerdes {
        @Override
        public <T extends SpecificRecord> Serde<T> forKeys(Class<T> type) {
            return new TypeSerde<>(type);
        }

        @Override
        public <T extends SpecificRecord> Serde<T> forValues(Class<T> type) {
            return new TypeSerde<>(type);
        }
    }

    private static final class TypeSerde<T extends SpecificRecord> implements Serde<T> {
        private final Class<T> type;

        TypeSerde(Class<T> type) {
            this.type = type;
        }

        @Override
        public Serializer<T> serializer() {
            throw new UnsupportedOperationException("types only");
        }

        @Override
        public Deserializer<T> deserializer() {
            throw new UnsupportedOperationException("types only");
        }
    }
}
