package io.zoommetering.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaledRegistryTest {

    @Test
    void shouldGiveEverySchemaItsOldIdAfterARestart(@TempDir Path dir) {
        // Given schemas registered in some order by a first run
        Path journal = dir.resolve("schemas.journal");
        JournaledRegistry first = JournaledRegistry.open(new InMemorySchemaRegistry(), journal);
        int meeting = first.register("zoom.meetings-value", Meeting.getClassSchema());
        int user = first.register("zoom.users-value", User.getClassSchema());
        first.register("zoom.users-value", User.getClassSchema());

        // When a second run starts on the same directory and registers in another order
        JournaledRegistry second = JournaledRegistry.open(new InMemorySchemaRegistry(), journal);
        int plan = second.register("zoom.plans-value", Plan.getClassSchema());

        // Then the old ids still name the same schemas, and a new schema gets a new id
        assertThat(second.getById(meeting)).isEqualTo(Meeting.getClassSchema());
        assertThat(second.getById(user)).isEqualTo(User.getClassSchema());
        assertThat(second.getId("zoom.users-value", User.getClassSchema())).isEqualTo(user);
        assertThat(plan).isNotIn(meeting, user);
        assertThat(JournaledRegistry.open(new InMemorySchemaRegistry(), journal).getById(plan))
                .isEqualTo(Plan.getClassSchema());
    }
}
