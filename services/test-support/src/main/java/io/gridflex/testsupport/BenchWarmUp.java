package io.gridflex.testsupport;

import java.time.Duration;

/**
 * How long the latency benchmarks run unmeasured rounds before measuring: system property
 * {@code gridflex.bench.warm-up}, an ISO-8601 duration, {@code PT45S} by default. The JIT here keeps compiling for about
 * 35 s in every JVM on the path (the service, the simulators, the broker), and measuring before it settles measures its
 * compiler threads competing for the machine's two cores.
 */
public final class BenchWarmUp {

    private BenchWarmUp() {
    }

    public static Duration duration() {
        return Duration.parse(System.getProperty("gridflex.bench.warm-up", "PT45S"));
    }
}
