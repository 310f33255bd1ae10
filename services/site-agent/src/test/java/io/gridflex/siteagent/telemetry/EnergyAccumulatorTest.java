package io.gridflex.siteagent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class EnergyAccumulatorTest {

    private static final Instant T0 = Instant.parse("2025-01-07T12:00:00.400Z");

    @Test
    void intervalsLieOnTheGridAndTheFirstStartsAtTheFirstSample() {
        EnergyAccumulator meter = new EnergyAccumulator(Duration.ofSeconds(2));
        List<EnergyAccumulator.Interval> done = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            done.addAll(meter.add(T0.plusSeconds(i), 30_000));
        }

        assertThat(done).hasSize(2);
        assertThat(done.get(0).start()).isEqualTo(T0);
        assertThat(done.get(0).end()).isEqualTo(Instant.parse("2025-01-07T12:00:02Z"));
        assertThat(done.get(1).start()).isEqualTo(Instant.parse("2025-01-07T12:00:02Z"));
        assertThat(done.get(1).end()).isEqualTo(Instant.parse("2025-01-07T12:00:04Z"));
        assertThat(done.get(1).energyWh()).isCloseTo(30_000 * 2 / 3600.0, within(1e-9));
        assertThat(done.get(1).averageW()).isCloseTo(30_000, within(1e-6));
    }

    @Test
    void aRampIsIntegratedAsTrapezoidsAndSplitExactlyAtTheBoundary() {
        EnergyAccumulator meter = new EnergyAccumulator(Duration.ofSeconds(10));
        Instant start = Instant.parse("2025-01-07T12:00:00Z");
        meter.add(start, 0);
        // Linear from 0 W to 20 kW over 20 s, sampled only at both ends: the boundary at 10 s sees 10 kW.
        List<EnergyAccumulator.Interval> done = meter.add(start.plusSeconds(20), 20_000);

        assertThat(done).hasSize(2);
        assertThat(done.get(0).energyWh()).isCloseTo(5_000 * 10 / 3600.0, within(1e-9));
        assertThat(done.get(1).energyWh()).isCloseTo(15_000 * 10 / 3600.0, within(1e-9));
    }

    @Test
    void energyIsNeitherLostNorCountedTwiceAcrossIntervals() {
        EnergyAccumulator meter = new EnergyAccumulator(Duration.ofSeconds(2));
        double totalWh = 0;
        double expectedWh = 0;
        Instant t = T0;
        double w = 10_000;
        for (int i = 0; i < 300; i++) {
            Instant next = t.plusMillis(700 + (i % 5) * 130);
            double nextW = 10_000 + 5_000 * Math.sin(i / 7.0);
            expectedWh += (w + nextW) / 2 * Duration.between(t, next).toNanos() / 3.6e12;
            for (EnergyAccumulator.Interval interval : meter.add(next, nextW)) {
                totalWh += interval.energyWh();
            }
            t = next;
            w = nextW;
        }
        // Whatever is still in the open interval is the difference; it is under one interval's worth.
        assertThat(expectedWh - totalWh).isBetween(0.0, 15_000 * 2 / 3600.0);
    }

    @Test
    void samplesOutOfOrderAreIgnored() {
        EnergyAccumulator meter = new EnergyAccumulator(Duration.ofSeconds(2));
        meter.add(T0, 1000);
        assertThat(meter.add(T0.minusSeconds(5), 1_000_000)).isEmpty();
        List<EnergyAccumulator.Interval> done = meter.add(T0.plusSeconds(4), 1000);

        assertThat(done).hasSize(2);
        assertThat(done.get(1).averageW()).isCloseTo(1000, within(1e-6));
    }
}
