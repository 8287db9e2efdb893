package io.zoommetering.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The demo's in-memory Schema Registry, made to survive a restart on the same data directory: every registration
 * is appended to a journal file, and replayed in order into a fresh registry on the next start, so that every
 * schema gets its old id back and the records already in the embedded broker's topics still decode.
 */
public final class JournaledRegistry implements SchemaRegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryClient registry;
    private final Path journal;
    private final Set<Registration> journaled = new HashSet<>();

    private record Registration(String subject, Schema schema) {}

    private JournaledRegistry(SchemaRegistryClient registry, Path journal) {
        this.registry = registry;
        this.journal = journal;
    }

    /** Replays {@code journal} (if it exists) into {@code registry}, which must be empty, and journals from now on. */
    public static JournaledRegistry open(SchemaRegistryClient registry, Path journal) {
        JournaledRegistry journaled = new JournaledRegistry(registry, journal);
        if (Files.exists(journal)) {
            try {
                List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
                for (String line : lines) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode entry = JSON.readTree(line);
                    String subject = entry.get("subject").asText();
                    Schema schema = new Schema.Parser()
                            .setValidateDefaults(false)
                            .parse(entry.get("schema").asText());
                    registry.register(subject, schema);
                    journaled.journaled.add(new Registration(subject, schema));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the schema journal " + journal, e);
            }
        }
        return journaled;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = registry.register(subject, schema);
        if (journaled.add(new Registration(subject, schema))) {
            try (BufferedWriter out = Files.newBufferedWriter(
                    journal, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write(JSON.writeValueAsString(Map.of("subject", subject, "schema", schema.toString())));
                out.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the schema journal " + journal, e);
            }
        }
        return id;
    }

    @Override
    public int getId(String subject, Schema schema) {
        return registry.getId(subject, schema);
    }

    @Override
    public Schema getById(int id) {
        return registry.getById(id);
    }
}
