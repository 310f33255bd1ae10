package io.gridflex.dispatch.allocation;

import java.time.Instant;

/**
 * Part of an allocation: one site holds {@code deciKw} off for one event over a stretch of time, and, for an import
 * cap, keeps its metered draw under {@code importCapDeciKw}.
 *
 * @param siteId the site
 * @param start inclusive
 * @param end exclusive
 * @param deciKw the reduction, in tenths of a kW
 * @param importCapDeciKw the site's import cap, in tenths of a kW; null unless the signal is a cap
 */
public record Piece(String siteId, Instant start, Instant end, long deciKw, Long importCapDeciKw) {

    public Piece {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("piece ends at " + end + ", not after its start " + start);
        }
    }

    /** Whether {@code next} continues this piece unchanged, so the two are one. */
    public boolean continuedBy(Piece next) {
        return siteId.equals(next.siteId()) && end.equals(next.start()) && deciKw == next.deciKw()
                && java.util.Objects.equals(importCapDeciKw, next.importCapDeciKw());
    }

    public Piece through(Instant newEnd) {
        return new Piece(siteId, start, newEnd, deciKw, importCapDeciKw);
    }
}
