package io.zoommetering.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The public contract (every namespace under {@code io.zoommetering.avro} but the internal one) is what producers,
 * sinks and dashboards read: each record, each of its fields and each enum says what it holds, in the .avdl doc
 * comments that become the schema's "doc". Enum symbols cannot carry a doc in IDL, so the enum's own doc explains
 * them. Each test lists every offender at once, so one run shows all that is missing.
 */
class ContractDocumentationTest {

    @Test
    void shouldCoverTheInputsAndTheGoldOutputsOfThePublicContract() {
        // Given the public contract as generated
        // When the namespaces of its records are read
        Set<String> namespaces = Contract.publicRecords().values().stream()
                .map(Schema::getNamespace)
                .collect(Collectors.toSet());

        // Then the inputs, aggregates, dimensions, facts and audit are all there, and nothing internal is
        assertThat(namespaces)
                .containsAll(Contract.INPUT_NAMESPACES)
                .contains(
                        "io.zoommetering.avro.gold",
                        "io.zoommetering.avro.gold.dim",
                        "io.zoommetering.avro.gold.fact",
                        "io.zoommetering.avro.audit")
                .doesNotContain(Contract.INTERNAL_NAMESPACE);
    }

    @Test
    void shouldDocumentEveryPublicRecordAndEveryOneOfItsFields() {
        // Given every record of the public contract
        Map<String, Schema> records = Contract.publicRecords();

        // When the records and fields without a doc are collected
        List<String> undocumented = new ArrayList<>();
        records.forEach((name, record) -> {
            if (isBlank(record.getDoc())) {
                undocumented.add("record " + name);
            }
            record.getFields().stream()
                    .filter(field -> isBlank(field.doc()))
                    .forEach(field -> undocumented.add("field " + name + "." + field.name()));
        });

        // Then there are none
        assertThat(undocumented)
                .withFailMessage(
                        "%d records or fields of the public contract have no doc "
                                + "(add a /** ... */ comment right before each in its .avdl file):%n  %s",
                        undocumented.size(), String.join(System.lineSeparator() + "  ", undocumented))
                .isEmpty();
    }

    @Test
    void shouldDocumentEveryPublicEnum() {
        // Given every enum of the public contract
        // When the enums without a doc are collected
        List<String> undocumented = Contract.publicEnums().entrySet().stream()
                .filter(entry -> isBlank(entry.getValue().getDoc()))
                .map(entry -> "enum " + entry.getKey())
                .collect(Collectors.toList());

        // Then there are none
        assertThat(undocumented)
                .withFailMessage(
                        "%d enums of the public contract have no doc "
                                + "(document the enum, and its symbols, in the comment before the enum):%n  %s",
                        undocumented.size(), String.join(System.lineSeparator() + "  ", undocumented))
                .isEmpty();
    }

    private static boolean isBlank(String doc) {
        return doc == null || doc.isBlank();
    }
}
