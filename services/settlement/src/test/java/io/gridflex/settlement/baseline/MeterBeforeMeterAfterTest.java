package io.gridflex.settlement.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Figures below are worked by hand in the comments; the expected values are written with the scale the API promises
 * (3 decimals for kW and kWh, 6 for MWh and detail lines, 4 for coverage).
 */
class MeterBeforeMeterAfterTest {

    private static final Instant EVENT_START = Instant.parse("2026-03-02T10:00:00Z");
    private static final MeterBeforeMeterAfter SETTLEMENT = new MeterBeforeMeterAfter(Duration.ofSeconds(30),
            new BigDecimal("0.9"));

    @Test
    void wholeIntervalsGiveTheBaselineMinusTheMeteredEnergy() {
        // Baseline: 3 × 0.3 kWh over 30 s = 0.9 kWh / (1/120 h) = 108 kW.
        // Event: 6 × 10 s at 0.1 kWh; baseline energy per 10 s = 108 × 10/3600 = 0.3 kWh; delivered 6 × 0.2 = 1.2 kWh
        // over 1/60 h = 72 kW on average.
        List<MeteredInterval> intervals = new ArrayList<>(steps(-30, 10, 3, "0.3"));
        intervals.addAll(steps(0, 10, 6, "0.1"));

        SiteSettlement result = SETTLEMENT.settle(EVENT_START, window(0, 60), intervals);

        assertThat(result.status()).isEqualTo(SettlementStatus.COMPLETE);
        assertThat(result.baseline().kw()).isEqualTo(new BigDecimal("108.000"));
        assertThat(result.baseline().coverage()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(result.baseline().window()).isEqualTo(window(-30, 0));
        assertThat(result.deliveredKwh()).isEqualTo(new BigDecimal("1.200"));
        assertThat(result.deliveredMwh()).isEqualTo(new BigDecimal("0.001200"));
        assertThat(result.averageDeliveredKw()).isEqualTo(new BigDecimal("72.000"));
        assertThat(result.deliveryCoverage()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(result.intervals()).hasSize(6).allSatisfy(line -> {
            assertThat(line.meteredKwh()).isEqualTo(new BigDecimal("0.100000"));
            assertThat(line.baselineKwh()).isEqualTo(new BigDecimal("0.300000"));
            assertThat(line.deliveredKwh()).isEqualTo(new BigDecimal("0.200000"));
        });
    }

    @Test
    void partialOverlapsCountOnlyTheShareInsideEachWindow() {
        // Baseline window [09:59:30, 10:00:00):
        // [09:59:20, 09:59:40) 0.4 kWh, half inside -> 0.2 kWh; [09:59:40, 10:00:00) 0.5 kWh, all inside.
        // 0.7 kWh over 30 s -> 0.7 × 120 = 84 kW.
        // Delivery window [10:00:00, 10:00:50) (cut short), intervals of 20 s at 0.2, 0.1 and 0.3 kWh; the last is half
        // inside -> 0.15 kWh. Metered 0.45 kWh; baseline 84 × 50/3600 = 1.1666… kWh; delivered 0.71666… -> 0.717 kWh.
        // Average: 0.71666… kWh / (50/3600 h) = 51.6 kW.
        List<MeteredInterval> intervals = List.of(
                interval(-40, -20, "0.4"),
                interval(-20, 0, "0.5"),
                interval(0, 20, "0.2"),
                interval(20, 40, "0.1"),
                interval(40, 60, "0.3"));

        SiteSettlement result = SETTLEMENT.settle(EVENT_START, window(0, 50), intervals);

        assertThat(result.status()).isEqualTo(SettlementStatus.COMPLETE);
        assertThat(result.baseline().kw()).isEqualTo(new BigDecimal("84.000"));
        assertThat(result.deliveredKwh()).isEqualTo(new BigDecimal("0.717"));
        assertThat(result.deliveredMwh()).isEqualTo(new BigDecimal("0.000717"));
        assertThat(result.averageDeliveredKw()).isEqualTo(new BigDecimal("51.600"));
        assertThat(result.intervals()).extracting(IntervalDelivery::deliveredKwh).containsExactly(
                new BigDecimal("0.266667"), new BigDecimal("0.366667"), new BigDecimal("0.083333"));
        IntervalDelivery last = result.intervals().get(2);
        assertThat(last.overlapStart()).isEqualTo(EVENT_START.plusSeconds(40));
        assertThat(last.overlapEnd()).isEqualTo(EVENT_START.plusSeconds(50));
        assertThat(last.meteredKwh()).isEqualTo(new BigDecimal("0.150000"));
        assertThat(last.baselineKwh()).isEqualTo(new BigDecimal("0.233333"));
    }

    @Test
    void anIntervalAcrossTheEventStartFeedsBothWindowsByItsShare() {
        // [09:59:30, 09:59:50) 0.6 kWh and [09:59:50, 10:00:10) 0.6 kWh: baseline 0.6 + 0.3 = 0.9 kWh / 30 s = 108 kW.
        // Delivery [10:00:00, 10:00:30): straddler 0.3 metered vs 0.3 baseline -> 0;
        // [10:00:10, 10:00:30) 0.2 metered vs 108 × 20/3600 = 0.6 -> 0.4. Total 0.4 kWh over 30 s = 48 kW.
        List<MeteredInterval> intervals = List.of(
                interval(-30, -10, "0.6"),
                interval(-10, 10, "0.6"),
                interval(10, 30, "0.2"));

        SiteSettlement result = SETTLEMENT.settle(EVENT_START, window(0, 30), intervals);

        assertThat(result.baseline().kw()).isEqualTo(new BigDecimal("108.000"));
        assertThat(result.deliveredKwh()).isEqualTo(new BigDecimal("0.400"));
        assertThat(result.averageDeliveredKw()).isEqualTo(new BigDecimal("48.000"));
        assertThat(result.intervals()).extracting(IntervalDelivery::deliveredKwh)
                .containsExactly(new BigDecimal("0.000000"), new BigDecimal("0.400000"));
    }

    @Test
    void aSiteThatDrewMoreThanItsBaselineDeliversNegativeEnergy() {
        // Baseline 108 kW; during the event 0.4 kWh per 10 s (144 kW): 0.3 - 0.4 = -0.1 kWh each, -0.6 kWh in all,
        // -36 kW on average.
        List<MeteredInterval> intervals = new ArrayList<>(steps(-30, 10, 3, "0.3"));
        intervals.addAll(steps(0, 10, 6, "0.4"));

        SiteSettlement result = SETTLEMENT.settle(EVENT_START, window(0, 60), intervals);

        assertThat(result.status()).isEqualTo(SettlementStatus.COMPLETE);
        assertThat(result.deliveredKwh()).isEqualTo(new BigDecimal("-0.600"));
        assertThat(result.deliveredMwh()).isEqualTo(new BigDecimal("-0.000600"));
        assertThat(result.averageDeliveredKw()).isEqualTo(new BigDecimal("-36.000"));
    }

    @Test
    void aBaselineWindowWithTooLittleMeteringGivesNoFigures() {
        // Only 20 of 30 s metered: coverage 0.6667 < 0.9.
        List<MeteredInterval> intervals = new ArrayList<>(steps(-20, 10, 2, "0.3"));
        intervals.addAll(steps(0, 10, 6, "0.1"));

        SiteSettlement result = SETTLEMENT.settle(EVENT_START, window(0, 60), intervals);

        assertThat(result.status()).isEqualTo(SettlementStatus.INSUFFICIENT_DATA);
        assertThat(result.baseline().kw()).isNull();
        assertThat(result.baseline().coverage()).isEqualTo(new BigDecimal("0.6667"));
        assertThat(result.deliveredKwh()).isNull();
        assertThat(result.deliveredMwh()).isNull();
        assertThat(result.averageDeliveredKw()).isNull();
        assertThat(result.hasDelivery()).isFalse();
        assertThat(result.deliveryCoverage()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(result.intervals()).hasSize(6).allSatisfy(line -> {
            assertThat(line.meteredKwh()).isEqualTo(new BigDecimal("0.100000"));
            assertThat(line.deliveredKwh()).isNull();
        });
    }

    @Test
    void noMeteringBeforeTheEventGivesNoFigures() {
        SiteSettlement result = SETTLEMENT.settle(EVENT_START, window(0, 60), steps(0, 10, 6, "0.1"));

        assertThat(result.status()).isEqualTo(SettlementStatus.INSUFFICIENT_DATA);
        assertThat(result.baseline().coverage()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(result.deliveredKwh()).isNull();
    }

    @Test
    void coverageExactlyAtTheMinimumIsEnoughAndJustBelowIsNot() {
        // 27 of 30 s = 0.9 exactly: 0.81 kWh / 27 s = 0.81 × 3600/27 = 108 kW.
        SiteSettlement enough = SETTLEMENT.settle(EVENT_START, window(0, 10),
                List.of(interval(-27, 0, "0.81"), interval(0, 10, "0.1")));
        SiteSettlement tooLittle = SETTLEMENT.settle(EVENT_START, window(0, 10),
                List.of(interval(-26, 0, "0.78"), interval(0, 10, "0.1")));

        assertThat(enough.status()).isEqualTo(SettlementStatus.COMPLETE);
        assertThat(enough.baseline().coverage()).isEqualTo(new BigDecimal("0.9000"));
        assertThat(enough.baseline().kw()).isEqualTo(new BigDecimal("108.000"));
        assertThat(tooLittle.status()).isEqualTo(SettlementStatus.INSUFFICIENT_DATA);
        assertThat(tooLittle.baseline().coverage()).isEqualTo(new BigDecimal("0.8667"));
    }

    @Test
    void aGapInsideASufficientBaselineWindowIsNotReadAsZeroDraw() {
        // Half coverage allowed: [09:59:30, 09:59:40) and [09:59:50, 10:00:00) at 0.3 kWh each, nothing between.
        // 0.6 kWh over the 20 metered seconds = 108 kW, not 0.6 kWh over 30 s = 72 kW.
        MeterBeforeMeterAfter lenient = new MeterBeforeMeterAfter(Duration.ofSeconds(30), new BigDecimal("0.5"));
        SiteSettlement result = lenient.settle(EVENT_START, window(0, 10),
                List.of(interval(-30, -20, "0.3"), interval(-10, 0, "0.3"), interval(0, 10, "0.1")));

        assertThat(result.baseline().coverage()).isEqualTo(new BigDecimal("0.6667"));
        assertThat(result.baseline().kw()).isEqualTo(new BigDecimal("108.000"));
        assertThat(result.deliveredKwh()).isEqualTo(new BigDecimal("0.200"));
    }

    @Test
    void aDeliveryWindowMeteredBelowTheMinimumIsPartial() {
        // Event of 60 s with only its first 30 s metered so far: 3 × 0.2 kWh delivered = 0.6 kWh, 72 kW on average.
        List<MeteredInterval> intervals = new ArrayList<>(steps(-30, 10, 3, "0.3"));
        intervals.addAll(steps(0, 10, 3, "0.1"));

        SiteSettlement result = SETTLEMENT.settle(EVENT_START, window(0, 60), intervals);

        assertThat(result.status()).isEqualTo(SettlementStatus.PARTIAL);
        assertThat(result.deliveryCoverage()).isEqualTo(new BigDecimal("0.5000"));
        assertThat(result.deliveredKwh()).isEqualTo(new BigDecimal("0.600"));
        assertThat(result.averageDeliveredKw()).isEqualTo(new BigDecimal("72.000"));
    }

    @Test
    void aDeliveryWindowWithNoMeteringAtAllHasNoAverage() {
        SiteSettlement result = SETTLEMENT.settle(EVENT_START, window(0, 60), steps(-30, 10, 3, "0.3"));

        assertThat(result.status()).isEqualTo(SettlementStatus.PARTIAL);
        assertThat(result.deliveryCoverage()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(result.deliveredKwh()).isEqualTo(new BigDecimal("0.000"));
        assertThat(result.averageDeliveredKw()).isNull();
    }

    @Test
    void aSiteCancelledBeforeItStartedDeliversNothing() {
        List<MeteredInterval> intervals = new ArrayList<>(steps(-30, 10, 3, "0.3"));
        intervals.addAll(steps(0, 10, 6, "0.1"));

        SiteSettlement result = SETTLEMENT.settle(EVENT_START, window(0, 0), intervals);

        assertThat(result.status()).isEqualTo(SettlementStatus.NO_DELIVERY_WINDOW);
        assertThat(result.deliveredKwh()).isEqualTo(new BigDecimal("0.000"));
        assertThat(result.deliveredMwh()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(result.deliveryCoverage()).isNull();
        assertThat(result.intervals()).isEmpty();
        assertThat(result.baseline().kw()).isEqualTo(new BigDecimal("108.000"));
    }

    @Test
    void intervalsOutsideBothWindowsDoNotCount() {
        // An interval an hour earlier at a very different draw, and one after the delivery window.
        List<MeteredInterval> intervals = new ArrayList<>(steps(-30, 10, 3, "0.3"));
        intervals.addAll(steps(0, 10, 6, "0.1"));
        intervals.add(interval(-3600, -3590, "9.9"));
        intervals.add(interval(60, 70, "9.9"));

        SiteSettlement result = SETTLEMENT.settle(EVENT_START, window(0, 60), intervals);

        assertThat(result.baseline().kw()).isEqualTo(new BigDecimal("108.000"));
        assertThat(result.deliveredKwh()).isEqualTo(new BigDecimal("1.200"));
        assertThat(result.intervals()).hasSize(6);
    }

    @Test
    void theBaselineIsRoundedHalfEvenToOneWatt() {
        // One 30 s interval: kW = kWh × 120. 0.0000375 kWh -> 0.0045 kW -> 0.004 (half-even, not 0.005);
        // 0.0000625 kWh -> 0.0075 kW -> 0.008.
        SiteSettlement down = SETTLEMENT.settle(EVENT_START, window(0, 10),
                List.of(interval(-30, 0, "0.0000375")));
        SiteSettlement up = SETTLEMENT.settle(EVENT_START, window(0, 10),
                List.of(interval(-30, 0, "0.0000625")));

        assertThat(down.baseline().kw()).isEqualTo(new BigDecimal("0.004"));
        assertThat(up.baseline().kw()).isEqualTo(new BigDecimal("0.008"));
    }

    @Test
    void theOrderOfTheIntervalsDoesNotChangeTheResult() {
        List<MeteredInterval> intervals = new ArrayList<>(List.of(
                interval(-40, -20, "0.4"),
                interval(-20, 0, "0.5"),
                interval(0, 20, "0.2"),
                interval(20, 40, "0.1"),
                interval(40, 60, "0.3")));
        SiteSettlement inOrder = SETTLEMENT.settle(EVENT_START, window(0, 50), intervals);

        Collections.shuffle(intervals, new Random(7));
        SiteSettlement shuffled = SETTLEMENT.settle(EVENT_START, window(0, 50), intervals);

        assertThat(shuffled).isEqualTo(inOrder);
    }

    @Test
    void overlappingInputIsRefused() {
        List<MeteredInterval> intervals = List.of(interval(-30, 0, "0.9"), interval(-10, 10, "0.6"));

        assertThatThrownBy(() -> SETTLEMENT.settle(EVENT_START, window(0, 10), intervals))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
    }

    @Test
    void aDeliveryWindowBeforeTheEventIsRefused() {
        assertThatThrownBy(() -> SETTLEMENT.settle(EVENT_START, window(-10, 10), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonsensicalSettingsAreRefused() {
        assertThatThrownBy(() -> new MeterBeforeMeterAfter(Duration.ZERO, new BigDecimal("0.9")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MeterBeforeMeterAfter(Duration.ofMinutes(15), new BigDecimal("1.1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MeterBeforeMeterAfter(Duration.ofMinutes(15), BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TimeWindow window(int fromSeconds, int toSeconds) {
        return new TimeWindow(EVENT_START.plusSeconds(fromSeconds), EVENT_START.plusSeconds(toSeconds));
    }

    private static MeteredInterval interval(int fromSeconds, int toSeconds, String energyKwh) {
        return new MeteredInterval(EVENT_START.plusSeconds(fromSeconds), EVENT_START.plusSeconds(toSeconds),
                new BigDecimal(energyKwh));
    }

    /** {@code count} back-to-back intervals of {@code seconds} each, from {@code fromSeconds}, of equal energy. */
    private static List<MeteredInterval> steps(int fromSeconds, int seconds, int count, String energyKwh) {
        List<MeteredInterval> intervals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int start = fromSeconds + i * seconds;
            intervals.add(interval(start, start + seconds, energyKwh));
        }
        return intervals;
    }
}
