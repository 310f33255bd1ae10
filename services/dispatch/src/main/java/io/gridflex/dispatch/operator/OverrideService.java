package io.gridflex.dispatch.operator;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.db.AllocationLock;
import io.gridflex.dispatch.event.Reallocation;
import io.gridflex.dispatch.live.LiveState;
import io.gridflex.dispatch.live.LiveStateRepository;
import io.gridflex.dispatch.registry.Site;
import io.gridflex.dispatch.registry.SiteRepository;
import io.gridflex.dispatch.registry.SiteStatus;
import io.gridflex.dispatch.schedule.PieceRepository;
import io.gridflex.dispatch.schedule.Publication;
import io.gridflex.dispatch.schedule.ScheduleIssuer;
import io.gridflex.dispatch.schedule.SitePiece;
import io.gridflex.messages.ScheduleSegment.Kind;
import io.gridflex.support.audit.Actor;
import io.gridflex.support.audit.AuditLog;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;

/**
 * Operators' overrides of sites, with an expiry, and the fleet-wide emergency actions built on them. A SHED override
 * is a reduction of its own in the site's schedule; HOLD and LIMIT cap what the site may shed. Either way the events
 * at the site are re-allocated against it at once, so what a site can no longer give moves to other sites (or shows
 * as a shortfall), and a site is never asked for more than it may do.
 */
@ApplicationScoped
public class OverrideService {

    static final Duration MAX_OVERRIDE = Duration.ofDays(7);

    private final OverrideRepository overrides;
    private final SiteRepository sites;
    private final LiveStateRepository live;
    private final PieceRepository pieces;
    private final ScheduleIssuer issuer;
    private final Reallocation reallocation;
    private final AuditLog audit;
    private final Transactions transactions;
    private final Publication publication;
    private final DispatchConfig config;
    private final Clock clock;

    public OverrideService(OverrideRepository overrides, SiteRepository sites, LiveStateRepository live,
            PieceRepository pieces, ScheduleIssuer issuer, Reallocation reallocation, AuditLog audit,
            Transactions transactions, Publication publication, DispatchConfig config, Clock clock) {
        this.overrides = overrides;
        this.sites = sites;
        this.live = live;
        this.pieces = pieces;
        this.issuer = issuer;
        this.reallocation = reallocation;
        this.audit = audit;
        this.transactions = transactions;
        this.publication = publication;
        this.config = config;
        this.clock = clock;
    }

    public SiteOverride create(String siteId, OverrideRequest request, Actor actor) {
        SiteOverride created = publication.inTransaction(connection -> {
            Instant now = clock.instant();
            validate(request, now);
            AllocationLock.acquire(connection);
            Site site = sites.lock(connection, siteId).filter(s -> s.status() != SiteStatus.REMOVED)
                    .orElseThrow(() -> ApiException.notFound("unknown-site", "no site " + siteId));
            return apply(connection, site, request, actor, now);
        });
        return created;
    }

    /** Overrides every active site the same way: the emergency "shed all" (SHED) and "restore all" (HOLD). */
    public List<SiteOverride> everySite(OverrideRequest request, Actor actor) {
        List<SiteOverride> created = publication.inTransaction(connection -> {
            Instant now = clock.instant();
            validate(request, now);
            AllocationLock.acquire(connection);
            List<SiteOverride> made = new ArrayList<>();
            for (Site site : sites.list(connection, false)) {
                if (site.status() != SiteStatus.ACTIVE) {
                    continue;
                }
                if (request.kind() == OverrideKind.HOLD) {
                    clearSheds(connection, site.siteId(), actor, now);
                }
                made.add(apply(connection, site, request, actor, now));
            }
            return made;
        });
        return created;
    }

    public SiteOverride clear(long overrideId, Actor actor) {
        SiteOverride cleared = publication.inTransaction(connection -> {
            Instant now = clock.instant();
            AllocationLock.acquire(connection);
            SiteOverride override = overrides.clear(connection, overrideId, now, actor.name()).orElseThrow(
                    () -> ApiException.notFound("unknown-override", "no override " + overrideId + " in force"));
            withdraw(connection, override, now);
            audit.record(connection, actor, "override.clear", "site/" + override.siteId(), override, null, now);
            // The site can give again: events still short may take it.
            reallocation.shortEvents(connection, now, "override " + overrideId + " cleared");
            return override;
        });
        return cleared;
    }

