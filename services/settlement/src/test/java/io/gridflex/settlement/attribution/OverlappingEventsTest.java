package io.gridflex.settlement.attribution;

import static io.gridflex.settlement.schedule.Revisions.T;
import static io.gridflex.settlement.schedule.Revisions.at;
import static io.gridflex.settlement.schedule.Revisions.event;
import static io.gridflex.settlement.schedule.Revisions.override;
import static io.gridflex.settlement.schedule.Revisions.revision;
import static io.gridflex.settlement.schedule.Revisions.segment;
import static io.gridflex.settlement.schedule.Revisions.steps;
import static io.gridflex.settlement.schedule.Revisions.test;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.ScheduleSegment.Kind;
import io.gridflex.settlement.baseline.MeterBeforeMeterAfter;
import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.SettlementStatus;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.schedule.Revision;
import io.gridflex.settlement.schedule.Segment;
import io.gridflex.settlement.schedule.ShareKey;

/**
 * Overlapping events at one site, from schedule revisions and meter readings to each event's figure. The baseline
 * window is 30 s; before every episode below the site draws 1.0 kWh per 10 s (360 kW), so every 10 s interval
 * delivers {@code 1.0 − its energy}. Figures are worked by hand in the comments.
 */
class OverlappingEventsTest {

    private static final EpisodeAttribution ATTRIBUTION = new EpisodeAttribution(
            new MeterBeforeMeterAfter(Duration.ofSeconds(30), new BigDecimal("0.9")));
    private static final BigDecimal MINIMUM_COVERAGE = new BigDecimal("0.9");

    @Test
    void twoOverlappingEventsShareTheSiteByTheirKw() {
        // [0, 30) e1 alone: 3 × 0.6 = 1.8 kWh, all e1. [30, 90) e1 200 kW + e2 100 kW: 6 × 0.6 = 3.6 kWh, 2.4 to e1
        // and 1.2 to e2. e1 4.2, e2 1.2: together the site's 5.4 kWh, each kWh once.
        Site site = settle(meter(90, "0.4"), revision(1, -60, segment(0, 30, event("vtn/e1", "200")),
                segment(30, 90, event("vtn/e1", "200"), event("vtn/e2", "100"))));

        SiteAttribution e1 = site.event("vtn/e1");
        SiteAttribution e2 = site.event("vtn/e2");
        assertThat(e1.status()).isEqualTo(SettlementStatus.COMPLETE);
        assertThat(e1.deliveredKwh()).isEqualTo(new BigDecimal("4.200"));
        assertThat(e2.deliveredKwh()).isEqualTo(new BigDecimal("1.200"));
        assertThat(e2.deliveredMwh()).isEqualTo(new BigDecimal("0.001200"));
        assertThat(e1.deliveredKwh().add(e2.deliveredKwh())).isEqualTo(site.totalKwh())
                .isEqualTo(new BigDecimal("5.400"));
        // 1.2 kWh over e2's 60 s = 72 kW; e2 was in force from 30 s, e1 from 0.
        assertThat(e2.averageDeliveredKw()).isEqualTo(new BigDecimal("72.000"));
        assertThat(e2.windows()).singleElement().satisfies(w -> {
            assertThat(w.start()).isEqualTo(at(30));
            assertThat(w.allocatedKw()).isEqualByComparingTo("100");
            assertThat(w.shedKw()).isEqualByComparingTo("300");
            assertThat(w.share()).isEqualTo(new BigDecimal("0.333333"));
            assertThat(w.contributions()).hasSize(2);
        });
        assertThat(e2.intervals()).hasSize(6).allSatisfy(line -> {
            assertThat(line.deliveredKwh()).isEqualTo(new BigDecimal("0.600000"));
            assertThat(line.attributedKwh()).isEqualTo(new BigDecimal("0.200000"));
        });
        // One episode, one baseline, for both.
        assertThat(Stream.of(e1, e2).flatMap(e -> e.episodes().stream()))
                .allSatisfy(episode -> {
                    assertThat(episode.baselineWindowEnd()).isEqualTo(T);
                    assertThat(episode.baselineKw()).isEqualTo(new BigDecimal("360.000"));
                    assertThat(episode.siteDeliveredKwh()).isEqualTo(new BigDecimal("5.400"));
                });
    }

