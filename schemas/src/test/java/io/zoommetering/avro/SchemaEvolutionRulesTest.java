package io.zoommetering.avro;

import static io.zoommetering.avro.ContractCompatibility.avro;
import static io.zoommetering.avro.ContractCompatibility.describe;
import static org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
import static org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.AvroTypeException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evolution rules of the contract, for every record and enum it has: an optional field with a default can be
 * added in both directions, a required field or a changed type cannot, and an enum symbol a producer adds decodes
 * to the enum's default instead of failing. "Backward" means the new schema reads data written with the old one;
 * "forward" means the old schema reads data written with the new one.
 */
class SchemaEvolutionRulesTest {

    private static final String DEFAULT_SYMBOL = "UNRECOGNIZED";

    static Stream<Arguments> records() {
        return Contract.records().values().stream().map(schema -> Arguments.of(schema.getFullName(), schema));
    }

    /** The enums of the public contract; the internal ones (of the processor's own topics) have no default. */
    static Stream<Arguments> enums() {
        return Contract.publicEnums().values().stream().map(schema -> Arguments.of(schema.getFullName(), schema));
    }

    /** Every field of every record whose type is an enum of the public contract, or a union with one. */
    static Stream<Arguments> enumFields() {
        return Contract.records().values().stream()
                .flatMap(record -> record.getFields().stream()
                        .filter(field -> SchemaChanges.enumOf(field.schema()) != null)
                        .filter(field -> Contract.publicEnums()
                                .containsKey(
                                        SchemaChanges.enumOf(field.schema()).getFullName()))
                        .map(field -> Arguments.of(record.getFullName() + "." + field.name(), record, field.name())));
    }

