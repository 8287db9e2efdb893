package io.zoommetering.topology.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The contract violations found in one record, in words a person can act on. */
public final class Violations {

    private final List<String> reasons = new ArrayList<>();

    public void add(String reason) {
        reasons.add(reason);
    }

    public void requireNotBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field + " is missing");
        }
    }

    public void requireNotNegative(String field, long value) {
        if (value < 0) {
            add(field + " is negative (" + value + ")");
        }
    }

    public void requireNotNegative(String field, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            add(field + " is negative (" + value.toPlainString() + ")");
        }
    }

    public void requireOrdered(String startField, Instant start, String endField, Instant end) {
        if (start != null && end != null && end.isBefore(start)) {
            add(endField + " " + end + " is before " + startField + " " + start);
        }
    }

    public void requireOrdered(String startField, LocalDate start, String endField, LocalDate end) {
        if (start != null && end != null && end.isBefore(start)) {
            add(endField + " " + end + " is before " + startField + " " + start);
        }
    }

    public boolean isEmpty() {
        return reasons.isEmpty();
    }

    public String describe() {
        return String.join("; ", reasons);
    }
}
