package io.gridflex.openadr;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenADR (xCal) spelling of instants and durations.
 * <p>
 * OpenADR peers disagree with {@code java.time} defaults in two ways that fail schema validation: an instant must be
 * UTC with a trailing {@code Z} (never an offset), and a duration carries its sign in front and whole seconds only
 * ({@code -PT5M}, never {@code PT-5M} or {@code PT1.5S}). The generated model uses these methods for every
 * {@code xcal:date-time} and {@code xcal:duration}.
 */
public final class XcalTime {

    private static final Pattern UTC_DATE_TIME = Pattern
            .compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    /** Weeks alone, or days and/or hours, minutes, seconds; the sign applies to the whole duration. */
    private static final Pattern DURATION = Pattern
            .compile("([+-])?P(?:(\\d+)W|(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?)");

    private XcalTime() {
    }

    /** {@code 2026-11-21T21:22:48.983053Z}: always UTC, fractional seconds only when present. */
    public static String toDateTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** Parses a UTC date-time; an offset or a missing {@code Z} is refused rather than guessed. */
    public static Instant parseDateTime(String text) {
        String value = text.strip();
        if (!UTC_DATE_TIME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "xcal date-time must be UTC like 2026-01-31T12:00:00Z, got '" + text + "'");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("xcal date-time is not a valid instant: '" + text + "'", e);
        }
    }

    /**
     * Formats whole seconds with the sign in front: {@code PT1H30M}, {@code -PT5M}, {@code PT0S}. Days are written as
     * hours so the text never depends on calendar rules.
     *
     * @throws IllegalArgumentException for a fractional number of seconds, which OpenADR cannot carry
     */
    public static String formatDuration(Duration duration) {
        if (duration.getNano() != 0) {
            throw new IllegalArgumentException("xcal duration must be whole seconds, got " + duration);
        }
        if (duration.isZero()) {
            return "PT0S";
        }
        long seconds = Math.abs(duration.getSeconds());
        StringBuilder text = new StringBuilder(duration.isNegative() ? "-PT" : "PT");
        appendPart(text, seconds / 3600, 'H');
        appendPart(text, seconds % 3600 / 60, 'M');
        appendPart(text, seconds % 60, 'S');
        return text.toString();
    }

    /**
     * Parses a signed xcal duration such as {@code PT15M}, {@code -PT5M}, {@code P1DT2H} or {@code P1W}. Years and
     * months are refused: their length depends on the calendar.
     */
    public static Duration parseDuration(String text) {
        String value = text.strip();
        Matcher m = DURATION.matcher(value);
        if (!m.matches() || value.endsWith("P") || value.endsWith("T")) {
            throw new IllegalArgumentException(
                    "xcal duration must look like PT15M, -PT5M, P1DT2H or P1W (whole units), got '" + text + "'");
        }
        try {
            Duration duration = Duration.ofDays(7 * number(m.group(2)))
                    .plusDays(number(m.group(3)))
                    .plusHours(number(m.group(4)))
                    .plusMinutes(number(m.group(5)))
                    .plusSeconds(number(m.group(6)));
            return "-".equals(m.group(1)) ? duration.negated() : duration;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("xcal duration is out of range: '" + text + "'", e);
        }
    }

    private static void appendPart(StringBuilder text, long amount, char unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
