package io.gridflex.settlement.schedule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored segment of a schedule revision: a stretch of time during which the site holds one reduction.
 *
 * @param start inclusive
 * @param end exclusive
 * @param shedKw load to keep off, 6 decimals: the sum of the contributions' kW
 * @param importCapKw the import cap the site's metered draw must stay under, 6 decimals, or null
 * @param contributions who asks for the reduction, in the order the schedule lists them
 */
public record Segment(Instant start, Instant end, BigDecimal shedKw, BigDecimal importCapKw,
        List<Contribution> contributions) {

    public Segment {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(shedKw, "shedKw");
        contributions = List.copyOf(contributions);
    }

    /**
     * True when the site holds something off here: a reduction, or an import cap it must stay under (which may take
     * miners off even when no kW figure is asked for).
     */
    public boolean holdsReduction() {
        return shedKw.signum() > 0 || importCapKw != null;
    }
}
