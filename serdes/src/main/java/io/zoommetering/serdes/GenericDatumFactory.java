package io.zoommetering.serdes;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Generic records, with Confluent's defaults: no logical-type conversions (a timestamp is a Long, a decimal a
 * ByteBuffer), and each record read with its writer's schema unless a reader schema is given.
 */
final class GenericDatumFactory implements DatumFactory<GenericRecord> {

    /** The schema to read into; null to read each record with its writer's schema. */
    private final Schema readerSchema;

    GenericDatumFactory(Schema readerSchema) {
        this.readerSchema = readerSchema;
    }

    @Override
    public DatumWriter<GenericRecord> writerFor(GenericRecord record) {
        return new GenericDatumWriter<>(record.getSchema(), GenericData.get());
    }

    @Override
    public DatumReader<GenericRecord> readerFor(Schema writer) {
        Schema reader = readerSchema != null ? readerSchema : writer;
        if (reader.getType() != Schema.Type.RECORD) {
            throw new SchemaMismatch("schema " + reader.getFullName() + " is a " + reader.getType() + ", not a record");
        }
        if (reader != writer) {
            SchemaMismatch.check(writer, reader);
        }
        return new GenericDatumReader<>(writer, reader, GenericData.get());
    }
}
