package io.gridflex.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.ScheduleSegment.Contribution;
import io.gridflex.messages.ScheduleSegment.Kind;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.settlement.attribution.Episode;
import io.gridflex.settlement.attribution.EpisodeAttribution;
import io.gridflex.settlement.attribution.EpisodeSearch;
import io.gridflex.settlement.attribution.EventShares;
import io.gridflex.settlement.attribution.SettledEpisode;
import io.gridflex.settlement.attribution.SiteAttribution;
import io.gridflex.settlement.baseline.MeterBeforeMeterAfter;
import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.SiteSettlement;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.schedule.Revision;
import io.gridflex.settlement.schedule.ShareKey;

/**
 * Settlement's pure computations for one site: meter-before/meter-after over one window ({@link MeterBeforeMeterAfter},
 * a shed episode with a single contributor), and the attribution of a shed episode that two overlapping events share
 * (episode search over the schedule revisions, {@link EpisodeAttribution}, {@link EventShares}): what settlement
 * repeats for every site of every event on every request, since figures are computed, never stored.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SettlementBenchmark {

    static final Instant EVENT_START = Instant.parse("2026-11-21T18:00:00Z");
    static final Duration EVENT_LENGTH = Duration.ofHours(1);
    static final Duration BASELINE_WINDOW = Duration.ofMinutes(15);
    static final int INTERVAL_SECONDS = 10;
    /** As configured (gridflex.settlement.episode.max-length). */
    static final Duration EPISODE_MAX_LENGTH = Duration.ofDays(7);
    /** 144 kW for 10 s. */
    static final BigDecimal BEFORE_KWH = new BigDecimal("0.400");
    /** 54 kW for 10 s: a constant shed of 90 kW. */
    static final BigDecimal DURING_KWH = new BigDecimal("0.150");

    /**
     * Realistic because it is the size settlement really handles for a 1 h event with the 15 min baseline window: a
     * site's 10 s metered intervals, 90 before the event and 360 during it (450 in all, as stored from telemetry). A
     * constant draw keeps the expected result computable by hand (see BenchmarkInputsTest); the arithmetic is the
     * same whatever the values.
     */
    static List<MeteredInterval> meteredIntervals() {
        List<MeteredInterval> intervals = new ArrayList<>();
        long baselineSeconds = BASELINE_WINDOW.toSeconds();
        for (long s = -baselineSeconds; s < EVENT_LENGTH.toSeconds(); s += INTERVAL_SECONDS) {
            intervals.add(new MeteredInterval(EVENT_START.plusSeconds(s), EVENT_START.plusSeconds(s + INTERVAL_SECONDS),
                    s < 0 ? BEFORE_KWH : DURING_KWH));
        }
        return List.copyOf(intervals);
    }

    /** The settlement rule as configured in production (15 min window, 90 % coverage) and one site's meter data. */
    @State(Scope.Benchmark)
    public static class Site {

        MeterBeforeMeterAfter settlement;
        TimeWindow delivery;
        List<MeteredInterval> intervals;

        @Setup
        public void setUp() {
            settlement = new MeterBeforeMeterAfter(BASELINE_WINDOW, new BigDecimal("0.9"));
            delivery = new TimeWindow(EVENT_START, EVENT_START.plus(EVENT_LENGTH));
            intervals = meteredIntervals();
        }
    }

    @Benchmark
    public SiteSettlement settleOneSiteOneHourEvent(Site site) {
        return site.settlement.settle(EVENT_START, site.delivery, site.intervals);
    }

    static final String FIRST_EVENT = "vtn-1/evt-2026-11-21-01";
    static final String SECOND_EVENT = "vtn-2/evt-88121";
    /** 180 kW for 10 s: the draw before the episode. */
    static final BigDecimal BASELINE_KWH = new BigDecimal("0.500");
    /** 90 kW for 10 s: the first event's 90 kW held off. */
    static final BigDecimal FIRST_ALONE_KWH = new BigDecimal("0.250");
    /** 54 kW for 10 s: both events, 90 + 36 kW, held off. */
    static final BigDecimal BOTH_KWH = new BigDecimal("0.150");

    /**
     * Realistic because it is how a second event lands on a site: the first (90 kW for an hour) was issued at 17:40 as
     * revision 1; at 18:10, with the site already shedding, a second program's event asks 36 kW more for the last half
     * hour, and dispatch issues revision 2 with the segment under way unchanged. One shed episode, one baseline before
     * 18:00, two contributors sharing its second half by their kW. The schedules go through the same conversion as
     * when settlement consumes them ({@link Revision#of}).
     */
    static List<Revision> overlappingRevisions() {
        Instant half = EVENT_START.plusSeconds(1800);
        Instant end = EVENT_START.plus(EVENT_LENGTH);
        Contribution first = new Contribution(FIRST_EVENT, "ercot-ers", Kind.EVENT, 90.0, null);
        Contribution second = new Contribution(SECOND_EVENT, "oncor-cr", Kind.EVENT, 36.0, null);
        SiteSchedule one = new SiteSchedule("site-a", 1, Instant.parse("2026-11-21T17:40:00.518Z"),
                List.of(new ScheduleSegment(EVENT_START, end, 90.0, null, List.of(first))));
        SiteSchedule two = new SiteSchedule("site-a", 2, Instant.parse("2026-11-21T18:10:00.207Z"),
                List.of(new ScheduleSegment(EVENT_START, half, 90.0, null, List.of(first)),
                        new ScheduleSegment(half, end, 126.0, null, List.of(first, second))));
        return List.of(Revision.of(one), Revision.of(two));
    }

    /** 90 intervals of 10 s at the baseline, 180 under the first event alone, 180 under both: 450 in all. */
    static List<MeteredInterval> overlappingMeter() {
        List<MeteredInterval> intervals = new ArrayList<>();
        long baselineSeconds = BASELINE_WINDOW.toSeconds();
        for (long s = -baselineSeconds; s < EVENT_LENGTH.toSeconds(); s += INTERVAL_SECONDS) {
            BigDecimal kwh = s < 0 ? BASELINE_KWH : s < 1800 ? FIRST_ALONE_KWH : BOTH_KWH;
            intervals.add(new MeteredInterval(EVENT_START.plusSeconds(s),
                    EVENT_START.plusSeconds(s + INTERVAL_SECONDS), kwh));
        }
        return List.copyOf(intervals);
    }

    /** The rule as configured in production, the site's revisions and its meter data. */
    @State(Scope.Benchmark)
    public static class SharedSite {

        EpisodeAttribution attribution;
        List<Revision> revisions;
        List<MeteredInterval> intervals;
        TimeWindow span;

        @Setup
        public void setUp() {
            attribution = new EpisodeAttribution(new MeterBeforeMeterAfter(BASELINE_WINDOW, new BigDecimal("0.9")));
            revisions = overlappingRevisions();
            intervals = overlappingMeter();
            span = new TimeWindow(EVENT_START, EVENT_START.plus(EVENT_LENGTH));
        }
    }

    /**
     * Both events' figures at the site, as settlement's delivery service computes them: find the whole episode
     * around the site-hour, settle it against its one baseline, and take each event's share.
     */
    @Benchmark
    public List<SiteAttribution> attributeOneSiteHourTwoOverlappingEvents(SharedSite site) {
        List<Episode> episodes = EpisodeSearch.around(window -> site.revisions, site.span, EPISODE_MAX_LENGTH);
        List<MeteredInterval> sorted = MeterBeforeMeterAfter.sortedWithoutOverlap(site.intervals);
        List<SettledEpisode> settled = episodes.stream().map(e -> site.attribution.settle(e, sorted)).toList();
        return List.of(
                EventShares.attribute(ShareKey.event(FIRST_EVENT), settled,
                        site.attribution.meter().minimumCoverage()),
                EventShares.attribute(ShareKey.event(SECOND_EVENT), settled,
                        site.attribution.meter().minimumCoverage()));
    }
}
