package io.gridflex.settlement.attribution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.gridflex.settlement.schedule.Contribution;

/**
 * A stretch of time in which the effective schedule held a contribution of the event: one piece of it.
 *
 * @param start inclusive
 * @param end exclusive
 * @param revision the schedule revision that governed
 * @param issuedAt when that revision was issued
 * @param allocatedKw the event's kW in the segment, 6 decimals
 * @param shedKw the segment's whole reduction, 6 decimals
 * @param importCapKw the segment's import cap, 6 decimals, or null
 * @param share the event's share of the energy delivered here, a fraction of 1 with 6 decimals
 * @param contributions everyone who shared the segment
 */
public record ShareWindow(
        Instant start,
        Instant end,
        long revision,
        Instant issuedAt,
        BigDecimal allocatedKw,
        BigDecimal shedKw,
        BigDecimal importCapKw,
        BigDecimal share,
        List<Contribution> contributions) {

    public ShareWindow {
        contributions = List.copyOf(contributions);
    }
}