    @Test
    void anEventAnnouncedDuringAnotherIsMeasuredAgainstTheBaselineBeforeTheFirst() {
        // e2 is announced at 20 s for [30, 60), while e1 runs [0, 60). The site draws 0.7 per 10 s under e1 alone and
        // 0.4 under both. Measured against a baseline before its own start (the meter already lowered to 0.7 by e1,
        // 252 kW) e2 would look like it delivered 0.3 per interval of 0.6; against the episode's baseline (360 kW)
        // [30, 60) delivers 3 × 0.6 = 1.8, half each, and [0, 30) 3 × 0.3 = 0.9, all e1: e1 1.8, e2 0.9.
        List<MeteredInterval> meter = new ArrayList<>(steps(-30, 3, "1.0"));
        meter.addAll(steps(0, 3, "0.7"));
        meter.addAll(steps(30, 3, "0.4"));
        Site site = settle(meter,
                revision(1, -60, segment(0, 60, event("vtn/e1", "100"))),
                revision(2, 20, segment(0, 30, event("vtn/e1", "100")),
                        segment(30, 60, event("vtn/e1", "100"), event("vtn/e2", "100"))));

        SiteAttribution e2 = site.event("vtn/e2");
        assertThat(e2.deliveredKwh()).isEqualTo(new BigDecimal("0.900"));
        assertThat(site.event("vtn/e1").deliveredKwh()).isEqualTo(new BigDecimal("1.800"));
        assertThat(e2.episodes()).singleElement().satisfies(episode -> {
            assertThat(episode.start()).isEqualTo(T);
            assertThat(episode.baselineWindowStart()).isEqualTo(at(-30));
            assertThat(episode.baselineKw()).isEqualTo(new BigDecimal("360.000"));
        });
        assertThat(e2.windows()).singleElement().satisfies(w -> assertThat(w.revision()).isEqualTo(2));
        assertThat(site.settled()).hasSize(1);
    }

    @Test
    void aModificationMidEventChangesTheSharesFromItsIssue() {
        // 0.75 kWh delivered per 10 s. [0, 30) e1 200 / e2 100: 2.25 → 1.5 / 0.75. At 30 s revision 2 lowers e1 to
        // 100: [30, 60) 2.25 → 1.125 / 1.125. e1 2.625, e2 1.875: 4.5 in all.
        Site site = settle(meter(60, "0.25"),
                revision(1, -60, segment(0, 60, event("vtn/e1", "200"), event("vtn/e2", "100"))),
                revision(2, 30, segment(30, 60, event("vtn/e1", "100"), event("vtn/e2", "100"))));

        SiteAttribution e1 = site.event("vtn/e1");
        SiteAttribution e2 = site.event("vtn/e2");
        assertThat(e1.windows()).extracting(ShareWindow::revision).containsExactly(1L, 2L);
        assertThat(e1.windows().get(0).allocatedKw()).isEqualByComparingTo("200");
        assertThat(e1.windows().get(1).allocatedKw()).isEqualByComparingTo("100");
        assertThat(e1.windows().get(1).start()).isEqualTo(at(30));
        assertThat(e1.deliveredKwh()).isEqualTo(new BigDecimal("2.625"));
        assertThat(e2.deliveredKwh()).isEqualTo(new BigDecimal("1.875"));
        assertThat(site.totalKwh()).isEqualTo(new BigDecimal("4.500"));
    }

