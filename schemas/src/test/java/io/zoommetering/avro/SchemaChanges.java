package io.zoommetering.avro;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.AvroTypeException;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/** Derives the next version of a schema, the way an engineer would edit an .avdl file. Nothing here mutates. */
final class SchemaChanges {

    /** The name of the field a derived version adds. */
    static final String ADDED_FIELD = "added_later";

    /** The symbol a derived enum version adds. */
    static final String ADDED_SYMBOL = "ADDED_LATER";

    private SchemaChanges() {}

    /** {@code union { null, string } added_later = null;} */
    static Schema.Field optionalFieldWithDefault() {
        Schema optionalString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        return new Schema.Field(ADDED_FIELD, optionalString, "Added in a later version.", JsonProperties.NULL_VALUE);
    }

    /** {@code string added_later;} with no default. */
    static Schema.Field requiredFieldWithoutDefault() {
        return new Schema.Field(ADDED_FIELD, Schema.create(Schema.Type.STRING), "Added in a later version.");
    }

    /** The record with one more field, appended last. */
    static Schema withAddedField(Schema record, Schema.Field added) {
        List<Schema.Field> fields = copyOfFields(record, Schema.Field::schema);
        fields.add(added);
        return recordLike(record, fields);
    }

    /** The record with the type of one field replaced. */
    static Schema withFieldType(Schema record, String fieldName, Schema newType) {
        if (record.getField(fieldName) == null) {
            throw new IllegalArgumentException(record.getFullName() + " has no field " + fieldName);
        }
        return recordLike(
                record, copyOfFields(record, field -> field.name().equals(fieldName) ? newType : field.schema()));
    }

    /**
     * A type no reader of {@code type} can read and no writer of it can be read by: boolean, or string for a
     * boolean field. Avro promotes numbers (int to long, float, double) and string to bytes, never to boolean.
     */
    static Schema incompatibleTypeFor(Schema type) {
        return type.getType() == Schema.Type.BOOLEAN
                ? Schema.create(Schema.Type.STRING)
                : Schema.create(Schema.Type.BOOLEAN);
    }

    /** The enum with one more symbol, keeping its default. */
    static Schema enumWithAddedSymbol(Schema enumSchema) {
        List<String> symbols = new ArrayList<>(enumSchema.getEnumSymbols());
        symbols.add(ADDED_SYMBOL);
        return enumLike(enumSchema, symbols, enumSchema.getEnumDefault());
    }

    /** The enum without one of its symbols, keeping its default. */
    static Schema enumWithoutSymbol(Schema enumSchema, String removed) {
        List<String> symbols = enumSchema.getEnumSymbols().stream()
                .filter(symbol -> !symbol.equals(removed))
                .collect(Collectors.toList());
        return enumLike(enumSchema, symbols, enumSchema.getEnumDefault());
    }

    /** The same enum, with no default symbol. */
    static Schema enumWithoutDefault(Schema enumSchema) {
        return enumLike(enumSchema, enumSchema.getEnumSymbols(), null);
    }

    /** The first symbol of the enum that is not its default: the one a test removes. */
    static String aSymbolOtherThanTheDefault(Schema enumSchema) {
        return enumSchema.getEnumSymbols().stream()
                .filter(symbol -> !symbol.equals(enumSchema.getEnumDefault()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(enumSchema.getFullName() + " has only its default"));
    }

    /** The enum a field's type is, directly or as a branch of a union; null when it has none. */
    static Schema enumOf(Schema fieldType) {
        if (fieldType.getType() == Schema.Type.ENUM) {
            return fieldType;
        }
        if (fieldType.getType() == Schema.Type.UNION) {
            return fieldType.getTypes().stream()
                    .filter(branch -> branch.getType() == Schema.Type.ENUM)
                    .findFirst()
                    .orElse(null);
        }
        return null;
    }

    /** The field type with its enum (itself, or its union branch of the same full name) replaced by another. */
    static Schema withEnumReplaced(Schema fieldType, Schema newEnum) {
        if (fieldType.getType() == Schema.Type.ENUM) {
            return newEnum;
        }
        return Schema.createUnion(fieldType.getTypes().stream()
                .map(branch -> branch.getType() == Schema.Type.ENUM
                                && branch.getFullName().equals(newEnum.getFullName())
                        ? newEnum
                        : branch)
                .collect(Collectors.toList()));
    }

    private static List<Schema.Field> copyOfFields(Schema record, Function<Schema.Field, Schema> typeOf) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            fields.add(copyOf(field, typeOf.apply(field)));
        }
        return fields;
    }

    /**
     * A Field belongs to one record, so it is copied: name, doc, default, order, aliases and props. A default the
     * new type cannot hold is dropped, as an engineer changing the type would have to.
     */
    private static Schema.Field copyOf(Schema.Field field, Schema type) {
        try {
            return new Schema.Field(field, type);
        } catch (AvroTypeException invalidDefault) {
            Schema.Field copy = new Schema.Field(field.name(), type, field.doc(), null, field.order());
            field.aliases().forEach(copy::addAlias);
            return copy;
        }
    }

    private static Schema recordLike(Schema record, List<Schema.Field> fields) {
        Schema next =
                Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), record.isError(), fields);
        record.getAliases().forEach(next::addAlias);
        return next;
    }

    private static Schema enumLike(Schema enumSchema, List<String> symbols, String defaultSymbol) {
        return Schema.createEnum(
                enumSchema.getName(), enumSchema.getDoc(), enumSchema.getNamespace(), symbols, defaultSymbol);
    }
}
