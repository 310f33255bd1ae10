package io.gridflex.dispatch.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.live.Derate;
import io.gridflex.dispatch.live.DerateRepository;
import io.gridflex.dispatch.live.LiveState;
import io.gridflex.dispatch.live.LiveStateRepository;
import io.gridflex.dispatch.operator.OverrideRepository;
import io.gridflex.dispatch.operator.SiteOverride;
import io.gridflex.dispatch.registry.Site;
import io.gridflex.dispatch.registry.SiteRepository;
import io.gridflex.dispatch.schedule.PieceRepository;
import io.gridflex.dispatch.schedule.SitePiece;

/** Reads {@link FleetSite}s in a handful of queries, however many sites: one per table, never one per site. */
@ApplicationScoped
public class FleetView {

    private final SiteRepository sites;
    private final LiveStateRepository live;
    private final PieceRepository pieces;
    private final OverrideRepository overrides;
    private final DerateRepository derates;

    public FleetView(SiteRepository sites, LiveStateRepository live, PieceRepository pieces,
            OverrideRepository overrides, DerateRepository derates) {
        this.sites = sites;
        this.live = live;
        this.pieces = pieces;
        this.overrides = overrides;
        this.derates = derates;
    }

    /** The given sites (those registered), by site id. */
    public List<FleetSite> load(Connection connection, Collection<String> siteIds, Instant now) throws SQLException {
        if (siteIds.isEmpty()) {
            return List.of();
        }
        List<Site> registered = sites.findAll(connection, siteIds);
        Map<String, LiveState> states = live.forSites(connection, siteIds);
        Map<String, List<SitePiece>> piecesBySite = new HashMap<>();
        for (SitePiece piece : pieces.forSites(connection, siteIds, now)) {
            piecesBySite.computeIfAbsent(piece.siteId(), s -> new ArrayList<>()).add(piece);
        }
        Map<String, List<SiteOverride>> overridesBySite = new HashMap<>();
        for (SiteOverride override : overrides.inForce(connection, siteIds, now)) {
            overridesBySite.computeIfAbsent(override.siteId(), s -> new ArrayList<>()).add(override);
        }
        Map<String, Derate> findings = derates.inForce(connection, siteIds, now);
        return registered.stream().map(site -> new FleetSite(site, states.get(site.siteId()),
                piecesBySite.getOrDefault(site.siteId(), List.of()),
                overridesBySite.getOrDefault(site.siteId(), List.of()), findings.get(site.siteId()))).toList();
    }
}
