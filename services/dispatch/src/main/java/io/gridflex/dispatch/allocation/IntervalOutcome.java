package io.gridflex.dispatch.allocation;

import java.time.Instant;

/**
 * How one interval of an event was allocated.
 *
 * @param start inclusive
 * @param end exclusive
 * @param requestedDeciKw what the event asks for, read in kW
 * @param allocatedDeciKw what the sites were given (the over-delivery margin included)
 * @param shortfallDeciKw what no site could take: the request minus the allocation, never negative
 */
public record IntervalOutcome(Instant start, Instant end, long requestedDeciKw, long allocatedDeciKw,
        long shortfallDeciKw) {
}
