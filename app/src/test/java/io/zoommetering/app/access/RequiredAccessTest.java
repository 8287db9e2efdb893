package io.zoommetering.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.access.RequiredAccess.Grant;
import io.zoommetering.app.ops.Repository;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class RequiredAccessTest {

    private static final TopicCatalog TOPICS =
            new TopicCatalog(new MeteringConfig(Map.of()), RegistryAvroSerdes.of(new InMemorySchemaRegistry()));

    @Test
    void shouldBeWhatDocsSecurityListsForTheDefaultNames() throws Exception {
        // The SecurityIT grants exactly this list and nothing else; the operators' copy in docs/SECURITY.md must be
        // the same list, row by row.
        String doc = Files.readString(Repository.root().resolve("docs/SECURITY.md"), StandardCharsets.UTF_8);
        String section = doc.substring(doc.indexOf("## The ACLs the processor needs"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        List<String> documented = section.lines()
                .filter(line -> line.startsWith("| `"))
                .map(String::strip)
                .toList();
        List<String> expected = RequiredAccess.of(TOPICS, "zoom-metering", false).stream()
                .map(RequiredAccessTest::row)
                .toList();

        assertThat(documented)
                .as("the ACL table of docs/SECURITY.md; expected:%n%s", String.join("\n", expected))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void shouldAddCreateOnTheTopicsItCreatesOnlyWhenItCreatesThem() {
        List<Grant> creating = RequiredAccess.of(TOPICS, "app", true);
        List<Grant> notCreating = RequiredAccess.of(TOPICS, "app", false);

        assertThat(creating).hasSameSizeAs(notCreating);
        assertThat(creating.stream()
                        .filter(grant -> grant.resource().patternType() == PatternType.LITERAL
                                && grant.resource().resourceType() == ResourceType.TOPIC))
                .allSatisfy(grant -> assertThat(grant.operations()).contains(AclOperation.CREATE));
        assertThat(notCreating.stream()
                        .filter(grant -> grant.resource().patternType() == PatternType.LITERAL)
                        .flatMap(grant -> grant.operations().stream()))
                .doesNotContain(AclOperation.CREATE);
        assertThat(RequiredAccess.aclsFor(notCreating, "User:m"))
                .hasSize(notCreating.stream()
                        .mapToInt(grant -> grant.operations().size())
                        .sum());
    }

    private static String row(Grant grant) {
        return "| `" + grant.resource().name() + "` | "
                + grant.resource().resourceType().name().toLowerCase(java.util.Locale.ROOT) + " | "
                + grant.resource().patternType().name().toLowerCase(java.util.Locale.ROOT) + " | "
                + grant.operations().stream().sorted().map(AclOperation::name).collect(Collectors.joining(", "))
                + " | " + grant.purpose() + " |";
    }
}
