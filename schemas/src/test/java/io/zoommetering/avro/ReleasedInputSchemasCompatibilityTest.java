package io.zoommetering.avro;

import static io.zoommetering.avro.ContractCompatibility.avro;
import static io.zoommetering.avro.ContractCompatibility.describe;
import static org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
import static org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input schema against the copy of its last released version in src/test/resources/released: producers and
 * consumers upgrade one at a time, so the current version must read data written with the released one (backward)
 * and the released one must read data written with the current one (forward). An incompatible change fails here.
 */
class ReleasedInputSchemasCompatibilityTest {

    private static final String RELEASED_FOLDER = "released";

    /** The released copies, by file name ("User.avsc"), each parsed on its own as a registry would. */
    static Map<String, Schema> releasedCopies() {
        URL folder =
                ReleasedInputSchemasCompatibilityTest.class.getClassLoader().getResource(RELEASED_FOLDER);
        assertThat(folder)
                .as("the folder of released schemas on the test classpath")
                .isNotNull();
        Map<String, Schema> copies = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            files.filter(file -> file.getFileName().toString().endsWith(".avsc"))
                    .forEach(file -> {
                        try {
                            copies.put(file.getFileName().toString(), new Schema.Parser().parse(file.toFile()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return copies;
    }

    static Stream<Arguments> released() {
        return releasedCopies().entrySet().stream().map(copy -> Arguments.of(copy.getKey(), copy.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("released")
    void shouldReadDataWrittenWithTheReleasedSchema(String file, Schema released) {
        // Given the released version and the current one of the same record
        Schema current = Contract.record(released.getFullName());

        // When the current version is the reader of data the released version wrote
        SchemaPairCompatibility backward = avro(current, released);

        // Then Avro resolves every field
        assertThat(backward.getType()).as(describe(backward)).isEqualTo(COMPATIBLE);
        // And a record written with the released version decodes
        byte[] written = AvroData.encode(released, AvroData.sample(released));
        assertThat(AvroData.decode(written, released, current)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("released")
    void shouldWriteDataTheReleasedSchemaCanRead(String file, Schema released) {
        // Given the released version and the current one of the same record
        Schema current = Contract.record(released.getFullName());

        // When the released version is the reader of data the current version writes
        SchemaPairCompatibility forward = avro(released, current);

        // Then Avro resolves every field
        assertThat(forward.getType()).as(describe(forward)).isEqualTo(COMPATIBLE);
        // And a record written with the current version decodes
        byte[] written = AvroData.encode(current, AvroData.sample(current));
        assertThat(AvroData.decode(written, current, released)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("released")
    void shouldKeepEveryEnumSymbolOfTheReleasedSchema(String file, Schema released) {
        // Given the released version and the current one of the same record
        Schema current = Contract.record(released.getFullName());

        // When their enums are compared
        // Then no released symbol is gone: Avro would silently turn it into UNRECOGNIZED
        assertThat(ContractCompatibility.removedEnumSymbols(released, current)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("released")
    void shouldKeepTheLogicalTypeOfEveryReleasedField(String file, Schema released) {
        // Given the released version and the current one of the same record
        Schema current = Contract.record(released.getFullName());

        // When their logical types are compared
        // Then none changed: Avro would read a decimal of another scale or a timestamp of another unit as compatible
        assertThat(ContractCompatibility.changedLogicalTypes(released, current)).isEmpty();
    }

    @Test
    void shouldDiscoverExactlyTheTenInputStreamsOfTheSpec() {
        // Given the records of the input namespaces (usage, support, billing)
        // When they are compared with the input streams of SPEC section 1
        // Then they are the same: a new input stream is added to Contract.INPUT_STREAMS and gets a released copy
        assertThat(Contract.INPUT_STREAMS).hasSize(10);
        assertThat(Contract.inputRecords().keySet())
                .containsExactlyInAnyOrderElementsOf(Contract.INPUT_STREAMS.values());
    }

    @Test
    void shouldKeepAReleasedCopyOfEveryInputStream() {
        // Given the released copies
        Map<String, Schema> copies = releasedCopies();

        // When each input record is looked up among them by file name
        // Then every input has its copy, under its own full name
        Contract.inputRecords().values().forEach(input -> {
            String file = input.getName() + ".avsc";
            assertThat(copies).as("a released copy of " + input.getFullName()).containsKey(file);
            assertThat(copies.get(file).getFullName()).isEqualTo(input.getFullName());
        });
    }

    @Test
    void shouldKeepReleasedCopiesOfInputStreamsOnly() {
        // Given the released copies
        // When their full names are compared with the input records
        Stream<String> released = releasedCopies().values().stream().map(Schema::getFullName);

        // Then there is exactly one copy per input record, and nothing else
        assertThat(released)
                .containsExactlyInAnyOrderElementsOf(Contract.inputRecords().keySet());
    }

    @Test
    void shouldFailWhenAnInputIsChangedIncompatiblyWithItsReleasedCopy() {
        // Given the released copy of the meetings stream
        Schema released = releasedCopies().get("Meeting.avsc");

        // When a next version adds a required field, changes a type and drops an enum symbol
        Schema next = SchemaChanges.withAddedField(
                Contract.record(released.getFullName()), SchemaChanges.requiredFieldWithoutDefault());
        next = SchemaChanges.withFieldType(next, "participant_count", Schema.create(Schema.Type.STRING));
        next = SchemaChanges.withFieldType(
                next,
                "status",
                SchemaChanges.enumWithoutSymbol(next.getField("status").schema(), "ENDED"));

        // Then the checks above would fail the build: each change is caught
        assertThat(avro(next, released).getType()).isEqualTo(INCOMPATIBLE);
        assertThat(avro(released, next).getType()).isEqualTo(INCOMPATIBLE);
        assertThat(ContractCompatibility.removedEnumSymbols(released, next))
                .contains("io.zoommetering.avro.usage.MeetingStatus.ENDED");
    }
}
