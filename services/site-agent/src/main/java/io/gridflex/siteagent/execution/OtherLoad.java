package io.gridflex.siteagent.execution;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The site's load that is not mining, as measured now: a co-located data centre, whose draw spikes without warning.
 * The site meter updates it; the controller keeps the site's import (mining plus this) under the import limit, and
 * under a DR event's lower cap, by modulating mining. Without a meter (or before its first reading) it is 0 and the
 * site is mining alone.
 */
@ApplicationScoped
public class OtherLoad {

    private volatile double watts;
    private volatile Instant at;

    /** Records a measurement of the non-mining load. */
    public void update(double watts, Instant at) {
        if (!(watts >= 0) || Double.isInfinite(watts)) {
            throw new IllegalArgumentException("not a load: " + watts + " W");
        }
        this.watts = watts;
        this.at = at;
    }

    /** The latest measurement in W; 0 before the first. A stale figure is kept: the load was real when last seen. */
    public double watts() {
        return watts;
    }

    /** When it was last measured, or null. */
    public Instant measuredAt() {
        return at;
    }
}
