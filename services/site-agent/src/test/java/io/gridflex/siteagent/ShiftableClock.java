package io.gridflex.siteagent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock moved forward by whatever a test says, so a test can jump into a segment that starts minutes
 * later while the miners it drives still take their real time to stop and warm up.
 */
public final class ShiftableClock extends Clock {

    private volatile Duration shift = Duration.ZERO;

    /** Moves the clock so it reads {@code at} now. */
    public void jumpTo(Instant at) {
        shift = Duration.between(Instant.now(), at);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
