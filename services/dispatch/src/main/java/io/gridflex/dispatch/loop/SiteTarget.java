package io.gridflex.dispatch.loop;

import java.time.Instant;
import java.util.Map;

/**
 * What a site is asked to hold off right now.
 *
 * @param siteId the site
 * @param deciKw in all, in tenths of a kW
 * @param risenAt when the latest of the pieces in force began: the site has been ramping to this target since
 * @param until when the earliest of the pieces in force ends... or rather the latest, for how long a finding holds
 * @param byEvent each event's (and operator action's) part, in tenths of a kW
 */
public record SiteTarget(String siteId, long deciKw, Instant risenAt, Instant until, Map<String, Long> byEvent) {

    public SiteTarget {
        byEvent = Map.copyOf(byEvent);
    }
}
