package io.gridflex.dispatch.allocation;

import java.time.Instant;

/**
 * A stretch of time with a power figure: another event's commitment at a site, or a limit on what the site may shed.
 *
 * @param start inclusive
 * @param end exclusive
 * @param deciKw the figure, in tenths of a kW
 */
public record Window(Instant start, Instant end, long deciKw) {

    public Window {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window ends at " + end + ", not after its start " + start);
        }
    }

    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && from.isBefore(end);
    }

    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