    @Test
    void aCancelMidEventEndsTheEventsShareAtTheIssueOfTheRevisionWithoutIt() {
        // Revision 2, issued at 20 s, no longer holds e2. [0, 20): 1.5 kWh, half each; [20, 60): 3.0 kWh, all e1.
        Site site = settle(meter(60, "0.25"),
                revision(1, -60, segment(0, 60, event("vtn/e1", "100"), event("vtn/e2", "100"))),
                revision(2, 20, segment(20, 60, event("vtn/e1", "100"))));

        SiteAttribution e2 = site.event("vtn/e2");
        assertThat(e2.windows()).extracting(ShareWindow::end).containsExactly(at(20));
        assertThat(e2.deliveredKwh()).isEqualTo(new BigDecimal("0.750"));
        assertThat(e2.intervals()).hasSize(2);
        assertThat(site.event("vtn/e1").deliveredKwh()).isEqualTo(new BigDecimal("3.750"));
    }

    @Test
    void cancellingTheOnlyEventEndsTheEpisode() {
        // Released at 20 s; the meter back at 1.0 afterwards delivers nothing and is not counted anyway.
        List<MeteredInterval> meter = new ArrayList<>(steps(-30, 3, "1.0"));
        meter.addAll(steps(0, 2, "0.25"));
        meter.addAll(steps(20, 4, "1.0"));
        Site site = settle(meter, revision(1, -60, segment(0, 60, event("vtn/e1", "100"))), revision(2, 20));

        SiteAttribution e1 = site.event("vtn/e1");
        assertThat(e1.deliveredKwh()).isEqualTo(new BigDecimal("1.500"));
        assertThat(e1.episodes()).singleElement().satisfies(e -> assertThat(e.end()).isEqualTo(at(20)));
        assertThat(e1.status()).isEqualTo(SettlementStatus.COMPLETE);
    }

    @Test
    void aScheduleIssuedLongBeforeTheStartGovernsFromItsSegmentNotFromItsIssue() {
        Site site = settle(meter(60, "0.25"), revision(1, -86_400, segment(0, 60, event("vtn/e1", "100"))));

        SiteAttribution e1 = site.event("vtn/e1");
        assertThat(e1.episodes()).singleElement().satisfies(episode -> {
            assertThat(episode.start()).isEqualTo(T);
            assertThat(episode.baselineWindowEnd()).isEqualTo(T);
        });
        assertThat(e1.deliveredKwh()).isEqualTo(new BigDecimal("4.500"));
    }

    @Test
    void aContributionReplacedBeforeItBeganHadNoDeliveryWindow() {
        Site site = settle(meter(60, "0.25"),
                revision(1, -3600, segment(0, 60, event("vtn/e1", "100"), event("vtn/e2", "100"))),
                revision(2, -60, segment(0, 60, event("vtn/e1", "100"))));

        SiteAttribution e2 = site.event("vtn/e2");
        assertThat(e2.status()).isEqualTo(SettlementStatus.NO_DELIVERY_WINDOW);
        assertThat(e2.deliveredKwh()).isEqualTo(new BigDecimal("0.000"));
        assertThat(e2.windows()).isEmpty();
        assertThat(site.event("vtn/e1").deliveredKwh()).isEqualTo(new BigDecimal("4.500"));
    }

    @Test
    void testAndOverrideSharesAreNeverPaidToEvents() {
        // 0.75 kWh per 10 s. [0, 60) e1 100 / test 100: 4.5 → 2.25 each. [60, 90) e1 100 / override 300: 2.25 →
        // 0.5625 / 1.6875. e1 2.8125, override 1.6875, test 2.25: 6.75. Rounded together to 3 decimals: the floors
        // 2.812 + 1.687 + 2.250 = 6.749 lack one unit, which goes to the first of the two equal remainders in key
        // order (operator/ovr before vtn/e1): override 1.688, e1 2.812, test 2.250.
        Site site = settle(meter(90, "0.25"), revision(1, -60,
                segment(0, 60, event("vtn/e1", "100"), test("operator/test-1", "100")),
                segment(60, 90, event("vtn/e1", "100"), override("operator/ovr", "300"))));

        assertThat(site.event("vtn/e1").deliveredKwh()).isEqualTo(new BigDecimal("2.812"));
        assertThat(site.share(new ShareKey("operator/ovr", Kind.OVERRIDE))).isEqualTo(new BigDecimal("1.688"));
        assertThat(site.share(new ShareKey("operator/test-1", Kind.TEST))).isEqualTo(new BigDecimal("2.250"));
        assertThat(site.totalKwh()).isEqualTo(new BigDecimal("6.750"));
        // An operator action of the same id is not the event: nothing of it reaches an EVENT key.
        assertThat(site.event("operator/test-1").status()).isEqualTo(SettlementStatus.NO_DELIVERY_WINDOW);
    }

