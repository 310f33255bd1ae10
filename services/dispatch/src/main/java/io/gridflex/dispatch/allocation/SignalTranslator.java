package io.gridflex.dispatch.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.gridflex.messages.DrEvent.Signal;

/**
 * Turns one interval's signal value into the reduction the fleet must deliver, in tenths of a kW. Percentages,
 * fractions and caps apply to the candidate sites' normal draw (what they would draw with nothing held off); levels
 * to their enrolled capacity, through the program's level shares. Prices are not a fleet total: each site compares
 * the price with its own strike price ({@link MeritOrderAllocator}). Pure.
 */
public final class SignalTranslator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SignalTranslator() {
    }

    public static long fleetRequest(Signal signal, BigDecimal value, ProgramTerms terms, List<Candidate> candidates) {
        return switch (signal) {
            case REDUCTION_KW -> {
                if (value.signum() < 0) {
                    throw new InvalidSignalException("a reduction of " + value.toPlainString()
                            + " kW asks for more load; GridFlex only sheds");
                }
                yield DeciKw.round(value);
            }
            case REDUCTION_PERCENT -> {
                requireWithin(value, BigDecimal.ZERO, HUNDRED, "a percentage reduction");
                yield share(normalDraw(candidates), value.divide(HUNDRED));
            }
            case CAPACITY_FRACTION -> {
                requireWithin(value, BigDecimal.ZERO, BigDecimal.ONE, "a capacity fraction");
                yield share(normalDraw(candidates), BigDecimal.ONE.subtract(value));
            }
            case IMPORT_CAP_KW -> {
                if (value.signum() < 0) {
                    throw new InvalidSignalException("an import cap of " + value.toPlainString() + " kW is negative");
                }
                yield Math.max(0, normalDraw(candidates) - DeciKw.floor(value));
            }
            case LEVEL -> share(enrolled(candidates), levelShare(value, terms));
            case PRICE -> throw new IllegalArgumentException("a price is compared per site, not totalled");
        };
    }

    private static BigDecimal levelShare(BigDecimal value, ProgramTerms terms) {
        int level;
        try {
            level = value.intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidSignalException("level " + value.toPlainString() + " is not a whole number");
        }
        if (level < 0 || level > 3) {
            throw new InvalidSignalException("level " + level + " is not 0 to 3");
        }
        return level == 0 ? BigDecimal.ZERO : terms.levelShares().get(level - 1);
    }

    private static long share(long deciKw, BigDecimal fraction) {
        return BigDecimal.valueOf(deciKw).multiply(fraction).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long normalDraw(List<Candidate> candidates) {
        return candidates.stream().mapToLong(Candidate::normalDrawDeciKw).sum();
    }

    private static long enrolled(List<Candidate> candidates) {
        return candidates.stream().mapToLong(Candidate::enrolledDeciKw).sum();
    }

    private static void requireWithin(BigDecimal value, BigDecimal low, BigDecimal high, String what) {
        if (value.compareTo(low) < 0 || value.compareTo(high) > 0) {
            throw new InvalidSignalException(what + " of " + value.toPlainString() + " is not between "
                    + low.toPlainString() + " and " + high.toPlainString());
        }
    }
}
