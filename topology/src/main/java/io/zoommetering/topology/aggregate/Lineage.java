package io.zoommetering.topology.aggregate;

import java.time.LocalDate;

/** The seed's lineage columns of a gold row. */
public record Lineage(LocalDate loadDate, LocalDate updateDate, String sourceSystem) {}
