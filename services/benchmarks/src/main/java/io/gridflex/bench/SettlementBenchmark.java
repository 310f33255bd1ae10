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

import io.gridflex.settlement.baseline.MeterBeforeMeterAfter;
import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.SiteSettlement;
import io.gridflex.settlement.baseline.TimeWindow;

/**
 * Meter-before/meter-after settlement ({@link MeterBeforeMeterAfter}) of one site for one event: what settlement
 * repeats for every site of every event, and again when late telemetry arrives.
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
}
