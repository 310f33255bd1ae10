package io.gridflex.settlement.schedule;

import java.time.Instant;
import java.util.Objects;

import io.gridflex.settlement.baseline.TimeWindow;

/**
 * A stretch of a site's time governed by one segment of one revision: what the effective schedule held there.
 *
 * @param start inclusive
 * @param end exclusive, after {@code start}
 * @param revision the revision that governed
 * @param issuedAt when that revision was issued
 * @param segment the segment of that revision in force
 */
public record Piece(Instant start, Instant end, long revision, Instant issuedAt, Segment segment) {

    public Piece {
        Objects.requireNonNull(segment, "segment");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("piece end " + end + " is not after its start " + start);
        }
    }

    public TimeWindow window() {
        return new TimeWindow(start, end);
    }

    public boolean holdsReduction() {
        return segment.holdsReduction();
    }

    /** True when {@code key} has a contribution here, whatever its kW. */
    public boolean involves(ShareKey key) {
        return segment.contributions().stream().anyMatch(c -> c.key().equals(key));
    }
}
