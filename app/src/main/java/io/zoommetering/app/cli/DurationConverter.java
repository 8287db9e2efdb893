package io.zoommetering.app.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/**
 * The one duration syntax of every command-line option of {@code zoom-metering} and {@code zoom-metering-tools}:
 * a whole number with a unit ({@code 500ms}, {@code 60s}, {@code 10m}, {@code 1h}, {@code 35d}) or ISO-8601
 * ({@code PT60S}, {@code P35D}), case-insensitive. {@link CommandLines} registers it for every {@link Duration}
 * option, so no option can parse durations its own way.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    @Override
    public Duration convert(String value) {
        Duration duration = parse(value);
        if (duration.isNegative()) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is a negative duration; write one such as 60s, 10m, 1h or PT60S");
        }
        return duration;
    }

    private static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("p") || text.startsWith("-p")) {
            try {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw notADuration(value);
            }
        }
        Matcher withUnit = WITH_UNIT.matcher(text);
        if (!withUnit.matches()) {
            if (NUMBER.matcher(text).matches()) {
                // A bare number is the commonest slip (`--duration 60`): say which unit it probably meant.
                throw new CommandLine.TypeConversionException("'" + value + "' has no unit; write " + text
                        + "s for seconds (durations: 60s, 10m, 1h, 35d or ISO-8601 PT60S)");
            }
            throw notADuration(value);
        }
        long amount;
        try {
            amount = Long.parseLong(withUnit.group(1));
        } catch (NumberFormatException e) {
            throw notADuration(value);
        }
        try {
            return switch (withUnit.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (ArithmeticException e) {
            throw notADuration(value);
        }
    }

    private static CommandLine.TypeConversionException notADuration(String value) {
        return new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration; write one such as 60s, 10m, 1h, 35d or ISO-8601 PT60S");
    }
}
