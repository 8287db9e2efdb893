package io.zoommetering.app.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.output.GoldOutput;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The OpenAPI 3.1 description of the query API, built from the outputs' Avro schemas, so it cannot drift from what
 * {@link AvroJson} answers: one path per queryable output, its key fields as query parameters, and every key and
 * value record as a JSON Schema with the contract's field names and documentation.
 */
final class OpenApiDocument {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String REF = "#/components/schemas/";
    static final String DECIMAL = "^-?[0-9]+(\\.[0-9]+)?$";
    static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    static final String INSTANT = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?Z$";

    private final ObjectNode schemas = JSON.objectNode();

    private OpenApiDocument() {}

    static ObjectNode build(List<GoldOutput> outputs, TopicCatalog topics) {
        return new OpenApiDocument().document(outputs, topics);
    }

    /** The name of the schema of an output's answer in {@code components.schemas}. */
    static String rowsSchema(String output) {
        StringBuilder name = new StringBuilder();
        for (String part : output.split("[-.]")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.append("Rows").toString();
    }

    private ObjectNode document(List<GoldOutput> outputs, TopicCatalog topics) {
        ObjectNode doc = JSON.objectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info")
                .put("title", "zoom-metering query API")
                .put("version", "1")
                .put(
                        "description",
                        "Current rows of the gold outputs, from the processor's state stores. Decimals are exact"
                                + " decimal strings; dates ISO-8601. 503 while a store restores or the group"
                                + " rebalances.");
        ObjectNode paths = doc.putObject("paths");
        paths.set(
                QueryApi.OUTPUTS, get("The gold outputs, and whether each is queryable", ref("OutputList"), List.of()));
        for (GoldOutput output : outputs) {
            if (RowSource.of(output).isEmpty()) {
                continue;
            }
            Schema key = SpecificData.get().getSchema(output.table().keyType());
            Schema value = SpecificData.get().getSchema(output.table().valueType());
            ObjectNode rows = schemas.putObject(rowsSchema(output.name()));
            rows.put("type", "object");
            ArrayNode required = rows.putArray("required");
            List.of("output", "rows", "total", "offset", "limit", "next_offset").forEach(required::add);
            ObjectNode properties = rows.putObject("properties");
            properties.putObject("output").put("const", output.name());
            ObjectNode row = properties.putObject("rows").put("type", "array").putObject("items");
            row.put("type", "object").put("additionalProperties", false);
            row.putArray("required").add("key").add("value");
            row.putObject("properties").set("key", schemaOf(key));
            ((ObjectNode) row.get("properties")).set("value", schemaOf(value));
            properties.putObject("total").put("type", "integer").put("minimum", 0);
            properties.putObject("offset").put("type", "integer").put("minimum", 0);
            properties.putObject("limit").put("type", "integer").put("minimum", 0);
            properties.putObject("next_offset").putArray("type").add("integer").add("null");
            properties
                    .putObject("partitions")
                    .put("type", "array")
                    .put("description", "The partitions a local=true answer covers")
                    .putObject("items")
                    .put("type", "integer");
            rows.put("additionalProperties", false);
            paths.set(
                    QueryApi.OUTPUTS + "/" + output.name(),
                    get(
                            "Current rows of " + topics.output(output.name()).name() + ", sorted by key"
                                    + RowSource.of(output)
                                            .flatMap(RowSource::note)
                                            .map(note -> ": " + note)
                                            .orElse(""),
                            ref(rowsSchema(output.name())),
                            parameters(key)));
        }
        // Any other name: an entity output (501) or no output (404); the paths above describe each output's rows.
        ObjectNode anyRows = JSON.objectNode().put("type", "object");
        anyRows.putObject("properties").putObject("rows").put("type", "array");
        ObjectNode anyOutput = get("Current rows of an output: see its own path for their fields", anyRows, List.of());
        ObjectNode name =
                JSON.objectNode().put("name", "name").put("in", "path").put("required", true);
        name.set("schema", string());
        ((ObjectNode) anyOutput.get("get")).putArray("parameters").add(name);
        paths.set(QueryApi.OUTPUTS + "/{name}", anyOutput);
        paths.set(
                QueryApi.ERRORS,
                get(
                        "Error records by stream and type, counted since each instance started",
                        ref("ErrorCounts"),
                        List.of()));
        paths.set(QueryApi.OPENAPI, get("This description", JSON.objectNode().put("type", "object"), List.of()));
        schemas.set("Error", object().set("properties", JSON.objectNode().set("error", string())));
        ((ObjectNode) schemas.get("Error")).putArray("required").add("error");
        schemas.set("OutputList", outputList());
        schemas.set("ErrorCounts", errorCounts());
        doc.putObject("components").set("schemas", schemas);
        return doc;
    }

    private static ObjectNode get(String summary, ObjectNode schema, List<ObjectNode> parameters) {
        ObjectNode path = JSON.objectNode();
        ObjectNode operation = path.putObject("get").put("summary", summary);
        if (!parameters.isEmpty()) {
            operation.putArray("parameters").addAll(parameters);
        }
        ObjectNode responses = operation.putObject("responses");
        responses
                .putObject("200")
                .put("description", "OK")
                .putObject("content")
                .putObject("application/json")
                .set("schema", schema);
        for (String status : List.of("400", "404", "500", "501", "503")) {
            responses
                    .putObject(status)
                    .put(
                            "description",
                            switch (status) {
                                case "400" -> "A parameter is not a key field or does not parse";
                                case "404" -> "No such output";
                                case "500" -> "An internal error, logged by the instance";
                                case "501" -> "The output is not kept in a queryable store";
                                default -> "A store is restoring or the group is rebalancing; retry";
                            })
                    .putObject("content")
                    .putObject("application/json")
                    .set("schema", ref("Error"));
        }
        return path;
    }

    private List<ObjectNode> parameters(Schema key) {
        List<ObjectNode> parameters = new java.util.ArrayList<>();
        for (Schema.Field field : key.getFields()) {
            ObjectNode parameter = JSON.objectNode().put("name", field.name()).put("in", "query");
            if (field.doc() != null) {
                parameter.put("description", field.doc());
            }
            parameter.set("schema", schemaOf(field.schema()));
            parameters.add(parameter);
        }
        parameters.add(query("from", "First day a key's period must overlap", string().put("pattern", DATE)));
        parameters.add(query("to", "Last day a key's period must overlap", string().put("pattern", DATE)));
        parameters.add(query(
                "limit",
                "Rows per page",
                JSON.objectNode()
                        .put("type", "integer")
                        .put("minimum", 1)
                        .put("maximum", QueryApi.MAX_LIMIT)
                        .put("default", QueryApi.DEFAULT_LIMIT)));
        parameters.add(query(
                "offset",
                "Rows to skip",
                JSON.objectNode().put("type", "integer").put("minimum", 0)));
        return parameters;
    }

    private static ObjectNode query(String name, String description, ObjectNode schema) {
        ObjectNode parameter =
                JSON.objectNode().put("name", name).put("in", "query").put("description", description);
        parameter.set("schema", schema);
        return parameter;
    }

    /** The JSON Schema of what {@link AvroJson} makes of a value of this Avro schema. */
    private ObjectNode schemaOf(Schema schema) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal) {
            return string().put("pattern", DECIMAL).put("description", "An exact decimal");
        }
        if (schema.getLogicalType() instanceof LogicalTypes.Date) {
            return string().put("format", "date").put("pattern", DATE);
        }
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return string().put("format", "date-time").put("pattern", INSTANT);
        }
        return switch (schema.getType()) {
            case RECORD -> {
                if (!schemas.has(schema.getName())) {
                    ObjectNode record = object();
                    schemas.set(schema.getName(), record);
                    if (schema.getDoc() != null) {
                        record.put("description", schema.getDoc());
                    }
                    ObjectNode properties = record.putObject("properties");
                    ArrayNode required = record.putArray("required");
                    for (Schema.Field field : schema.getFields()) {
                        ObjectNode property = schemaOf(field.schema());
                        if (field.doc() != null) {
                            property = JSON.objectNode().put("description", field.doc());
                            property.putArray("allOf").add(schemaOf(field.schema()));
                        }
                        properties.set(field.name(), property);
                        required.add(field.name());
                    }
                }
                yield ref(schema.getName());
            }
            case UNION -> {
                ObjectNode union = JSON.objectNode();
                ArrayNode anyOf = union.putArray("anyOf");
                schema.getTypes().forEach(type -> anyOf.add(schemaOf(type)));
                yield union;
            }
            case NULL -> JSON.objectNode().put("type", "null");
            case STRING -> string();
            case ENUM -> {
                ObjectNode symbols = string();
                ArrayNode list = symbols.putArray("enum");
                schema.getEnumSymbols().forEach(list::add);
                yield symbols;
            }
            case INT, LONG -> JSON.objectNode().put("type", "integer");
            case FLOAT, DOUBLE -> JSON.objectNode().put("type", "number");
            case BOOLEAN -> JSON.objectNode().put("type", "boolean");
            case BYTES, FIXED -> string().put("contentEncoding", "base64");
            case ARRAY -> {
                ObjectNode array = JSON.objectNode().put("type", "array");
                array.set("items", schemaOf(schema.getElementType()));
                yield array;
            }
            case MAP -> {
                ObjectNode map = JSON.objectNode().put("type", "object");
                map.set("additionalProperties", schemaOf(schema.getValueType()));
                yield map;
            }
        };
    }

    private static ObjectNode outputList() {
        ObjectNode entry = object();
        ObjectNode properties = entry.putObject("properties");
        properties.set("name", string());
        properties.set("topic", string());
        properties.putObject("key_fields").put("type", "array").set("items", string());
        properties.putObject("queryable").put("type", "boolean");
        properties.set("reason", string());
        properties.set("note", string());
        entry.putArray("required").add("name").add("topic").add("key_fields").add("queryable");
        ObjectNode list = object();
        list.putObject("properties").putObject("outputs").put("type", "array").set("items", entry);
        list.putArray("required").add("outputs");
        return list;
    }

    private static ObjectNode errorCounts() {
        ObjectNode key = object();
        key.putObject("properties").set("stream", string());
        ((ObjectNode) key.get("properties")).set("error_type", string());
        key.putArray("required").add("stream").add("error_type");
        ObjectNode value = object();
        value.putObject("properties")
                .putObject("error_count")
                .put("type", "integer")
                .put("minimum", 0);
        value.putArray("required").add("error_count");
        ObjectNode row = object();
        row.putObject("properties").set("key", key);
        ((ObjectNode) row.get("properties")).set("value", value);
        row.putArray("required").add("key").add("value");
        ObjectNode counts = object();
        counts.putObject("properties").putObject("rows").put("type", "array").set("items", row);
        counts.putArray("required").add("rows");
        return counts;
    }

    private static ObjectNode object() {
        return JSON.objectNode().put("type", "object").put("additionalProperties", false);
    }

    private static ObjectNode string() {
        return JSON.objectNode().put("type", "string");
    }

    private static ObjectNode ref(String name) {
        return JSON.objectNode().put("$ref", REF + name);
    }
}
