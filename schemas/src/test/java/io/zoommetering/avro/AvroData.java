package io.zoommetering.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** Generic Avro data for any schema: a sample value, and the binary encoding a producer and a consumer would use. */
final class AvroData {

    private AvroData() {}

    /**
     * A valid value of the schema: the first branch of a union, the first symbol of an enum, one entry in a map or
     * array. Logical types are left as their underlying type: no conversion is registered.
     */
    static Object sample(Schema schema) {
        switch (schema.getType()) {
            case RECORD:
                GenericRecord record = new GenericData.Record(schema);
                schema.getFields().forEach(field -> record.put(field.pos(), sample(field.schema())));
                return record;
            case UNION:
                return sample(schema.getTypes().get(0));
            case ENUM:
                return new GenericData.EnumSymbol(
                        schema, schema.getEnumSymbols().get(0));
            case ARRAY:
                return new GenericData.Array<>(schema, List.of(sample(schema.getElementType())));
            case MAP:
                return Map.of("meeting_minutes", sample(schema.getValueType()));
            case FIXED:
                return new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            case STRING:
                return "sample";
            case BYTES:
                return ByteBuffer.wrap(new byte[] {1});
            case INT:
                return 1;
            case LONG:
                return 1L;
            case FLOAT:
                return 1.0f;
            case DOUBLE:
                return 1.0d;
            case BOOLEAN:
                return true;
            case NULL:
                return null;
            default:
                throw new IllegalArgumentException("No sample for " + schema);
        }
    }

    /** The Avro binary encoding of the datum, written with the writer schema. */
    static byte[] encode(Schema writer, Object datum) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new GenericDatumWriter<Object>(writer).write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes bytes written with the writer schema into the reader schema, resolving the two as Avro does. */
    static Object decode(byte[] bytes, Schema writer, Schema reader) {
        try {
            return new GenericDatumReader<Object>(writer, reader)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
