package io.gridflex.gateway.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.gridflex.gateway.telemetry.SiteReading;

/**
 * One resource at one instant: the sum of its sites' latest fresh readings. A site whose latest reading is older than
 * the freshness window (or that never reported) is offline: it adds nothing, and is counted as missing rather than as
 * drawing 0 kW.
 *
 * @param sites the sites the resource is made of
 * @param online those with a fresh reading
 * @param kw their summed draw
 * @param shedKw the load they hold off
 * @param sheddableKw the draw they could still stop
 */
public record ResourceSnapshot(String resourceId, int sites, int online, double kw, double shedKw,
        double sheddableKw) {

    public static ResourceSnapshot of(String resourceId, List<String> sites,
            Function<String, Optional<SiteReading>> latest, Instant now, Duration freshness) {
        Instant oldestFresh = now.minus(freshness);
        int online = 0;
        double kw = 0;
        double shed = 0;
        double sheddable = 0;
        for (String site : sites) {
            Optional<SiteReading> reading = latest.apply(site).filter(r -> !r.at().isBefore(oldestFresh));
            if (reading.isPresent()) {
                online++;
                kw += reading.get().kw();
                shed += reading.get().shedKw();
                sheddable += reading.get().sheddableKw();
            }
        }
        return new ResourceSnapshot(resourceId, sites.size(), online, kw, shed, sheddable);
    }

    /** Every site reported in time. */
    public boolean complete() {
        return online == sites && sites > 0;
    }

    public boolean anyOnline() {
        return online > 0;
    }
}
