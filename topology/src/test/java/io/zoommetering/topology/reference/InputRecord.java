package io.zoommetering.topology.reference;

import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record to produce on an input topic, in the order of the list it is in.
 *
 * @param topic    the input topic
 * @param key      the record key (the entity id as a string)
 * @param value    the decoded value; null for a tombstone
 * @param rawValue when non-null, these exact bytes are produced instead of an encoded value (a record that does not
 *                 decode)
 */
public record InputRecord(String topic, String key, SpecificRecord value, byte[] rawValue) {

    public InputRecord {
        Objects.requireNonNull(topic, "topic");
        if (value != null && rawValue != null) {
            throw new IllegalArgumentException("a record has either a value or raw bytes, not both");
        }
        rawValue = rawValue == null ? null : rawValue.clone();
    }

    public static InputRecord of(String topic, String key, SpecificRecord value) {
        return new InputRecord(topic, key, Objects.requireNonNull(value, "value"), null);
    }

    public static InputRecord tombstone(String topic, String key) {
        return new InputRecord(topic, key, null, null);
    }

    public static InputRecord garbage(String topic, String key, byte[] bytes) {
        return new InputRecord(topic, key, null, Objects.requireNonNull(bytes, "bytes"));
    }

    public boolean isGarbage() {
        return rawValue != null;
    }

    public boolean isTombstone() {
        return value == null && rawValue == null;
    }

    @Override
    public byte[] rawValue() {
        return rawValue == null ? null : rawValue.clone();
    }

    // A record's generated equals compares arrays by identity; generated sets are compared by content.
    @Override
    public boolean equals(Object other) {
        return other instanceof InputRecord that
                && topic.equals(that.topic)
                && Objects.equals(key, that.key)
                && Objects.equals(value, that.value)
                && Arrays.equals(rawValue, that.rawValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, key, value, Arrays.hashCode(rawValue));
    }

    @Override
    public String toString() {
        String shown = rawValue != null ? "bytes" + Arrays.toString(rawValue) : String.valueOf(value);
        return topic + " [" + key + "] " + shown;
    }
}
