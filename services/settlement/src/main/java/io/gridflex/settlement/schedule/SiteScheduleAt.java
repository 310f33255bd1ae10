package io.gridflex.settlement.schedule;

import java.time.Instant;
import java.util.List;

/**
 * The schedule governing a site at one instant: the highest revision issued at or before it.
 *
 * @param siteId the site
 * @param at the instant asked about
 * @param revision the governing revision; null when none had been issued by then
 * @param issuedAt when it was issued; null with {@code revision}
 * @param receivedAt when settlement stored it; null with {@code revision}
 * @param inForce the segment in force at {@code at}; null when the site held no reduction then
 * @param segments every segment of the revision, in time order
 */
public record SiteScheduleAt(String siteId, Instant at, Long revision, Instant issuedAt, Instant receivedAt,
        Segment inForce, List<Segment> segments) {

    public SiteScheduleAt {
        segments = List.copyOf(segments);
    }
}
