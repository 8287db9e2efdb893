package io.zoommetering.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One parsed line of an event file, before its value is read into a record: the JSON as written.
 *
 * @param lineNumber the line's number in its file, from 1
 * @param key        the key: JSON text for input topics, an object for gold topics, or a JSON null
 * @param value      the value object; null for a tombstone or when {@code rawValue} is set
 * @param rawValue   the bytes of {@code value_base64}; null otherwise
 */
public record EventLine(long lineNumber, String topic, JsonNode key, JsonNode value, byte[] rawValue) {

    public EventLine {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
    }

    public boolean isTombstone() {
        return value == null && rawValue == null;
    }
}
