package io.gridflex.dispatch.loop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.gridflex.dispatch.schedule.SitePiece;

/** Sums the pieces in force into each site's target. Pure. */
final class Targets {

    private Targets() {
    }

    static Map<String, SiteTarget> of(List<SitePiece> inForce) {
        Map<String, List<SitePiece>> bySite = new TreeMap<>();
        inForce.forEach(p -> bySite.computeIfAbsent(p.siteId(), s -> new ArrayList<>()).add(p));
        Map<String, SiteTarget> targets = new TreeMap<>();
        bySite.forEach((site, pieces) -> {
            long total = 0;
            Instant risen = Instant.MIN;
            Instant until = Instant.MIN;
            Map<String, Long> byEvent = new HashMap<>();
            for (SitePiece piece : pieces) {
                total += piece.deciKw();
                risen = piece.start().isAfter(risen) ? piece.start() : risen;
                until = piece.end().isAfter(until) ? piece.end() : until;
                byEvent.merge(piece.eventId(), piece.deciKw(), Long::sum);
            }
            targets.put(site, new SiteTarget(site, total, risen, until, byEvent));
        });
        return targets;
    }
}