    @Test
    void roundedSharesAddUpToTheSitesRoundedDelivery() {
        // One interval delivering exactly 1 kWh, shared equally by three events: a third each, 0.333 on its own,
        // 0.999 in all. Rounded together: 0.333, 0.333 and 0.334 (the last part, which took what the division left,
        // has the largest remainder).
        List<MeteredInterval> meter = new ArrayList<>(steps(-30, 3, "1.0"));
        meter.addAll(steps(0, 1, "0"));
        Site site = settle(meter, revision(1, -60,
                segment(0, 10, event("vtn/a", "7"), event("vtn/b", "7"), event("vtn/c", "7"))));

        List<BigDecimal> figures = Stream.of("vtn/a", "vtn/b", "vtn/c").map(id -> site.event(id).deliveredKwh())
                .toList();
        assertThat(figures).containsExactly(new BigDecimal("0.333"), new BigDecimal("0.333"),
                new BigDecimal("0.334"));
        assertThat(figures.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualTo(new BigDecimal("1.000"))
                .isEqualTo(site.totalKwh());
    }

    @Test
    void aSegmentThatOnlyCapsTheImportIsSharedEquallyByItsContributors() {
        Segment cap = new Segment(at(0), at(60), BigDecimal.ZERO, new BigDecimal("100"),
                List.of(event("vtn/cap-1", "0"), event("vtn/cap-2", "0")));
        Site site = settle(meter(60, "0.25"), new Revision("site-1", 1, at(-60), List.of(cap)));

        assertThat(site.event("vtn/cap-1").deliveredKwh()).isEqualTo(new BigDecimal("2.250"));
        assertThat(site.event("vtn/cap-2").deliveredKwh()).isEqualTo(new BigDecimal("2.250"));
    }

    @Test
    void anEventInTwoEpisodesHasABaselineBeforeEach() {
        // Two blocks with a pause: the site is back at 1.0 for [30, 90), so the second baseline is 360 kW too.
        List<MeteredInterval> meter = new ArrayList<>(steps(-30, 3, "1.0"));
        meter.addAll(steps(0, 3, "0.5"));
        meter.addAll(steps(30, 6, "1.0"));
        meter.addAll(steps(90, 3, "0.8"));
        Site site = settle(meter, revision(1, -60, segment(0, 30, event("vtn/e1", "100")),
                segment(90, 120, event("vtn/e1", "100"))));

        SiteAttribution e1 = site.event("vtn/e1");
        assertThat(e1.episodes()).extracting(EpisodeShare::baselineWindowEnd).containsExactly(T, at(90));
        assertThat(e1.episodes()).extracting(EpisodeShare::deliveredKwh)
                .containsExactly(new BigDecimal("1.500"), new BigDecimal("0.600"));
        assertThat(e1.deliveredKwh()).isEqualTo(new BigDecimal("2.100"));
    }

    @Test
    void anEpisodeWithoutABaselineLeavesTheEventWithoutAFigure() {
        // The second episode's baseline window [60, 90) is not metered at all.
        List<MeteredInterval> meter = new ArrayList<>(steps(-30, 3, "1.0"));
        meter.addAll(steps(0, 3, "0.5"));
        meter.addAll(steps(90, 3, "0.8"));
        Site site = settle(meter, revision(1, -60, segment(0, 30, event("vtn/e1", "100")),
                segment(90, 120, event("vtn/e1", "100"))));

        SiteAttribution e1 = site.event("vtn/e1");
        assertThat(e1.status()).isEqualTo(SettlementStatus.INSUFFICIENT_DATA);
        assertThat(e1.deliveredKwh()).isNull();
        assertThat(e1.episodes()).extracting(EpisodeShare::baselineKw)
                .containsExactly(new BigDecimal("360.000"), null);
    }

    @Test
    void anEventStillRunningIsPartial() {
        List<MeteredInterval> meter = new ArrayList<>(steps(-30, 3, "1.0"));
        meter.addAll(steps(0, 3, "0.25"));
        Site site = settle(meter, revision(1, -60, segment(0, 60, event("vtn/e1", "100"))));

        SiteAttribution e1 = site.event("vtn/e1");
        assertThat(e1.status()).isEqualTo(SettlementStatus.PARTIAL);
        assertThat(e1.deliveryCoverage()).isEqualTo(new BigDecimal("0.5000"));
        assertThat(e1.deliveredKwh()).isEqualTo(new BigDecimal("2.250"));
    }

    @Test
    void everyKwhOfEveryEpisodeIsAttributedOnce() {
        // Many events coming and going at one site: whatever the schedule, the events' figures and the operator's
        // add up to the site's delivery, episode by episode.
        List<Revision> revisions = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            revisions.add(revision(n, n * 13L - 60, segment(n * 5L, n * 5L + 40, event("vtn/e" + n % 5, "" + n * 3),
                    override("operator/o" + n % 2, "" + n))));
        }
        List<MeteredInterval> meter = new ArrayList<>(steps(-30, 3, "1.0"));
        for (int i = 0; i < 20; i++) {
            meter.addAll(steps(i * 10L, 1, BigDecimal.valueOf(i * 37 % 100, 2).toPlainString()));
        }
        Site site = settle(meter, revisions.toArray(Revision[]::new));

        assertThat(site.settled()).filteredOn(SettledEpisode::hasFigures).hasSizeGreaterThan(1);
        for (SettledEpisode episode : site.settled()) {
            BigDecimal shares = episode.figures().values().stream().map(SettledEpisode.Figures::roundedKwh)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal exact = episode.lines().stream().map(SettledEpisode.Line::deliveredKwh)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(shares).isEqualTo(episode.deliveredKwh());
            assertThat(episode.deliveredKwh().subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.0005"));
            for (SettledEpisode.Line line : episode.lines()) {
                assertThat(line.splits().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                        .isEqualByComparingTo(line.deliveredKwh());
            }
        }
    }

    /** Baseline intervals of 1.0 kWh before 0, then {@code seconds} of intervals of {@code energyKwh}. */
    private static List<MeteredInterval> meter(int seconds, String energyKwh) {
        List<MeteredInterval> meter = new ArrayList<>(steps(-30, 3, "1.0"));
        meter.addAll(steps(0, seconds / 10, energyKwh));
        return meter;
    }

    /** Every episode of the site in the time its revisions cover, settled. */
    private static Site settle(List<MeteredInterval> meter, Revision... revisions) {
        List<Segment> segments = Stream.of(revisions).flatMap(r -> r.segments().stream()).toList();
        Instant from = segments.stream().map(Segment::start).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = segments.stream().map(Segment::end).max(Comparator.naturalOrder()).orElseThrow();
        List<Episode> episodes = EpisodeSearch.around(w -> List.of(revisions), new TimeWindow(from, to),
                Duration.ofDays(7));
        List<MeteredInterval> sorted = MeterBeforeMeterAfter.sortedWithoutOverlap(meter);
        return new Site(episodes.stream().map(e -> ATTRIBUTION.settle(e, sorted)).toList());
    }

    private record Site(List<SettledEpisode> settled) {

        SiteAttribution event(String eventId) {
            return EventShares.attribute(ShareKey.event(eventId), settled, MINIMUM_COVERAGE);
        }

        BigDecimal share(ShareKey key) {
            return settled.stream().map(e -> e.figures().get(key)).filter(f -> f != null)
                    .map(SettledEpisode.Figures::roundedKwh).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal totalKwh() {
            return settled.stream().map(SettledEpisode::deliveredKwh).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
