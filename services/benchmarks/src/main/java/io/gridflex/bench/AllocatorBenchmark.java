package io.gridflex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

import io.gridflex.dispatch.allocation.Allocation;
import io.gridflex.dispatch.allocation.ProportionalAllocator;
import io.gridflex.dispatch.allocation.SiteFlexibility;

/**
 * Dispatch's {@link ProportionalAllocator} splitting one event interval's request across a portfolio of 10, 100 and
 * 1000 sites: what dispatch computes for every interval of every event revision.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AllocatorBenchmark {

    /** Share of the portfolio's sheddable power that is requested. */
    static final double REQUEST_SHARE = 0.6;

    /**
     * Realistic because mining sites differ in size: sheddable power drawn uniformly between 20 and 500 kW with the
     * agents' 0.001 kW precision (fixed seed, so every run splits the same portfolio), and a request of 60 % of the
     * total, so every site gets a share, none is capped, and the largest-remainder rounding has work to do.
     */
    static List<SiteFlexibility> portfolio(int size) {
        Random random = new Random(20261121L);
        List<SiteFlexibility> sites = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            double kw = Math.round((20 + random.nextDouble() * 480) * 1000) / 1000.0;
            sites.add(new SiteFlexibility("site-%04d".formatted(i), kw));
        }
        return List.copyOf(sites);
    }

    static double request(List<SiteFlexibility> sites) {
        return Math.round(sites.stream().mapToDouble(SiteFlexibility::sheddableKw).sum() * REQUEST_SHARE * 10) / 10.0;
    }

    @State(Scope.Benchmark)
    public static class Portfolio {

        @Param({"10", "100", "1000"})
        int sites;

        ProportionalAllocator allocator;
        List<SiteFlexibility> flexibility;
        double requestedKw;

        @Setup
        public void setUp() {
            allocator = new ProportionalAllocator();
            flexibility = portfolio(sites);
            requestedKw = request(flexibility);
        }
    }

    @Benchmark
    public Allocation allocateProportionally(Portfolio portfolio) {
        return portfolio.allocator.allocate(portfolio.requestedKw, portfolio.flexibility);
    }
}
