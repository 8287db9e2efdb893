package io.zoommetering.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The input schemas are the contract producers code against: the records and every one of their fields say what
 * they hold, in the .avdl doc comments that become the schema's "doc".
 */
class InputSchemaDocumentationTest {

    static Stream<Arguments> inputRecords() {
        return Contract.inputRecords().values().stream().map(schema -> Arguments.of(schema.getFullName(), schema));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputRecords")
    void shouldDocumentTheInputRecordAndEveryOneOfItsFields(String name, Schema input) {
        // Given an input record of the contract
        // When its docs are read
        List<String> undocumentedFields = input.getFields().stream()
                .filter(field -> field.doc() == null || field.doc().isBlank())
                .map(Schema.Field::name)
                .collect(Collectors.toList());

        // Then the record and each field have one
        assertThat(input.getDoc()).as("doc of " + name).isNotBlank();
        assertThat(undocumentedFields)
                .as("fields of " + name + " without a doc")
                .isEmpty();
    }
}
