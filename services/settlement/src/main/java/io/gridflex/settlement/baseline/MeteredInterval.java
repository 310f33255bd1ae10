package io.gridflex.settlement.baseline;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One metered interval as the settlement computation sees it: a span of time and the energy the site drew over it.
 *
 * @param start inclusive
 * @param end exclusive, after {@code start}
 * @param energyKwh energy drawn over the whole interval, in kWh, not negative
 */
public record MeteredInterval(Instant start, Instant end, BigDecimal energyKwh) {

    public MeteredInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(energyKwh, "energyKwh");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("interval end " + end + " is not after its start " + start);
        }
        if (energyKwh.signum() < 0) {
            throw new IllegalArgumentException("interval energy is negative: " + energyKwh);
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
