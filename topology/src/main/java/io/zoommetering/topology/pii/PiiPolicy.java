package io.zoommetering.topology.pii;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * How personal data leaves the topology (SPEC 6): the fields named {@code user_name} or {@code email} of every
 * output value are kept, replaced by a keyed hash or dropped (set to null), by the field's name in the value's
 * schema, so an output that adds such a field is covered without naming it here.
 *
 * <p>The schema rules are checked for every output at start-up, in every mode, so that an output that would break
 * under another mode fails its tests under the default already: a personal field is a top-level
 * {@code union {null, string}} of the value (nullable, so DROP can write null), never part of a key (a hashed or
 * dropped key would merge or split rows) and never nested (this policy looks at top-level fields only).
 */
public final class PiiPolicy {

    /** The names of the fields that hold personal data, in any output (SPEC 6, seed 001). */
    public static final Set<String> FIELDS = Set.of("user_name", "email");

    private static final PiiPolicy KEEP = new PiiPolicy(PiiMode.KEEP, null);

    private final PiiMode mode;
    private final KeyedHash hash;

    private PiiPolicy(PiiMode mode, KeyedHash hash) {
        this.mode = mode;
        this.hash = hash;
    }

    public static PiiPolicy keep() {
        return KEEP;
    }

    public static PiiPolicy drop() {
        return new PiiPolicy(PiiMode.DROP, null);
    }

    /** @param key the HMAC key, never logged */
    public static PiiPolicy hash(byte[] key) {
        return new PiiPolicy(PiiMode.HASH, new KeyedHash(key));
    }

    /** @param key the HMAC key; required for HASH, ignored otherwise */
    public static PiiPolicy of(PiiMode mode, byte[] key) {
        return switch (mode) {
            case KEEP -> keep();
            case DROP -> drop();
            case HASH -> hash(key);
        };
    }

    public PiiMode mode() {
        return mode;
    }

    /**
     * Checks the schema rules for one output.
     *
     * @throws IllegalStateException naming the output and the field that breaks a rule
     */
    public static void validate(String output, Schema keySchema, Schema valueSchema) {
        List<String> inKey = new ArrayList<>();
        nested(keySchema, keySchema.getName(), inKey, new HashSet<>());
        if (!inKey.isEmpty()) {
            throw new IllegalStateException("the key of output " + output + " holds personal data (" + inKey
                    + "): zm.pii.mode would merge or split its rows; key it by an id");
        }
        List<String> nested = new ArrayList<>();
        for (Schema.Field field : valueSchema.getFields()) {
            nested(field.schema(), valueSchema.getName() + "." + field.name(), nested, new HashSet<>());
            if (FIELDS.contains(field.name()) && !isNullableString(field.schema())) {
                throw new IllegalStateException("output " + output + " has the personal field " + field.name()
                        + " of type " + field.schema() + "; it must be union {null, string} so that zm.pii.mode"
                        + " can hash it or drop it (SPEC 6)");
            }
        }
        if (!nested.isEmpty()) {
            throw new IllegalStateException("output " + output + " nests personal fields " + nested
                    + "; zm.pii.mode applies to top-level fields of output values only");
        }
    }

    /** The positions of a value schema's personal fields; empty when it has none. */
    public static List<Integer> personalFields(Schema valueSchema) {
        List<Integer> positions = new ArrayList<>();
        for (Schema.Field field : valueSchema.getFields()) {
            if (FIELDS.contains(field.name())) {
                positions.add(field.pos());
            }
        }
        return positions;
    }

    /**
     * What to apply to each value of a schema before it is written, or empty when nothing changes (KEEP, or no
     * personal field), so that outputs without personal data get no extra step.
     */
    public <V extends SpecificRecord> Optional<UnaryOperator<V>> forValues(Schema valueSchema) {
        List<Integer> positions = personalFields(valueSchema);
        if (mode == PiiMode.KEEP || positions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(value -> value == null ? null : apply(value, positions));
    }

    /** The value as this policy writes it: a copy when a personal field changes, the value itself otherwise. */
    public <V extends SpecificRecord> V apply(V value) {
        return apply(value, personalFields(value.getSchema()));
    }

    /** The hash HASH writes for a value; for tests and documentation of joins across tables. */
    public String hashOf(String value) {
        if (hash == null) {
            throw new IllegalStateException("zm.pii.mode is " + mode + ", not HASH");
        }
        return hash.hash(value);
    }

    @SuppressWarnings("unchecked")
    private <V extends SpecificRecord> V apply(V value, List<Integer> positions) {
        if (mode == PiiMode.KEEP || positions.stream().allMatch(pos -> value.get(pos) == null)) {
            return value;
        }
        // A copy, never the value itself: the stages upstream may keep the record they emitted (caches, change
        // detection) and must go on seeing the plain value. Shallow is enough: only the strings are replaced.
        Schema schema = value.getSchema();
        V copy = (V) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            copy.put(field.pos(), value.get(field.pos()));
        }
        for (int pos : positions) {
            Object plain = value.get(pos);
            copy.put(pos, plain == null || mode == PiiMode.DROP ? null : hash.hash(plain.toString()));
        }
        return copy;
    }

    private static boolean isNullableString(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return false;
        }
        List<Schema> types = schema.getTypes();
        return types.size() == 2
                && types.stream().anyMatch(type -> type.getType() == Schema.Type.NULL)
                && types.stream().anyMatch(type -> type.getType() == Schema.Type.STRING);
    }

    /** Collects the personal fields of every record reachable from a schema (each record once: Avro may recurse). */
    private static void nested(Schema schema, String path, List<String> found, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    if (FIELDS.contains(field.name())) {
                        found.add(path + "." + field.name());
                    }
                    nested(field.schema(), path + "." + field.name(), found, seen);
                }
            }
            case UNION -> schema.getTypes().forEach(type -> nested(type, path, found, seen));
            case ARRAY -> nested(schema.getElementType(), path + "[]", found, seen);
            case MAP -> nested(schema.getValueType(), path + "{}", found, seen);
            default -> {
                // primitives, enums and fixed hold no fields
            }
        }
    }

    @Override
    public String toString() {
        return "PiiPolicy[" + mode + "]";
    }
}
