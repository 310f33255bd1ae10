package io.gridflex.dispatch.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.dispatch.allocation.Candidate;
import io.gridflex.dispatch.allocation.Window;
import io.gridflex.dispatch.live.Derate;
import io.gridflex.dispatch.live.LiveState;
import io.gridflex.dispatch.operator.OverrideKind;
import io.gridflex.dispatch.operator.SiteOverride;
import io.gridflex.dispatch.registry.Enrollment;
import io.gridflex.dispatch.registry.Owner;
import io.gridflex.dispatch.registry.Site;
import io.gridflex.dispatch.registry.SiteStatus;
import io.gridflex.dispatch.schedule.SitePiece;
import io.gridflex.messages.ScheduleSegment.Kind;
import io.gridflex.messages.SiteTelemetry;

class CandidateFactoryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");
    private static final Duration STALE = Duration.ofSeconds(30);

    @Test
    void countsOnTheLeastOfEnrollmentMaximumReportedAndMiningAboveTheMinimum() {
        // Enrolled 400, maximum 500; reports 250 sheddable plus 50 held; mines 320 + 50 held, minimum 100.
        Candidate candidate = of(site(SiteStatus.ACTIVE, "400", "500", "100"), live(370, 320.0, 250, 50, 25.0),
                List.of(), List.of(), null, null).candidate();
        assertThat(candidate.capacityDeciKw()).isEqualTo(2700);

        Candidate enrollmentBound = of(site(SiteStatus.ACTIVE, "200", "500", "0"), live(370, 320.0, 250, 50, 25.0),
                List.of(), List.of(), null, null).candidate();
        assertThat(enrollmentBound.capacityDeciKw()).isEqualTo(2000);
        assertThat(enrollmentBound.normalDrawDeciKw()).isEqualTo(4200);
    }

    @Test
    void aSiteNotActiveNotEnrolledOrNotReportingLatelyTakesNoShare() {
        assertThat(of(site(SiteStatus.SUSPENDED, "100", "100", "0"), live(100, 100.0, 100, 0, null), List.of(),
                List.of(), null, null).excludedBecause()).contains("SUSPENDED");
        assertThat(CandidateFactory.of(new FleetSite(site(SiteStatus.ACTIVE, "100", "100", "0"),
                live(100, 100.0, 100, 0, null), List.of(), List.of(), null), "vtn/e", "other-program", NOW, STALE,
                null).excludedBecause()).contains("not enrolled");
        assertThat(of(site(SiteStatus.ACTIVE, "100", "100", "0"), null, List.of(), List.of(), null, null)
                .excludedBecause()).isEqualTo("never reported");
        LiveState old = new LiveState("s", NOW.minusSeconds(100), NOW.minusSeconds(90), 100, 100.0, null, 100, 0, 0,
                500, new SiteTelemetry.MinerCounts(1, 1, 0, 0, 0), null, null, null, SiteTelemetry.Source.MINERS, 1,
                NOW);
        assertThat(of(site(SiteStatus.ACTIVE, "100", "100", "0"), old, List.of(), List.of(), null, null)
                .excludedBecause()).startsWith("no report since");
    }

    @Test
    void otherEventsAreBusyTheEventItselfMakesTheSiteStickyAndOverridesLimit() {
        List<SitePiece> pieces = List.of(
                new SitePiece("vtn/other", "p", Kind.EVENT, "s", NOW.minusSeconds(60), NOW.plusSeconds(600), 300,
                        null),
                new SitePiece("vtn/this", "p", Kind.EVENT, "s", NOW.minusSeconds(60), NOW.plusSeconds(600), 200,
                        null));
        List<SiteOverride> overrides = List.of(
                override(OverrideKind.HOLD, null), override(OverrideKind.LIMIT, "12.3"),
                override(OverrideKind.SHED, "40"));

        Candidate candidate = of(site(SiteStatus.ACTIVE, "100", "100", "0"), live(100, 100.0, 100, 0, null),
                pieces, overrides, null, null).candidate();

        assertThat(candidate.sticky()).isTrue();
        assertThat(candidate.busy()).containsExactly(new Window(NOW.minusSeconds(60), NOW.plusSeconds(600), 300));
        assertThat(candidate.limits()).extracting(Window::deciKw).containsExactly(0L, 123L);
    }

    @Test
    void aSiteFoundShortIsCountedOnForWhatItDelivered() {
        Derate derate = new Derate("s", new BigDecimal("12.5"), NOW, NOW.plusSeconds(600), "short");

        assertThat(of(site(SiteStatus.ACTIVE, "100", "100", "0"), live(100, 100.0, 100, 0, null), List.of(),
                List.of(), derate, null).candidate().capacityDeciKw()).isEqualTo(125);
    }

    @Test
    void theStrikePriceIsRegisteredOrTheBreakEvenOfTheSitesEfficiencyAtTheHashPrice() {
        // 0.05 per TH/s-day at 25 J/TH: one TH/s uses 25 x 86400 / 3.6e9 = 0.0006 MWh a day, so 83.33 per MWh.
        assertThat(of(site(SiteStatus.ACTIVE, "100", "100", "0"), live(100, 100.0, 100, 0, 25.0), List.of(),
                List.of(), null, new BigDecimal("0.05")).candidate().strikePricePerMwh())
                .isEqualByComparingTo("83.33");
        assertThat(of(site(SiteStatus.ACTIVE, "100", "100", "0"), live(100, 100.0, 100, 0, null), List.of(),
                List.of(), null, new BigDecimal("0.05")).candidate().strikePricePerMwh()).isNull();
    }

    private static CandidateFactory.Result of(Site site, LiveState live, List<SitePiece> pieces,
            List<SiteOverride> overrides, Derate derate, BigDecimal hashPrice) {
        return CandidateFactory.of(new FleetSite(site, live, pieces, overrides, derate), "vtn/this", "p", NOW,
                STALE, hashPrice);
    }

    private static Site site(SiteStatus status, String enrolled, String maxShed, String minMining) {
        return new Site("s", "Site", "UTC", new BigDecimal(maxShed), new BigDecimal(minMining), null, null, 10,
                new BigDecimal("0.7"), new Owner("Owner", "owner@example.com"), new BigDecimal("1000"),
                new BigDecimal("20"), null, status, List.of(new Enrollment("p", new BigDecimal(enrolled))), 1, NOW,
                "olivia", NOW, "olivia");
    }

    private static LiveState live(double siteKw, Double miningKw, double sheddable, double shed, Double efficiency) {
        return new LiveState("s", NOW.minusSeconds(2), NOW, siteKw, miningKw, null, sheddable, shed, shed, 1000,
                new SiteTelemetry.MinerCounts(10, 9, 1, 0, 0), 1000.0, efficiency, 3L, SiteTelemetry.Source.MINERS,
                1, NOW);
    }

    private static SiteOverride override(OverrideKind kind, String kw) {
        return new SiteOverride(1, "s", kind, kw == null ? null : new BigDecimal(kw), NOW, NOW.plusSeconds(600),
                "test", NOW, "olivia", null, null);
    }
}
