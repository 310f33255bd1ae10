package io.gridflex.dispatch.registry;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.gridflex.messages.access.KafkaPolicy;
import io.gridflex.support.web.ApiException;

/** Collects every problem of a submitted definition, so one 400 names them all rather than the first. */
final class Problems {

    /** Registry ids: what an agent or a VTN can carry, kept to characters that never need escaping in a URL. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}");
    private static final BigDecimal MAX_KW = new BigDecimal("10000000");

    private final List<String> found = new ArrayList<>();

    void add(String problem) {
        found.add(problem);
    }

    void id(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            add(field + ": 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
    }

    /** A site id also names the site's Kafka topics, principal and group: no ':' there. */
    void siteId(String field, String value) {
        if (value == null || !KafkaPolicy.SITE_ID.matcher(value).matches()) {
            add(field + ": 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit (it names the "
                    + "site's Kafka topics)");
        }
    }

    void text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field + ": required");
            }
        } else if (value.length() > max) {
            add(field + ": at most " + max + " characters");
        }
    }

    void email(String field, String value) {
        if (value == null || !EMAIL.matcher(value).matches()) {
            add(field + ": an e-mail address");
        }
    }

    void zone(String field, String value) {
        if (value == null) {
            add(field + ": required (an IANA time zone such as America/Chicago)");
            return;
        }
        try {
            ZoneId.of(value);
        } catch (DateTimeException e) {
            add(field + ": '" + value + "' is not an IANA time zone");
        }
    }

    /** A kW figure at 0.1 kW resolution, at least {@code min} (inclusive) and at most 10 GW. */
    void kw(String field, BigDecimal value, BigDecimal min, boolean required) {
        if (value == null) {
            if (required) {
                add(field + ": required");
            }
            return;
        }
        if (value.compareTo(min) < 0 || value.compareTo(MAX_KW) > 0) {
            add(field + ": must be from " + min.toPlainString() + " to " + MAX_KW.toPlainString() + " kW");
        } else if (value.stripTrailingZeros().scale() > 1) {
            add(field + ": at most one decimal (0.1 kW)");
        }
    }

    void fraction(String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                add(field + ": required");
            }
        } else if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            add(field + ": must be from 0 to 1");
        } else if (value.stripTrailingZeros().scale() > 4) {
            add(field + ": at most four decimals");
        }
    }

    void throwIfAny(String error) {
        if (!found.isEmpty()) {
            throw ApiException.badRequest(error, String.join("; ", found));
        }
    }
}
