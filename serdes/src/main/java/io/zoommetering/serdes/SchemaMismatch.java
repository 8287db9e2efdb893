package io.zoommetering.serdes;

import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Why data of a writer schema cannot be read: thrown while building a reader, where the topic is not known, and
 * turned by the deserializer into an {@link IncompatibleSchemaException} that names it.
 */
final class SchemaMismatch extends RuntimeException {

    SchemaMismatch(String detail) {
        super(detail, null, false, false);
    }

    /**
     * Checks up front, by Avro's resolution rules, that the reader schema can read everything the writer schema
     * can write, rather than failing on some record later, when it uses the branch or symbol that does not resolve.
     */
    static void check(Schema writer, Schema reader) {
        SchemaPairCompatibility pair = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (pair.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new SchemaMismatch("writer schema " + writer.getFullName() + " does not resolve to reader schema "
                    + reader.getFullName() + ": "
                    + pair.getResult().getIncompatibilities().stream()
                            .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                            .collect(Collectors.joining("; ")));
        }
    }
}
