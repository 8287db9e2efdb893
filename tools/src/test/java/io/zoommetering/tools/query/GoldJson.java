package io.zoommetering.tools.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.zoommetering.app.query.AvroJson;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
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
                JsonNode value = field.getValue();
                fields.put(
                        field.getKey(),
                        value.isNull() ? "null" : value.isContainerNode() ? value.toString() : value.asText());
            }
        });
        return fields;
    }

    /** A field's text; a list of records (churn-risk's reasons) as the API's JSON of it. */
    private static String text(Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(IndexedRecord.class::isInstance)) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            list.forEach(item -> array.add(AvroJson.of((IndexedRecord) item)));
            return array.toString();
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }
}
