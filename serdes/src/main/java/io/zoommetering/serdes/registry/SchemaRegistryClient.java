package io.zoommetering.serdes.registry;

import org.apache.avro.Schema;

/**
 * The three Schema Registry operations an Avro serde needs, with Confluent's semantics.
 *
 * <p>Ids are global: the same schema registered under two subjects has one id. Implementations are thread-safe and
 * cache both directions (subject and schema to id, id to schema), so that a serde's hot path makes no remote call
 * once warmed up. Failures are unchecked {@link SchemaRegistryException}s: {@link SchemaNotFoundException} when the
 * registry answered that it does not know the schema, id or subject, {@link SchemaRegistryUnavailableException} when
 * it could not be reached or kept failing.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}), or finds it if it is
     * already registered there.
     *
     * @return the schema's global id
     */
    int register(String subject, Schema schema);

    /**
     * Looks up the id of a schema already registered under {@code subject} ({@code POST /subjects/{subject}}), the
     * call a Confluent serializer makes when {@code auto.register.schemas=false}.
     *
     * @return the schema's global id
     * @throws SchemaNotFoundException when the subject does not exist or does not hold the schema
     */
    int getId(String subject, Schema schema);

    /**
     * The schema with a global id ({@code GET /schemas/ids/{id}}): the writer schema of a framed record.
     *
     * @throws SchemaNotFoundException when no schema has that id
     */
    Schema getById(int id);
}
