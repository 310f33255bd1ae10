package io.gridflex.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.gridflex.dispatch.allocation.Candidate;
import io.gridflex.dispatch.allocation.EventAllocation;
import io.gridflex.dispatch.allocation.EventRequest;
import io.gridflex.dispatch.allocation.MeritOrderAllocator;
import io.gridflex.dispatch.allocation.Piece;
import io.gridflex.dispatch.allocation.ProgramTerms;
import io.gridflex.dispatch.fleet.CandidateFactory;
import io.gridflex.dispatch.fleet.FleetSite;
import io.gridflex.dispatch.live.Derate;
import io.gridflex.dispatch.live.LiveState;
import io.gridflex.dispatch.operator.OverrideKind;
import io.gridflex.dispatch.operator.SiteOverride;
import io.gridflex.dispatch.registry.Enrollment;
import io.gridflex.dispatch.registry.Owner;
import io.gridflex.dispatch.registry.Site;
import io.gridflex.dispatch.registry.SiteStatus;
import io.gridflex.dispatch.schedule.ScheduleComposer;
import io.gridflex.dispatch.schedule.SitePiece;
import io.gridflex.messages.DrEvent.Signal;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.ScheduleSegment.Kind;
import io.gridflex.messages.SiteTelemetry;

/**
 * What dispatch computes, in memory, for one DR event revision across a portfolio of 10, 100 and 1000 sites: a
 * {@link Candidate} per site from everything dispatch knows of it ({@link CandidateFactory}), the merit-order
 * allocation of every interval ({@link MeritOrderAllocator}), and the new schedule of every site it gives a piece
 * ({@link ScheduleComposer}, over the site's other commitments). The database round trips and the JSON around it are
 * measured by dispatch's end-to-end harness ({@code EventToKafkaBenchmark}), not here.
 * <p>
 * "With every constraint": the portfolio has sites busy with two other events whose windows overlap this one's, an
 * operator's shed override, HOLD and LIMIT overrides, closed-loop derates, ramp rates that bound the first interval,
 * data centres that bound an import cap, registered strike prices and strike prices computed from efficiency and hash
 * price (some unknown), three priorities, sites not enrolled for all they could shed, a suspended site and a silent
 * one; the event has start randomization and the program an over-delivery margin.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AllocationBenchmark {

    static final Instant NOW = Instant.parse("2026-11-21T17:58:00Z");
    /** Two minutes ahead: ramp rates bound what a site can reach by the first interval (plus the grace). */
    static final Instant EVENT_START = NOW.plusSeconds(120);
    static final String PROGRAM = "ercot-ers";
    static final String EVENT_ID = "vtn-1/evt-2026-11-21-01";
    static final String MORNING_EVENT = "vtn-1/evt-2026-11-21-00";
    static final String EVENING_EVENT = "vtn-2/evt-88121";
    static final Duration STALE_AFTER = Duration.ofSeconds(30);
    /** As configured (gridflex.dispatch.allocation.ramp-grace). */
    static final Duration RAMP_GRACE = Duration.ofSeconds(60);
    static final BigDecimal HASH_PRICE_PER_TH_DAY = new BigDecimal("0.045");
    /** Level shares, a 5 % over-delivery margin, prices in USD. */
    static final ProgramTerms TERMS = new ProgramTerms(
            List.of(new BigDecimal("0.25"), new BigDecimal("0.5"), BigDecimal.ONE), new BigDecimal("0.05"), "USD");
    static final long START_AFTER_SECONDS = 120;
    /** The multi-interval reduction: four 15 min intervals, each a share of the fleet's counted-on capacity. */
    static final double[] REDUCTION_SHARES = {0.30, 0.40, 0.45, 0.35};
    /** The import cap: two 30 min intervals, the fleet's draw capped at these shares of its normal draw. */
    static final double[] IMPORT_CAP_SHARES = {0.85, 0.80};

    /**
     * Realistic because mining sites differ in every way dispatch cares about (fixed seed, so every run allocates the
     * same portfolio): 100-600 kW of mining with 10 % that always runs, registered for 90 % of it and enrolled for
     * 60-100 % of that; a co-located data centre at every fifth; a ramp rate of 10-40 kW/min at every fourth; every
     * second with a registered strike price, the others priced from their reported efficiency (18-34 J/TH) at the
     * hash price, one in ten of those unknown; and the commitments and overrides listed in the class comment.
     */
    static List<FleetSite> fleet(int size) {
        Random random = new Random(20261121L);
        List<FleetSite> sites = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String siteId = "site-%04d".formatted(i);
            double mining = kw(100 + random.nextDouble() * 500);
            double minMining = kw(mining * 0.1);
            double maxShed = kw(mining * 0.9);
            double enrolled = kw(maxShed * (0.6 + random.nextDouble() * 0.4));
            double dataCentre = i % 5 == 0 ? kw(40 + random.nextDouble() * 80) : 0;
            BigDecimal ramp = i % 4 == 1 ? decimal(10 + random.nextDouble() * 30) : null;
            int priority = i % 10 == 0 ? 50 : i % 7 == 0 ? 200 : 100;
            BigDecimal strike = i % 2 == 0 ? decimal(35 + random.nextDouble() * 60) : null;
            Double efficiency = i % 20 == 1 ? null : Math.round((18 + random.nextDouble() * 16) * 10) / 10.0;
            SiteStatus status = i % 97 == 96 ? SiteStatus.SUSPENDED : SiteStatus.ACTIVE;
            Site site = new Site(siteId, "Site " + i, "America/Chicago", decimal(maxShed), decimal(minMining), ramp,
                    ramp, priority, new BigDecimal("0.7"), new Owner("Owner " + i, "owner@example.com"),
                    decimal(mining + dataCentre + 200), decimal(dataCentre * 0.8), strike, status,
                    List.of(new Enrollment(PROGRAM, decimal(enrolled))), 1, NOW.minus(Duration.ofDays(30)),
                    "olivia", NOW.minus(Duration.ofDays(30)), "olivia");

            List<SitePiece> pieces = new ArrayList<>();
            if (i % 3 == 0) {
                // This morning's event runs into the first 20 minutes of this one.
                pieces.add(new SitePiece(MORNING_EVENT, PROGRAM, Kind.EVENT, siteId, EVENT_START.minusSeconds(1800),
                        EVENT_START.plusSeconds(1200), deciKw(enrolled * 0.25), null));
            }
            if (i % 5 == 2) {
                // Another program's event starts during this one's last interval.
                pieces.add(new SitePiece(EVENING_EVENT, "oncor-cr", Kind.EVENT, siteId,
                        EVENT_START.plusSeconds(2700), EVENT_START.plusSeconds(3 * 3600), deciKw(enrolled * 0.2),
                        null));
            }
            List<SiteOverride> overrides = new ArrayList<>();
            if (i % 50 == 7) {
                overrides.add(new SiteOverride(i, siteId, OverrideKind.SHED, new BigDecimal("30"),
                        EVENT_START.plusSeconds(600), EVENT_START.plusSeconds(2400), "manual test", NOW, "olivia",
                        null, null));
                pieces.add(new SitePiece("operator/override-" + i, null, Kind.OVERRIDE, siteId,
                        EVENT_START.plusSeconds(600), EVENT_START.plusSeconds(2400), 300, null));
            }
            if (i % 20 == 3) {
                overrides.add(new SiteOverride(10_000 + i, siteId, OverrideKind.HOLD, null,
                        EVENT_START.plusSeconds(900), EVENT_START.plusSeconds(1800), "maintenance", NOW, "olivia",
                        null, null));
            }
            if (i % 25 == 4) {
                overrides.add(new SiteOverride(20_000 + i, siteId, OverrideKind.LIMIT, new BigDecimal("80"), NOW,
                        EVENT_START.plusSeconds(3600), "transformer limit", NOW, "olivia", null, null));
            }
            Derate derate = i % 40 == 5
                    ? new Derate(siteId, decimal(enrolled * 0.5), NOW.minusSeconds(300),
                            EVENT_START.plusSeconds(3600), "delivered 50 % of its target")
                    : null;

            double heldNow = pieces.stream().filter(p -> p.covers(NOW)).mapToLong(SitePiece::deciKw).sum() / 10.0;
            double miningNow = kw(mining - heldNow);
            Instant reported = i % 89 == 88 ? NOW.minusSeconds(120) : NOW.minusSeconds(1);
            LiveState live = new LiveState(siteId, reported.minusSeconds(2), reported, kw(miningNow + dataCentre),
                    miningNow, dataCentre > 0 ? dataCentre : null, kw((miningNow - minMining) * 0.95), heldNow,
                    heldNow, kw(mining + dataCentre + 200), new SiteTelemetry.MinerCounts(100, 95, 5, 0, 0),
                    mining * 30, efficiency, 3L, SiteTelemetry.Source.METER, 1, reported);
            sites.add(new FleetSite(site, live, pieces, overrides, derate));
        }
        return List.copyOf(sites);
    }

    /** Candidates as dispatch builds them: every site the factory does not exclude. */
    static List<Candidate> candidates(List<FleetSite> fleet) {
        List<Candidate> candidates = new ArrayList<>(fleet.size());
        for (FleetSite site : fleet) {
            CandidateFactory.Result result = CandidateFactory.of(site, EVENT_ID, PROGRAM, NOW, STALE_AFTER,
                    HASH_PRICE_PER_TH_DAY);
            if (result.candidate() != null) {
                candidates.add(result.candidate());
            }
        }
        return candidates;
    }

    /** Four 15 min intervals asking a changing share of what the fleet is counted on for, in kW. */
    static EventRequest reduction(List<FleetSite> fleet) {
        double capacityKw = candidates(fleet).stream().mapToLong(Candidate::capacityDeciKw).sum() / 10.0;
        List<DrInterval> intervals = new ArrayList<>();
        for (int k = 0; k < REDUCTION_SHARES.length; k++) {
            Instant start = EVENT_START.plusSeconds(900L * k);
            intervals.add(new DrInterval(start, start.plusSeconds(900), decimal(capacityKw * REDUCTION_SHARES[k])));
        }
        return new EventRequest(EVENT_ID, Signal.REDUCTION_KW, null, intervals, START_AFTER_SECONDS);
    }

    /** Two 30 min intervals capping the fleet's draw at a share of its normal draw. */
    static EventRequest importCap(List<FleetSite> fleet) {
        double drawKw = candidates(fleet).stream().mapToLong(Candidate::normalDrawDeciKw).sum() / 10.0;
        List<DrInterval> intervals = new ArrayList<>();
        for (int k = 0; k < IMPORT_CAP_SHARES.length; k++) {
            Instant start = EVENT_START.plusSeconds(1800L * k);
            intervals.add(new DrInterval(start, start.plusSeconds(1800), decimal(drawKw * IMPORT_CAP_SHARES[k])));
        }
        return new EventRequest(EVENT_ID, Signal.IMPORT_CAP_KW, null, intervals, 0);
    }

    /**
     * The candidates, the allocation and the schedule of every site it gives a piece, composed over the site's other
     * pieces, as {@code EventAllocator} and {@code ScheduleIssuer} do between their queries.
     */
    static Outcome allocate(MeritOrderAllocator allocator, EventRequest request, List<FleetSite> fleet) {
        List<Candidate> candidates = candidates(fleet);
        EventAllocation allocation = allocator.allocate(request, TERMS, candidates, NOW);
        Map<String, List<SitePiece>> bySite = new TreeMap<>();
        for (Piece piece : allocation.pieces()) {
            bySite.computeIfAbsent(piece.siteId(), s -> new ArrayList<>()).add(new SitePiece(EVENT_ID, PROGRAM,
                    Kind.EVENT, piece.siteId(), piece.start(), piece.end(), piece.deciKw(),
                    piece.importCapDeciKw()));
        }
        Map<String, FleetSite> sites = new HashMap<>();
        fleet.forEach(site -> sites.put(site.site().siteId(), site));
        Map<String, List<ScheduleSegment>> schedules = new TreeMap<>();
        bySite.forEach((siteId, mine) -> {
            List<SitePiece> all = new ArrayList<>(sites.get(siteId).pieces());
            all.addAll(mine);
            schedules.put(siteId, ScheduleComposer.compose(all, NOW));
        });
        return new Outcome(candidates, allocation, schedules);
    }

    /**
     * @param candidates the sites counted on
     * @param allocation the event's pieces and per-interval outcome
     * @param schedules the new schedule of every site given a piece
     */
    record Outcome(List<Candidate> candidates, EventAllocation allocation,
            Map<String, List<ScheduleSegment>> schedules) {
    }

    private static double kw(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static long deciKw(double kw) {
        return Math.round(kw * 10);
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }

    @State(Scope.Benchmark)
    public static class Portfolio {

        @Param({"10", "100", "1000"})
        int sites;

        MeritOrderAllocator allocator;
        List<FleetSite> fleet;
        EventRequest reduction;
        EventRequest importCap;

        @Setup
        public void setUp() {
            allocator = new MeritOrderAllocator(RAMP_GRACE);
            fleet = fleet(sites);
            reduction = reduction(fleet);
            importCap = importCap(fleet);
        }
    }

    /** A kW reduction in four intervals of different size, with start randomization. */
    @Benchmark
    public Outcome allocateMultiIntervalReduction(Portfolio portfolio) {
        return allocate(portfolio.allocator, portfolio.reduction, portfolio.fleet);
    }

    /** An import cap in two intervals: every site's piece also carries its own cap. */
    @Benchmark
    public Outcome allocateImportCap(Portfolio portfolio) {
        return allocate(portfolio.allocator, portfolio.importCap, portfolio.fleet);
    }
}
