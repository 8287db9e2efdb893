package io.zoommetering.app.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which keys of an output a request asks for: equal key fields ({@code ?period_type=DAILY&plan_type=PRO}) and a
 * closed range of days ({@code ?from=2026-11-01&to=2026-11-30}) that a key's period must overlap: a day, the day of
 * an hour's start in the reporting zone, or a month ({@code activity_month}). A request naming every key field is
 * a point query, which goes to the one instance owning the key.
 */
final class KeyFilter {

    /** The query parameters that are not key fields. */
    static final Set<String> CONTROLS = Set.of("limit", "offset", "from", "to", "local");

    private final Schema schema;
    private final Map<Schema.Field, Object> equal;
    private final Schema.Field time;
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;

    private KeyFilter(
            Schema schema,
            Map<Schema.Field, Object> equal,
            Schema.Field time,
            LocalDate from,
            LocalDate to,
            ZoneId zone) {
        this.schema = schema;
        this.equal = equal;
        this.time = time;
        this.from = from;
        this.to = to;
        this.zone = zone;
    }

    /** @throws BadRequest naming the parameter that is no key field or does not parse */
    static KeyFilter parse(Schema keySchema, Map<String, String> params, ZoneId zone) {
        Map<Schema.Field, Object> equal = new LinkedHashMap<>();
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (CONTROLS.contains(param.getKey())) {
                continue;
            }
            Schema.Field field = keySchema.getField(param.getKey());
            if (field == null) {
                throw new BadRequest("unknown parameter " + param.getKey() + "; the key fields are "
                        + keySchema.getFields().stream().map(Schema.Field::name).toList() + ", and " + CONTROLS);
            }
            equal.put(field, valueOf(field, param.getValue()));
        }
        Schema.Field time = keySchema.getFields().stream()
                .filter(KeyFilter::isTime)
                .findFirst()
                .orElse(null);
        LocalDate from = day(params, "from");
        LocalDate to = day(params, "to");
        if ((from != null || to != null) && time == null) {
            throw new BadRequest("this output's key has no date: from and to do not apply");
        }
        return new KeyFilter(keySchema, equal, time, from, to, zone);
    }

    boolean matches(SpecificRecord key) {
        for (Map.Entry<Schema.Field, Object> entry : equal.entrySet()) {
            if (!Objects.equals(key.get(entry.getKey().pos()), entry.getValue())) {
                return false;
            }
        }
        if (time == null || (from == null && to == null)) {
            return true;
        }
        LocalDate[] period = period(key.get(time.pos()));
        return (from == null || !period[1].isBefore(from)) && (to == null || !period[0].isAfter(to));
    }

    /** The value a key field must equal, if the request names it. */
    Optional<Object> value(String field) {
        return equal.entrySet().stream()
                .filter(entry -> entry.getKey().name().equals(field))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The one key asked for when every key field is given and no range, else empty. */
    Optional<SpecificRecord> pointKey() {
        if (equal.size() != schema.getFields().size() || from != null || to != null) {
            return Optional.empty();
        }
        SpecificRecord key = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        equal.forEach((field, value) -> key.put(field.pos(), value));
        return Optional.of(key);
    }

    private LocalDate[] period(Object value) {
        if (value instanceof LocalDate day) {
            return new LocalDate[] {day, day};
        }
        if (value instanceof Instant instant) {
            LocalDate day = instant.atZone(zone).toLocalDate();
            return new LocalDate[] {day, day};
        }
        YearMonth month = YearMonth.parse(value.toString());
        return new LocalDate[] {month.atDay(1), month.atEndOfMonth()};
    }

    private static boolean isTime(Schema.Field field) {
        Schema schema = field.schema();
        return schema.getLogicalType() instanceof LogicalTypes.Date
                || schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                || (schema.getType() == Schema.Type.STRING && field.name().endsWith("_month"));
    }

    private static LocalDate day(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be a day such as 2026-11-01, not " + value);
        }
    }

    private static Object valueOf(Schema.Field field, String text) {
        Schema schema = field.schema();
        try {
            if (schema.getLogicalType() instanceof LogicalTypes.Date) {
                return LocalDate.parse(text);
            }
            if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                return Instant.parse(text);
            }
            return switch (schema.getType()) {
                case STRING -> text;
                case ENUM -> {
                    List<String> symbols = schema.getEnumSymbols();
                    if (!symbols.contains(text)) {
                        throw new BadRequest(field.name() + " must be one of " + symbols + ", not " + text);
                    }
                    yield SpecificData.get().createEnum(text, schema);
                }
                case INT -> Integer.parseInt(text);
                case LONG -> Long.parseLong(text);
                default -> throw new BadRequest("the key field " + field.name() + " cannot be filtered on");
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new BadRequest(
                    field.name() + " does not parse as " + schema.getType().getName()
                            + (schema.getLogicalType() == null
                                    ? ""
                                    : " " + schema.getLogicalType().getName())
                            + ": " + text);
        }
    }

    /** A request the API cannot answer as asked: 400, with what is wrong. */
    static final class BadRequest extends IllegalArgumentException {
        BadRequest(String message) {
            super(message);
        }
    }
}
