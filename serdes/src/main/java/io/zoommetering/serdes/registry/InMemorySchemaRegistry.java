package io.zoommetering.serdes.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * A Schema Registry in memory, for tests and the embedded mode, with Confluent's semantics: ids are global and
 * start at 1, registering a schema a subject already holds returns its id, and lookups of unknown schemas, subjects
 * or ids fail with {@link SchemaNotFoundException} and Confluent's error codes. It does not check compatibility.
 *
 * <p>Like Confluent's {@code mock://} URLs, registries live in named scopes: every serde configured with
 * {@code schema.registry.url=mock://<scope>} gets {@link #forScope(String) the registry of that scope}, so a
 * producer and a consumer in one JVM see the same ids. {@link #dropScope(String)} forgets a scope (between tests).
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private static final ConcurrentMap<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final Map<Schema, Integer> ids = new HashMap<>();
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();

    /** A registry of its own, shared with nobody. */
    public InMemorySchemaRegistry() {}

    /** The registry of a scope, created on first use. */
    public static InMemorySchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    /** Forgets a scope: the next {@link #forScope(String)} starts an empty registry. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = ids.computeIfAbsent(schema, s -> ids.size() + 1);
        schemas.putIfAbsent(id, schema);
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaNotFoundException("Subject '" + subject + "' not found.", 40401);
        }
        Integer id = ids.get(schema);
        if (id == null || !versions.contains(id)) {
            throw new SchemaNotFoundException("Schema not found under subject '" + subject + "'", 40403);
        }
        return id;
    }

    /** The subjects registered so far, in registration order of their first schema. */
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    /**
     * The ids of a subject's schemas in the order they were registered there: version n is element n - 1.
     *
     * @throws SchemaNotFoundException (40401) when the subject does not exist
     */
    public synchronized List<Integer> versions(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaNotFoundException("Subject '" + subject + "' not found.", 40401);
        }
        return List.copyOf(versions);
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemas.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("Schema " + id + " not found", 40403);
        }
        return schema;
    }
}
