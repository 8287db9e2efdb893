package io.zoommetering.topology.pii;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Keeps the personal values of the records at hand out of a text (an error description, a log line): the text of
 * an exception is written by code that knows nothing of personal data, and some (Avro's, a record's
 * {@code toString()}) quote whole records.
 */
public final class PersonalData {

    /** What stands in for a personal value in a description. */
    public static final String REDACTED = "[personal data]";

    private PersonalData() {}

    /**
     * @param records the objects the text may quote: Avro records (searched to any depth for fields named as in
     *                {@link PiiPolicy#FIELDS}), collections and maps of them; anything else is ignored
     */
    public static String redact(String text, Object... records) {
        if (text == null) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        for (Object record : records) {
            collect(record, values, 0);
        }
        List<String> longestFirst = new ArrayList<>(values);
        // "Ada Lovelace" before "Ada", so that no part of a longer value is left behind
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        String redacted = text;
        for (String value : longestFirst) {
            redacted = redacted.replace(value, REDACTED);
        }
        return redacted;
    }

    private static void collect(Object object, Set<String> values, int depth) {
        // Deep enough for an envelope holding a record holding a record; a cycle cannot run away.
        if (object == null || depth > 8) {
            return;
        }
        if (object instanceof IndexedRecord record) {
            for (Schema.Field field : record.getSchema().getFields()) {
                Object value = record.get(field.pos());
                if (PiiPolicy.FIELDS.contains(field.name()) && value instanceof CharSequence text) {
                    if (!text.toString().isBlank()) {
                        values.add(text.toString());
                    }
                } else {
                    collect(value, values, depth + 1);
                }
            }
        } else if (object instanceof Collection<?> collection) {
            collection.forEach(item -> collect(item, values, depth + 1));
        } else if (object instanceof Map<?, ?> map) {
            map.values().forEach(item -> collect(item, values, depth + 1));
        }
    }
}
