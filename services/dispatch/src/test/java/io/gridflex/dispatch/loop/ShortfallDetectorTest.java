package io.gridflex.dispatch.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridflex.dispatch.live.LiveState;
import io.gridflex.messages.SiteTelemetry;

class ShortfallDetectorTest {

    private static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");

    private final ShortfallDetector detector = new ShortfallDetector(Duration.ofSeconds(8), 0.05, 0.5,
            Duration.ofSeconds(10));

    @Test
    void aSiteHoldingLessThanItsTargetBeyondTheToleranceIsShort() {
        SiteTarget target = target("a", 1000, NOW.minusSeconds(30));

        assertThat(detector.detect(List.of(target), Map.of("a", live("a", 80.0, NOW)), NOW))
                .singleElement().satisfies(s -> {
                    assertThat(s.deliveredDeciKw()).isEqualTo(800);
                    assertThat(s.why()).contains("80.0 kW off of 100.0 kW");
                });
        assertThat(detector.detect(List.of(target), Map.of("a", live("a", 95.5, NOW)), NOW)).isEmpty();
    }

    @Test
    void aSiteStillRampingOrReportingFromBeforeTheGraceIsNotJudged() {
        assertThat(detector.detect(List.of(target("a", 1000, NOW.minusSeconds(5))),
                Map.of("a", live("a", 0.0, NOW)), NOW)).isEmpty();
        assertThat(detector.detect(List.of(target("a", 1000, NOW.minusSeconds(12))),
                Map.of("a", live("a", 0.0, NOW.minusSeconds(6))), NOW)).isEmpty();
    }

    @Test
    void aSilentSiteIsTakenToDeliverNothing() {
        assertThat(detector.detect(List.of(target("a", 1000, NOW.minusSeconds(60))),
                Map.of("a", live("a", 100.0, NOW.minusSeconds(11))), NOW))
                .singleElement().satisfies(s -> {
                    assertThat(s.deliveredDeciKw()).isZero();
                    assertThat(s.why()).startsWith("silent since");
                });
        assertThat(detector.detect(List.of(target("b", 1000, NOW.minusSeconds(60))), Map.of(), NOW))
                .singleElement().satisfies(s -> assertThat(s.why()).isEqualTo("never reported"));
    }

    @Test
    void smallTargetsGetTheAbsoluteTolerance() {
        assertThat(detector.detect(List.of(target("a", 50, NOW.minusSeconds(60))),
                Map.of("a", live("a", 4.6, NOW)), NOW)).isEmpty();
    }

    private static SiteTarget target(String site, long deciKw, Instant risenAt) {
        return new SiteTarget(site, deciKw, risenAt, NOW.plusSeconds(600), Map.of("vtn/e", deciKw));
    }

    private static LiveState live(String site, double shedKw, Instant end) {
        return new LiveState(site, end.minusSeconds(2), end, 500, 500.0, null, 100, shedKw, 100, 1000,
                new SiteTelemetry.MinerCounts(10, 9, 1, 0, 0), null, null, 1L, SiteTelemetry.Source.MINERS, 1, end);
    }
}
