package io.gridflex.dispatch.schedule;

import java.time.Instant;

import io.gridflex.messages.ScheduleSegment.Kind;

/**
 * One stored piece of a site's commitments: an event (or operator action) asking the site to hold {@code deciKw} off
 * over a stretch of time.
 *
 * @param eventId the event, or {@code operator/...} for an operator action
 * @param programId the event's program; null for operator actions
 * @param kind what asks for it
 * @param siteId the site
 * @param start inclusive
 * @param end exclusive
 * @param deciKw the reduction, in tenths of a kW
 * @param importCapDeciKw an import cap, in tenths of a kW, or null
 */
public record SitePiece(String eventId, String programId, Kind kind, String siteId, Instant start, Instant end,
        long deciKw, Long importCapDeciKw) {

    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
