package io.zoommetering.topology.output.licensetypedim;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.license;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.gold.dim.LicenseTypeDim;
import io.zoommetering.avro.gold.dim.LicenseTypeDimKey;
import io.zoommetering.topology.GoldDriver;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LicenseTypeDimTest {

    private static final Instant AT = at("2026-03-03T09:00:00Z");
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldWriteEachLicenseTypeOnceUnassignedAndReassignedLicensesIncluded() {
        // Given two PRO_SEAT licenses, an unassigned one of another type, and a PRO_SEAT reassigned to another user
        send(license("l-1", "PRO_SEAT", "u-1", FROM, TO, LicenseStatus.ACTIVE, AT));
        send(license("l-2", "PRO_SEAT", "u-2", FROM, TO, LicenseStatus.ACTIVE, AT));
        send(license("l-3", "ENTERPRISE_SEAT", null, FROM, TO, LicenseStatus.ACTIVE, AT));
        send(license("l-1", "PRO_SEAT", "u-3", FROM, TO, LicenseStatus.ACTIVE, AT.plusSeconds(60)));
        // Then each type is written once: the withdrawn state sent back to u-1 writes nothing
        assertThat(rows())
                .extracting(row -> row.key.getLicenseType(), row -> row.value.getLicenseType())
                .containsExactly(tuple("PRO_SEAT", "PRO_SEAT"), tuple("ENTERPRISE_SEAT", "ENTERPRISE_SEAT"));
    }

    private void send(License license) {
        driver.send(driver.topics().licenses, license.getLicenseId(), license);
    }

    private List<KeyValue<LicenseTypeDimKey, LicenseTypeDim>> rows() {
        return driver.records(driver.topics().output(LicenseTypeDimOutput.INSTANCE));
    }
}
