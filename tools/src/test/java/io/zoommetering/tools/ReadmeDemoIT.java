package io.zoommetering.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.tools.testing.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, as a newcomer runs it: the shaded jar's live demo prints moving KPIs and exits 0. */
@Tag("integration")
class ReadmeDemoIT {

    private static final Pattern DAU_ABOVE_ZERO = Pattern.compile("today \\(DAU\\) [1-9][0-9,]*");

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldPrintTheHeadlineKpisAndExitZeroAfterTheDuration(@TempDir Path dir) throws Exception {
        // Given the demo of the README, for 20 seconds and on any free HTTP port
        try (AppProcess demo = AppProcess.start(
                AppProcess.TOOLS_JAR, dir.resolve("demo.log"), "demo", "--duration", "PT20S", "--http-port", "0")) {
            // When it has run its course
            int exitCode = demo.awaitExit(Duration.ofSeconds(100));

            // Then it exited 0 having printed the KPI table with active users counted
            String output = demo.output();
            assertThat(exitCode).as(output).isZero();
            assertThat(output).contains("Active users", "Meeting minutes", "MRR", "Top overage", "Errors by type");
            assertThat(DAU_ABOVE_ZERO.matcher(output).find()).as(output).isTrue();
        }
    }
}
