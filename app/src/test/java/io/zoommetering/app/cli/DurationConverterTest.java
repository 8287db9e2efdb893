package io.zoommetering.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsAWholeNumberWithAUnitOrIso8601() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("35d")).isEqualTo(Duration.ofDays(35));
        assertThat(converter.convert("PT60S")).isEqualTo(Duration.ofSeconds(60));
        assertThat(converter.convert("P35D")).isEqualTo(Duration.ofDays(35));
        assertThat(converter.convert("pt1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(converter.convert(" 10M ")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("0s")).isZero();
    }

    @Test
    void aBareNumberIsRefusedWithTheSecondsItProbablyMeant() {
        assertThatThrownBy(() -> converter.convert("60"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'60' has no unit")
                .hasMessageContaining("60s")
                .hasMessageContaining("PT60S");
    }

    @Test
    void anythingElseIsRefusedWithExamples() {
        for (String bad : List.of("", "s", "10x", "1.5h", "ten minutes", "PT", "P1Y", "99999999999999999999s")) {
            assertThatThrownBy(() -> converter.convert(bad))
                    .as(bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("'" + bad + "' is not a duration")
                    .hasMessageContaining("60s, 10m, 1h");
        }
        assertThatThrownBy(() -> converter.convert("-PT1M"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void everyDurationOptionOfTheProcessorTakesTheOneSyntax() {
        List<String> checked = DurationOptions.accept(Main.commandLine(Map.of()), "60s", Duration.ofSeconds(60));
        assertThat(checked).contains("export --timeout");
    }

    @Test
    void aCommandLineShowsTheExampleWhenADurationIsWrong() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(Map.of());
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("export", "--timeout", "60")).isEqualTo(2);
        assertThat(err.toString()).contains("'60' has no unit; write 60s for seconds");
    }
}