    public List<SiteOverride> list(boolean inForceOnly) {
        return transactions.read(connection -> overrides.list(connection, inForceOnly, clock.instant(), 1000));
    }

    public Optional<SiteOverride> find(long overrideId) {
        return transactions.read(connection -> overrides.find(connection, overrideId));
    }

    private SiteOverride apply(Connection connection, Site site, OverrideRequest request, Actor actor, Instant now)
            throws SQLException {
        SiteOverride override = overrides.insert(connection, site.siteId(), request.kind(), request.kw(), now,
                request.until(), request.reason().strip(), now, actor.name());
        if (override.kind() == OverrideKind.SHED) {
            long most = everything(connection, site, now);
            if (request.kw() != null && DeciKw.round(request.kw()) > most) {
                throw ApiException.badRequest("impossible-target", "kw: " + site.siteId() + " can shed at most "
                        + DeciKw.toKw(most) + " kW now, not " + request.kw().toPlainString());
            }
            long deciKw = request.kw() != null ? DeciKw.round(request.kw()) : most;
            pieces.replaceFrom(connection, override.contributionId(), now, List.of(new SitePiece(
                    override.contributionId(), null, Kind.OVERRIDE, site.siteId(), now, override.end(), deciKw,
                    null)));
        }
        audit.record(connection, actor, "override.create", "site/" + site.siteId(), null, override, now);
        reallocation.atSites(connection, List.of(site.siteId()), now, "override " + override.overrideId() + " "
                + override.kind() + " at " + site.siteId());
        issuer.reissue(connection, List.of(site.siteId()), now);
        return override;
    }

    private void clearSheds(Connection connection, String siteId, Actor actor, Instant now) throws SQLException {
        for (SiteOverride override : overrides.inForce(connection, List.of(siteId), now)) {
            if (override.kind() == OverrideKind.SHED) {
                overrides.clear(connection, override.overrideId(), now, actor.name());
                withdraw(connection, override, now);
            }
        }
    }

    private void withdraw(Connection connection, SiteOverride override, Instant now) throws SQLException {
        if (override.kind() == OverrideKind.SHED) {
            pieces.replaceFrom(connection, override.contributionId(), now, List.of());
        }
        issuer.reissue(connection, List.of(override.siteId()), now);
    }

    /** All a site can shed: what its agent reports, or its registered maximum when it has not reported lately. */
    private long everything(Connection connection, Site site, Instant now) throws SQLException {
        Optional<LiveState> state = live.find(connection, site.siteId())
                .filter(s -> s.freshAt(now, config.sites().staleAfter()));
        long registered = DeciKw.floor(site.maxShedKw());
        return state.map(s -> Math.min(registered, DeciKw.floor(s.totalSheddableKw()))).orElse(registered);
    }

    private static void validate(OverrideRequest request, Instant now) {
        List<String> problems = new ArrayList<>();
        if (request == null || request.kind() == null) {
            throw ApiException.badRequest("invalid-override", "kind: SHED, HOLD or LIMIT");
        }
        if (request.kind() == OverrideKind.HOLD && request.kw() != null) {
            problems.add("kw: a HOLD sheds nothing, so it names no kW");
        }
        if (request.kind() == OverrideKind.LIMIT && (request.kw() == null || request.kw().signum() < 0)) {
            problems.add("kw: a LIMIT names the most the site may shed, 0 or more");
        }
        if (request.kind() == OverrideKind.SHED && request.kw() != null && request.kw().signum() <= 0) {
            problems.add("kw: a SHED names more than 0 kW, or none for everything");
        }
        if (request.kw() != null && request.kw().compareTo(new BigDecimal("10000000")) > 0) {
            problems.add("kw: at most 10000000");
        }
        if (request.until() == null || !request.until().isAfter(now)
                || request.until().isAfter(now.plus(MAX_OVERRIDE))) {
            problems.add("until: after now and at most " + MAX_OVERRIDE.toDays() + " days ahead (overrides always "
                    + "expire)");
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 1024) {
            problems.add("reason: required, at most 1024 characters");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid-override", String.join("; ", problems));
        }
    }
}
