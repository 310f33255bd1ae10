package io.gridflex.settlement.meter;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.support.messaging.RejectReason;

/**
 * What a metered interval must look like to be stored. An interval that claims to run for years would block every
 * later interval of its site (stored intervals never overlap), one that ends in the future has not been metered yet,
 * and a draw no site can have is a broken meter or a forged message: each is refused with its reason and counted,
 * and nothing is stored.
 *
 * @param maxLength the longest interval accepted
 * @param maxClockSkew how far past the receiver's clock an interval may end (clocks of agents and settlement differ)
 * @param maxSiteKw the largest mean draw accepted, kW
 */
public record IntakeRules(Duration maxLength, Duration maxClockSkew, BigDecimal maxSiteKw) {

    /** The longest interval the table holds ({@code meter_interval_at_most_a_day}); readers rely on it. */
    public static final Duration LONGEST = Duration.ofDays(1);

    public IntakeRules {
        if (!maxLength.isPositive() || maxLength.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(
                    "the longest metered interval accepted must be positive and at most " + LONGEST + ": " + maxLength);
        }
    }

    /** A refusal: the reason's code (the metric's tag) and the words for the log. */
    public record Refusal(RejectReason reason, String detail) {
    }

    public Optional<Refusal> check(MeterInterval interval, Instant now) {
        Duration length = Duration.between(interval.intervalStart(), interval.intervalEnd());
        if (!length.isPositive()) {
            return refuse(RejectReason.INVALID, interval,
                    "ends at " + interval.intervalEnd() + ", not after its start");
        }
        if (length.compareTo(maxLength) > 0) {
            return refuse(RejectReason.IMPLAUSIBLE, interval, "lasts " + length + ", longer than " + maxLength);
        }
        if (interval.intervalEnd().isAfter(now.plus(maxClockSkew))) {
            return refuse(RejectReason.FROM_THE_FUTURE, interval,
                    "ends at " + interval.intervalEnd() + ", after now (" + now
                            + ") by more than " + maxClockSkew);
        }
        BigDecimal mostEnergy = maxSiteKw.multiply(Decimals.hours(length));
        if (interval.averageKw().compareTo(maxSiteKw) > 0 || interval.energyKwh().compareTo(mostEnergy) > 0) {
            return refuse(RejectReason.IMPLAUSIBLE, interval,
                    "claims " + interval.averageKw().toPlainString() + " kW / "
                            + interval.energyKwh().toPlainString() + " kWh, above " + maxSiteKw.toPlainString()
                            + " kW");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(RejectReason reason, MeterInterval interval, String what) {
        return Optional.of(new Refusal(reason, "interval of site " + interval.siteId() + " at "
                + interval.intervalStart() + " " + what));
    }
}
