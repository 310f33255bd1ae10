package io.gridflex.settlement.schedule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.settlement.messaging.WireValues;

/**
 * One revision of a site's schedule as settlement stores and computes with it: kW as 6-decimal decimals and instants
 * to the microsecond, exactly what the database holds, so a computation on a revision just received and on one read
 * back give the same figures.
 *
 * @param siteId the site
 * @param revision increases with every schedule dispatch issues for the site
 * @param issuedAt when dispatch issued it
 * @param segments in time order, not overlapping
 * @param governsFrom from when it governs the site (until a higher revision does): when the site accepted it, as its
 *        acknowledgement or its metered intervals tell (settlement.site_schedule.governs_from), or when it was issued
 *        while nothing tells; never before it was issued
 */
public record Revision(String siteId, long revision, Instant issuedAt, List<Segment> segments, Instant governsFrom) {

    public Revision {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(governsFrom, "governsFrom");
        segments = List.copyOf(segments);
        if (governsFrom.isBefore(issuedAt)) {
            governsFrom = issuedAt;
        }
    }

    /** A revision nothing more is known of: it governs from its issue. */
    public Revision(String siteId, long revision, Instant issuedAt, List<Segment> segments) {
        this(siteId, revision, issuedAt, segments, issuedAt);
    }

    /** The revision a message states, converted by {@link WireValues}. */
    public static Revision of(SiteSchedule schedule) {
        List<Segment> segments = schedule.segments().stream().map(Revision::segment).toList();
        return new Revision(schedule.siteId(), schedule.revision(), WireValues.instant(schedule.issuedAt()),
                segments);
    }

    private static Segment segment(ScheduleSegment segment) {
        List<Contribution> contributions = segment.contributions().stream()
                .map(c -> new Contribution(c.eventId(), c.program(), c.kind(), WireValues.decimal(c.kw()),
                        decimalOrNull(c.importCapKw())))
                .toList();
        return new Segment(WireValues.instant(segment.start()), WireValues.instant(segment.end()),
                WireValues.decimal(segment.shedKw()), decimalOrNull(segment.importCapKw()), contributions);
    }

    private static BigDecimal decimalOrNull(Double value) {
        return value == null ? null : WireValues.decimal(value);
    }
}
