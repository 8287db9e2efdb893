package io.zoommetering.topology.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.avro.internal.AuditCounts;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AuditStoresTest {

    @Test
    void shouldReadBackEveryCountOfTheCompactFormat() {
        AuditCounts counts = new AuditCounts(
                1_234_567_890_123L, 17L, 0L, new HashMap<>(Map.of("VALIDATION", 3L, "LATE_EVENT", 300_000L)), 42L);

        byte[] bytes = AuditStores.counts().serialize("ignored", counts);

        assertThat(AuditStores.counts().deserialize("ignored", bytes)).isEqualTo(counts);
    }

    @Test
    void shouldRefuseCountsWrittenInAnotherFormat() {
        byte[] avro = {0, 2, 2, 0, 0, 0};

        assertThatThrownBy(() -> AuditStores.counts().deserialize("ignored", avro))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown format");
    }
}
