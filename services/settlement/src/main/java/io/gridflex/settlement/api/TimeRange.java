package io.gridflex.settlement.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.gridflex.support.web.ApiException;

/**
 * A {@code [from, to)} query range given as ISO-8601 UTC instants, checked before it reaches the database.
 *
 * @param from inclusive
 * @param to exclusive
 */
public record TimeRange(Instant from, Instant to) {

    /**
     * @throws ApiException 400 when a bound is missing, not an ISO-8601 instant in UTC, not before the other, or the
     *         range is longer than {@code maxLength}
     */
    public static TimeRange parse(String from, String to, Duration maxLength) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("malformed-range", "'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        if (Duration.between(start, end).compareTo(maxLength) > 0) {
            throw ApiException.badRequest("malformed-range",
                    "range from " + from + " to " + to + " is longer than the allowed "
                            + maxLength.toDays() + " days");
        }
        return new TimeRange(start, end);
    }

    /**
     * @return the instant, or null when {@code value} is absent
     * @throws ApiException 400 when present but not an ISO-8601 instant in UTC
     */
    public static Instant optionalInstant(String name, String value) {
        return value == null || value.isBlank() ? null : instant(name, value);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("malformed-range",
                    "query parameter '" + name + "' is required (ISO-8601 UTC instant)");
        }
        if (!value.endsWith("Z")) {
            throw ApiException.badRequest("malformed-range",
                    "query parameter '" + name + "' must be an ISO-8601 instant in UTC ending in Z: " + value);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("malformed-range",
                    "query parameter '" + name + "' is not an ISO-8601 instant: " + value);
        }
    }
}
