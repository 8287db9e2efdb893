package io.zoommetering.app.events;

import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record of an input topic, as it is produced or as an event file holds it (SPEC 5), in the order of the list
 * or stream it is in.
 *
 * @param topic    the topic's name
 * @param key      the record key, produced as UTF-8 text; may be null
 * @param value    the value, produced as Confluent-framed Avro of its schema; null for a tombstone (unless
 *                 {@code rawValue} is set)
 * @param rawValue when non-null, these exact bytes are produced as the value instead of an encoded one (how a file
 *                 holds a record that is not valid Avro)
 */
public record EventRecord(String topic, String key, SpecificRecord value, byte[] rawValue) {

    public EventRecord {
        Objects.requireNonNull(topic, "topic");
        if (value != null && rawValue != null) {
            throw new IllegalArgumentException("a record has either a value or raw bytes, not both");
        }
        rawValue = rawValue == null ? null : rawValue.clone();
    }

    /** A record with an Avro value. */
    public static EventRecord of(String topic, String key, SpecificRecord value) {
        return new EventRecord(topic, key, Objects.requireNonNull(value, "value"), null);
    }

    /** A record with a null value. */
    public static EventRecord tombstone(String topic, String key) {
        return new EventRecord(topic, key, null, null);
    }

    /** A record whose value is these exact bytes. */
    public static EventRecord raw(String topic, String key, byte[] bytes) {
        return new EventRecord(topic, key, null, Objects.requireNonNull(bytes, "bytes"));
    }

    public boolean isTombstone() {
        return value == null && rawValue == null;
    }

    public boolean isRaw() {
        return rawValue != null;
    }

    @Override
    public byte[] rawValue() {
        return rawValue == null ? null : rawValue.clone();
    }

    // A record's generated equals compares arrays by identity: compare raw bytes by content.
    @Override
    public boolean equals(Object other) {
        return other instanceof EventRecord that
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
        String shown = rawValue != null ? rawValue.length + " raw bytes" : String.valueOf(value);
        return topic + " [" + key + "] " + shown;
    }
}
