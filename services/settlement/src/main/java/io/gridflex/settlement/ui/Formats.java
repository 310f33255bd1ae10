package io.gridflex.settlement.ui;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/** How the pages write figures and times: {@code {fmt:plain(value)}}, {@code {fmt:time(instant, zone)}}. */
@TemplateExtension(namespace = "fmt")
public final class Formats {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.US);

    private Formats() {
    }

    /** A difference with its sign, e.g. {@code +12.34} or {@code -0.50}. */
    static String signed(BigDecimal value) {
        return value == null ? "" : (value.signum() > 0 ? "+" : "") + value.toPlainString();
    }

    /** An instant as the program's local time, e.g. {@code 2026-05-12 10:00 CDT}; nothing when there is none. */
    static String local(Instant at, ZoneId zone) {
        return at == null ? "" : LOCAL.format(at.atZone(zone));
    }

    /**
     * An instant as a {@code <time>} element: the local time in {@code zone}, the UTC instant as its machine-readable
     * value and as the text shown on hover; nothing when there is none.
     */
    static RawString time(Instant at, ZoneId zone) {
        if (at == null) {
            return new RawString("");
        }
        String utc = at.toString();
        return new RawString("<time datetime=\"" + utc + "\" title=\"" + utc + "\">" + local(at, zone) + "</time>");
    }

    /** An instant as a {@code <time>} element in UTC, for what spans programs (the audit log). */
    static RawString utc(Instant at) {
        return time(at, Zones.UTC);
    }

    /** A decimal as stored, never in exponent notation; nothing when there is none. */
    static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
