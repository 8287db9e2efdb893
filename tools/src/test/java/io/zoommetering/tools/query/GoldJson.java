package io.zoommetering.tools.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Gold rows of the API and of the batch reference in one comparable form: field name to the field's text. */
final class GoldJson {

    private static final Set<String> LINEAGE = Set.of("load_date", "update_date", "source_system");

    private GoldJson() {}

    /** The API's rows as key fields to value fields without lineage. */
    static Map<Map<String, String>, Map<String, String>> ofApi(JsonNode rows) {
        Map<Map<String, String>, Map<String, String>> table = new HashMap<>();
        rows.forEach(row -> table.put(fields(row.get("key")), fields(row.get("value"))));
        return table;
    }

    /** The reference's table ({@code GoldReference.table}) in the same form. */
    static Map<Map<String, String>, Map<String, String>> ofReference(Map<SpecificRecord, Map<String, Object>> rows) {
        Map<Map<String, String>, Map<String, String>> table = new HashMap<>();
        rows.forEach((key, value) -> {
            Map<String, String> keyFields = new HashMap<>();
            for (Schema.Field field : key.getSchema().getFields()) {
                keyFields.put(field.name(), text(key.get(field.pos())));
            }
            Map<String, String> valueFields = new HashMap<>();
            value.forEach((name, field) -> valueFields.put(name, text(field)));
            table.put(keyFields, valueFields);
        });
        return table;
    }

    static Map<String, String> fields(JsonNode record) {
        Map<String, String> fields = new HashMap<>();
        record.fields().forEachRemaining(field -> {
            if (!LINEAGE.contains(field.getKey())) {
                fields.put(
                        field.getKey(),
                        field.getValue().isNull() ? "null" : field.getValue().asText());
            }
        });
        return fields;
    }

    private static String text(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }
}
