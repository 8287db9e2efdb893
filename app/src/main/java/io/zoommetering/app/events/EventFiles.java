package io.zoommetering.app.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * Event files (SPEC 5): JSON Lines, one record a line, in the order they are to be produced.
 *
 * <pre>
 * {"topic": "zoom.meetings", "key": "m-17", "value": {"event_id": "e-9", "event_time": "2026-11-21T09:00:00Z", ...}}
 * {"topic": "zoom.plans", "key": "FREE", "value": null}
 * {"topic": "zoom.meetings", "key": "m-18", "value_base64": "AAAAAAFub3QgYXZybw=="}
 * </pre>
 *
 * {@code value} holds the fields by name ({@link EventJson}); {@code "value": null} is a tombstone;
 * {@code value_base64} holds exact bytes to produce instead of an encoded value. Blank lines are skipped. The reader
 * knows the class of a value from its topic's name ({@link TopicTypes}); a line that cannot be read is an
 * {@link EventFileException} naming its line. Gold exports use the same lines with the key as a JSON object of its
 * fields ({@link LineWriter#write(String, Object, IndexedRecord)}).
 */
public final class EventFiles {

    private static final JsonNodeFactory NODES = EventJson.mapper().getNodeFactory();
    private static final Set<String> FIELDS = Set.of("topic", "key", "value", "value_base64");

    private EventFiles() {}

    // ---- reading

    /** Every record of a file, in order. */
    public static List<EventRecord> read(Path file, TopicTypes types) throws IOException {
        try (Stream<EventRecord> records = stream(file, types)) {
            return records.toList();
        }
    }

    /** The records of a file, read lazily; close the stream to close the file. */
    public static Stream<EventRecord> stream(Path file, TopicTypes types) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return stream(reader, file.toString(), types).onClose(() -> closeQuietly(reader));
    }

    /** The records of a reader, read lazily (the caller closes the reader). */
    public static Stream<EventRecord> stream(BufferedReader reader, String source, TopicTypes types) {
        Objects.requireNonNull(types, "types");
        return lines(reader, source).map(line -> toRecord(line, source, types));
    }

    /** The parsed lines of a reader, values not yet read into records (the caller closes the reader). */
    public static Stream<EventLine> lines(BufferedReader reader, String source) {
        Iterator<EventLine> lines = new Iterator<>() {
            private long lineNumber;
            private EventLine next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    String text;
                    try {
                        text = reader.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + source, e);
                    }
                    if (text == null) {
                        return false;
                    }
                    lineNumber++;
                    if (!text.isBlank()) {
                        next = parseLine(text, source, lineNumber);
                    }
                }
                return true;
            }

            @Override
            public EventLine next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                EventLine line = next;
                next = null;
                return line;
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** One line, numbered 1 in error messages. */
    public static EventRecord fromLine(String line, TopicTypes types) {
        return toRecord(parseLine(line, "line", 1), "line", types);
    }

    /** Parses a line's envelope: topic, key, and value, value_base64 or tombstone. */
    public static EventLine parseLine(String text, String source, long lineNumber) {
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new EventFileException(source, lineNumber, "not JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new EventFileException(source, lineNumber, "expected a JSON object per line", null);
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new EventFileException(
                        source,
                        lineNumber,
                        "unknown field '" + name + "' (expected " + "topic, key, and value or value_base64)",
                        null);
            }
        }
        JsonNode topic = json.get("topic");
        if (topic == null || !topic.isTextual() || topic.textValue().isBlank()) {
            throw new EventFileException(source, lineNumber, "\"topic\" must be a topic name", null);
        }
        JsonNode key = json.get("key") == null ? NODES.nullNode() : json.get("key");
        if (!(key.isNull() || key.isTextual() || key.isObject())) {
            throw new EventFileException(source, lineNumber, "\"key\" must be text, an object or null", null);
        }
        boolean hasValue = json.has("value");
        boolean hasRaw = json.has("value_base64");
        if (hasValue == hasRaw) {
            throw new EventFileException(
                    source,
                    lineNumber,
                    "a line has exactly one of \"value\" (null for a tombstone) and \"value_base64\"",
                    null);
        }
        if (hasRaw) {
            JsonNode raw = json.get("value_base64");
            byte[] bytes;
            try {
                bytes = raw.isTextual() ? Base64.getDecoder().decode(raw.textValue()) : null;
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
            if (bytes == null) {
                throw new EventFileException(source, lineNumber, "\"value_base64\" must be base64 text", null);
            }
            return new EventLine(lineNumber, topic.textValue(), key, null, bytes);
        }
        JsonNode value = json.get("value");
        if (!value.isNull() && !value.isObject()) {
            throw new EventFileException(source, lineNumber, "\"value\" must be an object or null", null);
        }
        return new EventLine(lineNumber, topic.textValue(), key, value.isNull() ? null : value, null);
    }

    /** Reads a parsed line of an input topic into a record. */
    public static EventRecord toRecord(EventLine line, String source, TopicTypes types) {
        if (line.key().isObject()) {
            throw new EventFileException(
                    source,
                    line.lineNumber(),
                    "the key of an event record is text; an "
                            + "object key is a gold export's (read those with GoldExport.readFile)",
                    null);
        }
        String key = line.key().isNull() ? null : line.key().textValue();
        if (line.rawValue() != null) {
            return EventRecord.raw(line.topic(), key, line.rawValue());
        }
        if (line.value() == null) {
            return EventRecord.tombstone(line.topic(), key);
        }
        if (!types.knows(line.topic())) {
            throw new EventFileException(
                    source,
                    line.lineNumber(),
                    "unknown topic '" + line.topic() + "': its value type is not known (known: " + types.names() + ")",
                    null);
        }
        try {
            SpecificRecord value = EventJson.fromJson(line.value(), types.valueType(line.topic()));
            return EventRecord.of(line.topic(), key, value);
        } catch (IllegalArgumentException e) {
            throw new EventFileException(
                    source, line.lineNumber(), "value of " + line.topic() + ": " + e.getMessage(), e);
        }
    }

    // ---- writing

    /** The line of a record (without a line break). */
    public static String toLine(EventRecord record) {
        return EventJson.toLine(toJson(record));
    }

    /** The JSON object of a record's line. */
    public static ObjectNode toJson(EventRecord record) {
        ObjectNode line = NODES.objectNode();
        line.put("topic", record.topic());
        line.put("key", record.key());
        if (record.isRaw()) {
            line.put("value_base64", Base64.getEncoder().encodeToString(record.rawValue()));
        } else if (record.isTombstone()) {
            line.putNull("value");
        } else {
            line.set("value", EventJson.toJson(record.value()));
        }
        return line;
    }

    /** Writes the records to a file, replacing it; returns how many. */
    public static long write(Path file, Iterable<EventRecord> records) throws IOException {
        try (LineWriter writer = writer(file)) {
            for (EventRecord record : records) {
                writer.write(record);
            }
            return writer.count();
        }
    }

    /** Writes the records to a file, replacing it; returns how many. */
    public static long write(Path file, Stream<EventRecord> records) throws IOException {
        return write(file, (Iterable<EventRecord>) records::iterator);
    }

    /** A writer of lines to a file, replacing it. */
    public static LineWriter writer(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new LineWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** A writer of lines to {@code out}; closing it closes {@code out}. */
    public static LineWriter writer(java.io.Writer out) {
        return new LineWriter(out instanceof BufferedWriter buffered ? buffered : new BufferedWriter(out));
    }

    /** Writes lines, one record each. Not thread-safe. */
    public static final class LineWriter implements Closeable, Flushable {
        private final BufferedWriter out;
        private long count;

        private LineWriter(BufferedWriter out) {
            this.out = out;
        }

        public void write(EventRecord record) throws IOException {
            line(toJson(record));
        }

        /**
         * A line of a gold export: the key as a JSON object of its fields (or text for a text key), the value as
         * {@link EventJson} writes it, or {@code null} for a tombstone.
         */
        public void write(String topic, Object key, IndexedRecord value) throws IOException {
            ObjectNode line = NODES.objectNode();
            line.put("topic", topic);
            if (key instanceof IndexedRecord record) {
                line.set("key", EventJson.toJson(record));
            } else {
                line.put("key", key == null ? null : key.toString());
            }
            line.set("value", value == null ? NODES.nullNode() : EventJson.toJson(value));
            line(line);
        }

        /** A line of undecodable value bytes under a key as {@link #write(String, Object, IndexedRecord)} writes it. */
        public void writeRaw(String topic, Object key, byte[] rawValue) throws IOException {
            ObjectNode line = NODES.objectNode();
            line.put("topic", topic);
            if (key instanceof IndexedRecord record) {
                line.set("key", EventJson.toJson(record));
            } else {
                line.put("key", key == null ? null : key.toString());
            }
            line.put("value_base64", Base64.getEncoder().encodeToString(rawValue));
            line(line);
        }

        private void line(JsonNode json) throws IOException {
            out.write(EventJson.toLine(json));
            out.write('\n');
            count++;
        }

        /** Lines written so far. */
        public long count() {
            return count;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
