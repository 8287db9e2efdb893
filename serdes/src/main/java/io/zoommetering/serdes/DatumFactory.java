package io.zoommetering.serdes;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/** What differs between generated (specific) records and generic ones: how they are written and read. */
interface DatumFactory<T> {

    /** A writer for records with the schema of {@code record}. */
    DatumWriter<T> writerFor(T record);

    /**
     * A reader of data written with {@code writer}, into the reader schema of this kind of record.
     *
     * @throws SchemaMismatch when no reader schema resolves the writer's
     */
    DatumReader<T> readerFor(Schema writer);
}
