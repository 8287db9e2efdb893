package io.zoommetering.serdes;

import io.zoommetering.serdes.registry.SchemaNotFoundException;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import org.apache.avro.Schema;

/** A registry holding one schema under a chosen id, for byte fixtures written with that id. */
final class FixedIdRegistry implements SchemaRegistryClient {

    private final int id;
    private final Schema schema;

    FixedIdRegistry(int id, Schema schema) {
        this.id = id;
        this.schema = schema;
    }

    @Override
    public int register(String subject, Schema schema) {
        return getId(subject, schema);
    }

    @Override
    public int getId(String subject, Schema schema) {
        if (!this.schema.equals(schema)) {
            throw new SchemaNotFoundException("Schema not found", 40403);
        }
        return id;
    }

    @Override
    public Schema getById(int id) {
        if (id != this.id) {
            throw new SchemaNotFoundException("Schema " + id + " not found", 40403);
        }
        return schema;
    }
}
