package io.zoommetering.serdes;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Generated records, read into their class's schema. Each class's own {@link SpecificData} model is used, because it
 * holds the logical-type conversions the class was generated with (BigDecimal, Instant, LocalDate).
 */
final class SpecificDatumFactory<T extends SpecificRecord> implements DatumFactory<T> {

    /** The class to read into; null to read into the generated class named by each writer schema. */
    private final Class<T> type;

    SpecificDatumFactory(Class<T> type) {
        this.type = type;
    }

    @Override
    public DatumWriter<T> writerFor(T record) {
        return new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(record.getClass()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public DatumReader<T> readerFor(Schema writer) {
        Class<?> target = type != null ? type : SpecificData.get().getClass(writer);
        if (target == null || !SpecificRecord.class.isAssignableFrom(target)) {
            throw new SchemaMismatch("writer schema " + writer.getFullName() + " has no generated record class here");
        }
        SpecificData model = SpecificData.getForClass(target);
        Schema reader = model.getSchema(target);
        SchemaMismatch.check(writer, reader);
        return new SpecificDatumReader<>(writer, reader, model);
    }
}
