package io.gridflex.dispatch.fleet;

import java.util.List;

import io.gridflex.dispatch.live.Derate;
import io.gridflex.dispatch.live.LiveState;
import io.gridflex.dispatch.operator.SiteOverride;
import io.gridflex.dispatch.registry.Site;
import io.gridflex.dispatch.schedule.SitePiece;

/**
 * Everything dispatch knows about one site when it allocates: its registration, its live state, what every event
 * and operator action asks of it, the overrides in force and the closed loop's finding.
 *
 * @param site as registered
 * @param live its latest report, or null if it never reported
 * @param pieces what events and operator actions ask of it from now on
 * @param overrides operator overrides not yet ended
 * @param derate the closed loop's finding that it delivers less than it was given, or null
 */
public record FleetSite(Site site, LiveState live, List<SitePiece> pieces, List<SiteOverride> overrides,
        Derate derate) {

    public FleetSite {
        pieces = List.copyOf(pieces);
        overrides = List.copyOf(overrides);
    }
}
