package io.gridflex.dispatch.fleet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.gridflex.dispatch.allocation.Candidate;
import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.allocation.Window;
import io.gridflex.dispatch.live.LiveState;
import io.gridflex.dispatch.operator.OverrideKind;
import io.gridflex.dispatch.operator.SiteOverride;
import io.gridflex.dispatch.registry.Site;
import io.gridflex.dispatch.registry.SiteStatus;
import io.gridflex.dispatch.schedule.SitePiece;

/**
 * Turns what dispatch knows about a site into what the allocator may count on for one event. A site is counted on
 * only when it is active, enrolled (for program events) and has reported recently; then for the least of its
 * enrollment, its registered maximum, what it reports it could shed, its mining load above the minimum, and what the
 * closed loop saw it deliver when it last fell short. Pure.
 */
public final class CandidateFactory {

    /** J/TH x 86,400 s a day / 3.6e9 J per MWh: the MWh one TH/s uses in a day, per J/TH of efficiency. */
    private static final BigDecimal MWH_PER_TH_DAY_PER_J_PER_TH = new BigDecimal("0.000024");

    private CandidateFactory() {
    }

    /**
     * @param eventId the event being allocated: its own pieces are not "busy", and sites carrying it now are sticky
     * @param programId the event's program, or null for a manual event (then the registered maximum is the limit)
     * @param hashPricePerThDay revenue of one TH/s for a day, to compute strike prices not registered; may be null
     */
    public static Result of(FleetSite fleetSite, String eventId, String programId, Instant now, Duration staleAfter,
            BigDecimal hashPricePerThDay) {
        Site site = fleetSite.site();
        if (site.status() != SiteStatus.ACTIVE) {
            return Result.excluded(site.siteId(), "site is " + site.status());
        }
        BigDecimal enrolled = programId == null ? site.maxShedKw() : site.enrolledKw(programId).orElse(null);
        if (enrolled == null) {
            return Result.excluded(site.siteId(), "not enrolled in " + programId);
        }
        LiveState live = fleetSite.live();
        if (live == null || !live.freshAt(now, staleAfter)) {
            return Result.excluded(site.siteId(), live == null
                    ? "never reported"
                    : "no report since "
                            + live.intervalEnd());
        }
        long capacity = min(DeciKw.floor(enrolled), DeciKw.floor(site.maxShedKw()),
                DeciKw.floor(live.totalSheddableKw()),
                DeciKw.floor(live.normalMiningKw() - site.minMiningKw().doubleValue()));
        if (fleetSite.derate() != null) {
            capacity = Math.min(capacity, DeciKw.floor(fleetSite.derate().kw()));
        }
        List<Window> busy = new ArrayList<>();
        boolean sticky = false;
        for (SitePiece piece : fleetSite.pieces()) {
            if (piece.eventId().equals(eventId)) {
                sticky |= piece.covers(now);
            } else if (piece.end().isAfter(piece.start())) {
                busy.add(new Window(piece.start(), piece.end(), piece.deciKw()));
            }
        }
        return Result.candidate(new Candidate(site.siteId(), site.priority(),
                strikePrice(site, live, hashPricePerThDay), DeciKw.floor(enrolled), Math.max(0, capacity),
                DeciKw.floor(live.normalDrawKw()),
                DeciKw.round(site.datacentreCommittedKw().add(site.minMiningKw())),
                site.rampDownKwPerMin() == null ? null : site.rampDownKwPerMin().doubleValue(), busy,
                limits(fleetSite.overrides()), sticky));
    }

    /** The registered strike price, or the break-even price of the site's efficiency at the hash price. */
    static BigDecimal strikePrice(Site site, LiveState live, BigDecimal hashPricePerThDay) {
        if (site.strikePricePerMwh() != null) {
            return site.strikePricePerMwh();
        }
        if (hashPricePerThDay == null || live.efficiencyJPerTh() == null || live.efficiencyJPerTh() <= 0) {
            return null;
        }
        BigDecimal mwhPerThDay = BigDecimal.valueOf(live.efficiencyJPerTh()).multiply(MWH_PER_TH_DAY_PER_J_PER_TH);
        return hashPricePerThDay.divide(mwhPerThDay, 2, RoundingMode.HALF_UP);
    }

    private static List<Window> limits(List<SiteOverride> overrides) {
        List<Window> limits = new ArrayList<>();
        for (SiteOverride override : overrides) {
            if (override.kind() == OverrideKind.HOLD) {
                limits.add(new Window(override.start(), override.end(), 0));
            } else if (override.kind() == OverrideKind.LIMIT) {
                limits.add(new Window(override.start(), override.end(), DeciKw.floor(override.kw())));
            }
        }
        return limits;
    }

    private static long min(long... values) {
        long least = Long.MAX_VALUE;
        for (long value : values) {
            least = Math.min(least, value);
        }
        return least;
    }

    /**
     * A site the allocator may count on, or why it may not.
     *
     * @param candidate the candidate, or null when excluded
     * @param siteId the site
     * @param excludedBecause why it takes no share, or null
     */
    public record Result(Candidate candidate, String siteId, String excludedBecause) {

        static Result candidate(Candidate candidate) {
            return new Result(candidate, candidate.siteId(), null);
        }

        static Result excluded(String siteId, String why) {
            return new Result(null, siteId, why);
        }
    }
}
