package io.zoommetering.avro;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Compatibility of two versions of a schema: Avro's own verdict, plus the two changes Avro calls compatible that
 * would still corrupt what the processor reads.
 * <ul>
 * <li>A removed enum symbol: every enum of the contract has a default, so Avro resolves a symbol the reader lacks
 * to UNRECOGNIZED and raises nothing; records already written with it would turn into VALIDATION errors.</li>
 * <li>A changed logical type: Avro compares only the underlying type, so decimal(10,2) to decimal(10,4) or
 * timestamp-millis to timestamp-micros is "compatible" while every value read changes its meaning.</li>
 * </ul>
 */
final class ContractCompatibility {

    private ContractCompatibility() {}

    /** Avro's verdict on whether {@code reader} can read data written with {@code writer}. */
    static SchemaPairCompatibility avro(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    }

    /** Avro's incompatibilities, one line each, for an assertion message. */
    static String describe(SchemaPairCompatibility compatibility) {
        return compatibility.getResult().getIncompatibilities().stream()
                .map(incompatibility -> incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                        + incompatibility.getMessage())
                .collect(Collectors.joining("\n", compatibility.getType() + "\n", ""));
    }

    /** The enum symbols of {@code released} that {@code current} no longer has, as "enum full name.SYMBOL". */
    static List<String> removedEnumSymbols(Schema released, Schema current) {
        Map<String, Schema> currentEnums = enumsIn(current);
        List<String> removed = new ArrayList<>();
        enumsIn(released).forEach((fullName, releasedEnum) -> {
            Schema currentEnum = currentEnums.get(fullName);
            if (currentEnum != null) {
                releasedEnum.getEnumSymbols().stream()
                        .filter(symbol -> !currentEnum.getEnumSymbols().contains(symbol))
                        .forEach(symbol -> removed.add(fullName + "." + symbol));
            }
        });
        return removed;
    }

    /**
     * The values whose logical type differs between the two versions, as "where: released -> current". A value is
     * named by its record's full name, its field and its path inside the field's type.
     */
    static List<String> changedLogicalTypes(Schema released, Schema current) {
        Map<String, String> currentTypes = logicalTypesIn(current);
        List<String> changed = new ArrayList<>();
        logicalTypesIn(released).forEach((where, releasedType) -> {
            String currentType = currentTypes.get(where);
            if (currentType != null && !currentType.equals(releasedType)) {
                changed.add(where + ": " + releasedType + " -> " + currentType);
            }
        });
        return changed;
    }

    private static Map<String, Schema> enumsIn(Schema schema) {
        Map<String, Schema> enums = new TreeMap<>();
        visit(schema, "", new HashSet<>(), (where, leaf) -> {
            if (leaf.getType() == Schema.Type.ENUM) {
                enums.put(leaf.getFullName(), leaf);
            }
        });
        return enums;
    }

    private static Map<String, String> logicalTypesIn(Schema schema) {
        Map<String, String> types = new TreeMap<>();
        visit(schema, "", new HashSet<>(), (where, leaf) -> types.put(where, describe(leaf.getLogicalType())));
        return types;
    }

    private static String describe(LogicalType logicalType) {
        if (logicalType == null) {
            return "no logical type";
        }
        if (logicalType instanceof LogicalTypes.Decimal) {
            LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) logicalType;
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        return logicalType.getName();
    }

    private interface LeafVisitor {
        void leaf(String where, Schema leaf);
    }

    /**
     * Calls back every leaf type (primitive, enum, fixed) with where it is: "record.field|type", with [] for array
     * items and {} for map values, so that a field moved into or out of a union keeps its name.
     */
    private static void visit(Schema schema, String where, Set<String> visitedRecords, LeafVisitor visitor) {
        switch (schema.getType()) {
            case RECORD:
                if (visitedRecords.add(schema.getFullName())) {
                    for (Schema.Field field : schema.getFields()) {
                        visit(field.schema(), schema.getFullName() + "." + field.name(), visitedRecords, visitor);
                    }
                }
                break;
            case UNION:
                schema.getTypes().forEach(branch -> visit(branch, where, visitedRecords, visitor));
                break;
            case ARRAY:
                visit(schema.getElementType(), where + "[]", visitedRecords, visitor);
                break;
            case MAP:
                visit(schema.getValueType(), where + "{}", visitedRecords, visitor);
                break;
            case ENUM:
            case FIXED:
                visitor.leaf(where + "|" + schema.getFullName(), schema);
                break;
            default:
                visitor.leaf(where + "|" + schema.getType().getName(), schema);
        }
    }
}
