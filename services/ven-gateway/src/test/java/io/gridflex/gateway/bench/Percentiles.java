package io.gridflex.gateway.bench;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Nearest-rank percentiles of latencies in microseconds, printed in milliseconds: of fewer than 100, p99 is the max. */
final class Percentiles {

    private Percentiles() {
    }

    static String of(Collection<Long> micros) {
        if (micros.isEmpty()) {
            return "no values";
        }
        List<Long> sorted = micros.stream().sorted(Comparator.naturalOrder()).toList();
        return "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (min %.1f ms, n %d)".formatted(ms(rank(sorted, 0.5)),
                ms(rank(sorted, 0.9)), ms(rank(sorted, 0.99)), ms(sorted.getLast()), ms(sorted.getFirst()),
                sorted.size());
    }

    private static long rank(List<Long> sorted, double quantile) {
        return sorted.get(Math.max(0, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