    @Test
    void shouldDiscoverTheRecordsAndEnumsOfEveryNamespaceOfTheContract() {
        // Given the generated classes on the test classpath
        // When the contract is discovered
        Set<String> namespaces = Stream.concat(Contract.records().values().stream(), Contract.enums().values().stream())
                .map(Schema::getNamespace)
                .collect(Collectors.toSet());

        // Then every namespace of the .avdl files and every input stream is covered
        assertThat(namespaces)
                .contains(
                        "io.zoommetering.avro.common",
                        "io.zoommetering.avro.usage",
                        "io.zoommetering.avro.support",
                        "io.zoommetering.avro.billing",
                        "io.zoommetering.avro.gold",
                        "io.zoommetering.avro.gold.dim",
                        "io.zoommetering.avro.gold.fact",
                        "io.zoommetering.avro.audit");
        assertThat(Contract.records())
                .containsKeys(Contract.INPUT_STREAMS.values().toArray(String[]::new));
        assertThat(Contract.enums())
                .containsKeys("io.zoommetering.avro.common.PlanType", "io.zoommetering.avro.usage.MeetingStatus");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void shouldStayBackwardAndForwardCompatibleWhenAnOptionalFieldWithADefaultIsAdded(String name, Schema current) {
        // Given the current version of the record
        // When the next version adds union { null, string } added_later = null
        Schema next = SchemaChanges.withAddedField(current, SchemaChanges.optionalFieldWithDefault());

        // Then each version reads the other's data
        SchemaPairCompatibility backward = avro(next, current);
        SchemaPairCompatibility forward = avro(current, next);
        assertThat(backward.getType()).as(describe(backward)).isEqualTo(COMPATIBLE);
        assertThat(forward.getType()).as(describe(forward)).isEqualTo(COMPATIBLE);

        // And a record written with the current version decodes with the next one, the new field taking its default
        Object old = AvroData.sample(current);
        GenericRecord readByNext = (GenericRecord) AvroData.decode(AvroData.encode(current, old), current, next);
        assertThat(readByNext.get(SchemaChanges.ADDED_FIELD)).isNull();

        // And a record written with the next version decodes with the current one, the new field skipped
        GenericRecord newer = (GenericRecord) AvroData.sample(next);
        newer.put(SchemaChanges.ADDED_FIELD, "a value the current reader skips");
        Object readByCurrent = AvroData.decode(AvroData.encode(next, newer), next, current);
        assertThat(readByCurrent).isEqualTo(AvroData.sample(current));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void shouldBreakBackwardCompatibilityWhenARequiredFieldWithoutDefaultIsAdded(String name, Schema current) {
        // Given the current version of the record
        // When the next version adds string added_later; with no default
        Schema next = SchemaChanges.withAddedField(current, SchemaChanges.requiredFieldWithoutDefault());

        // Then the next version cannot read data written with the current one
        SchemaPairCompatibility backward = avro(next, current);
        assertThat(backward.getType()).isEqualTo(INCOMPATIBLE);
        assertThat(backward.getResult().getIncompatibilities())
                .extracting(incompatibility -> incompatibility.getType())
                .containsExactly(SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE);

        // And decoding such data fails indeed
        byte[] written = AvroData.encode(current, AvroData.sample(current));
        assertThatThrownBy(() -> AvroData.decode(written, current, next))
                .isInstanceOf(AvroTypeException.class)
                .hasMessageContaining(SchemaChanges.ADDED_FIELD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void shouldBreakCompatibilityInBothDirectionsWhenTheTypeOfAnyFieldChanges(String name, Schema current) {
        // Given the current version of the record
        List<String> changesNotCaught = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            // When the next version changes the field to a type Avro cannot promote to or from
            Schema next = SchemaChanges.withFieldType(
                    current, field.name(), SchemaChanges.incompatibleTypeFor(field.schema()));

            // Then neither version reads the other's data
            if (avro(next, current).getType() != INCOMPATIBLE
                    || avro(current, next).getType() != INCOMPATIBLE) {
                changesNotCaught.add(field.name() + ": " + field.schema() + " -> "
                        + next.getField(field.name()).schema());
            }
        }
        assertThat(changesNotCaught).as("type changes Avro called compatible").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    void shouldGiveEveryEnumTheDefaultSymbolUnrecognized(String name, Schema current) {
        // Given an enum of the contract
        // When its default is read
        String defaultSymbol = current.getEnumDefault();

        // Then it is UNRECOGNIZED, one of its symbols, so that a symbol added by a producer still decodes
        assertThat(defaultSymbol).isEqualTo(DEFAULT_SYMBOL);
        assertThat(current.getEnumSymbols()).contains(DEFAULT_SYMBOL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    void shouldDecodeASymbolAddedByTheWriterAsTheDefaultSymbol(String name, Schema current) {
        // Given a writer whose version of the enum has one more symbol
        Schema writer = SchemaChanges.enumWithAddedSymbol(current);
        byte[] written = AvroData.encode(writer, new GenericData.EnumSymbol(writer, SchemaChanges.ADDED_SYMBOL));

        // When the current version reads it
        Object read = AvroData.decode(written, writer, current);

        // Then the new symbol decodes to the default, and Avro calls the change forward compatible
        assertThat(read).isEqualTo(new GenericData.EnumSymbol(current, DEFAULT_SYMBOL));
        SchemaPairCompatibility forward = avro(current, writer);
        assertThat(forward.getType()).as(describe(forward)).isEqualTo(COMPATIBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    void shouldFailToDecodeASymbolAddedByTheWriterWhenTheReaderHasNoDefault(String name, Schema current) {
        // Given a reader without the enum default, and a writer with one more symbol
        Schema readerWithoutDefault = SchemaChanges.enumWithoutDefault(current);
        Schema writer = SchemaChanges.enumWithAddedSymbol(current);
        byte[] written = AvroData.encode(writer, new GenericData.EnumSymbol(writer, SchemaChanges.ADDED_SYMBOL));

        // When the reader reads it
        // Then Avro calls it incompatible and decoding fails: the default is what makes adding symbols safe
        assertThat(avro(readerWithoutDefault, writer).getType()).isEqualTo(INCOMPATIBLE);
        assertThatThrownBy(() -> AvroData.decode(written, writer, readerWithoutDefault))
                .isInstanceOf(AvroTypeException.class)
                .hasMessageContaining(SchemaChanges.ADDED_SYMBOL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enumFields")
    void shouldDecodeARecordWhoseEnumFieldCarriesASymbolAddedByTheWriter(String name, Schema current, String field) {
        // Given a writer whose version of the record's enum has one more symbol, and a record that uses it
        Schema extendedEnum = SchemaChanges.enumWithAddedSymbol(
                SchemaChanges.enumOf(current.getField(field).schema()));
        Schema writer = SchemaChanges.withFieldType(
                current,
                field,
                SchemaChanges.withEnumReplaced(current.getField(field).schema(), extendedEnum));
        GenericRecord record = (GenericRecord) AvroData.sample(writer);
        record.put(field, new GenericData.EnumSymbol(extendedEnum, SchemaChanges.ADDED_SYMBOL));
        byte[] written = AvroData.encode(writer, record);

        // When the current version of the record reads it
        GenericRecord read = (GenericRecord) AvroData.decode(written, writer, current);

        // Then the field holds the default symbol, and the rest of the record is intact
        assertThat(read.get(field)).hasToString(DEFAULT_SYMBOL);
        GenericRecord expected = (GenericRecord) AvroData.sample(current);
        expected.put(
                field,
                new GenericData.EnumSymbol(
                        SchemaChanges.enumOf(current.getField(field).schema()), DEFAULT_SYMBOL));
        assertThat(read).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    void shouldCatchARemovedEnumSymbolThatAvroWouldSilentlyResolveToTheDefault(String name, Schema current) {
        // Given the current version of the enum
        String removed = SchemaChanges.aSymbolOtherThanTheDefault(current);

        // When the next version removes one of its symbols
        Schema next = SchemaChanges.enumWithoutSymbol(current, removed);

        // Then Avro lets it pass, because the reader's default absorbs the symbol
        assertThat(avro(next, current).getType()).isEqualTo(COMPATIBLE);
        // But the contract's rule catches it: data already written with that symbol would lose its meaning
        assertThat(ContractCompatibility.removedEnumSymbols(current, next))
                .containsExactly(current.getFullName() + "." + removed);
        // And without the default, Avro itself calls the removal incompatible
        assertThat(avro(SchemaChanges.enumWithoutDefault(next), current).getType())
                .isEqualTo(INCOMPATIBLE);
    }

    @Test
    void shouldCatchASymbolRemovedFromAnEnumInsideARecord() {
        // Given the current Meeting
        Schema current = Contract.record("io.zoommetering.avro.usage.Meeting");
        Schema status = SchemaChanges.enumOf(current.getField("status").schema());

        // When the next version drops ENDED from its status
        Schema next = SchemaChanges.withFieldType(current, "status", SchemaChanges.enumWithoutSymbol(status, "ENDED"));

        // Then the contract's rule names the symbol
        assertThat(ContractCompatibility.removedEnumSymbols(current, next))
                .containsExactly("io.zoommetering.avro.usage.MeetingStatus.ENDED");
    }

    static Stream<Arguments> logicalTypeChanges() {
        Schema decimal10x4 = LogicalTypes.decimal(10, 4).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema timestampMicros = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        Schema optionalTimestampMicros = Schema.createUnion(
                Schema.create(Schema.Type.NULL),
                LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)));
        Schema plainInt = Schema.create(Schema.Type.INT);
        return Stream.of(
                Arguments.of(
                        "io.zoommetering.avro.billing.BillingEvent",
                        "amount",
                        decimal10x4,
                        "io.zoommetering.avro.billing.BillingEvent.amount|bytes: decimal(10,2) -> decimal(10,4)"),
                Arguments.of(
                        "io.zoommetering.avro.usage.Meeting",
                        "start_time",
                        timestampMicros,
                        "io.zoommetering.avro.usage.Meeting.start_time|long: timestamp-millis -> timestamp-micros"),
                Arguments.of(
                        "io.zoommetering.avro.usage.User",
                        "event_time",
                        optionalTimestampMicros,
                        "io.zoommetering.avro.usage.User.event_time|long: timestamp-millis -> timestamp-micros"),
                Arguments.of(
                        "io.zoommetering.avro.usage.User",
                        "registration_date",
                        plainInt,
                        "io.zoommetering.avro.usage.User.registration_date|int: date -> no logical type"));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("logicalTypeChanges")
    void shouldCatchAChangedLogicalTypeThatAvroCallsCompatible(
            String record, String field, Schema newType, String expectedChange) {
        // Given the current version of the record
        Schema current = Contract.record(record);

        // When the next version keeps the field's underlying type but changes its logical type
        Schema next = SchemaChanges.withFieldType(current, field, newType);

        // Then Avro lets it pass in both directions, comparing underlying types only
        assertThat(avro(next, current).getType()).isEqualTo(COMPATIBLE);
        assertThat(avro(current, next).getType()).isEqualTo(COMPATIBLE);
        // But the contract's rule catches it: every value read would change its meaning
        assertThat(ContractCompatibility.changedLogicalTypes(current, next)).containsExactly(expectedChange);
    }
}
