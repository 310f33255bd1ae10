package io.gridflex.dispatch.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Power in whole tenths of a kW, the resolution schedules are issued at. Converting through {@link BigDecimal} of the
 * double's shortest decimal form keeps {@code 12.3} at 123 tenths instead of 122.99999.
 */
public final class DeciKw {

    private DeciKw() {
    }

    /** The nearest tenth, halves rounded up: how a requested reduction is read. */
    public static long round(double kw) {
        return tenths(kw, RoundingMode.HALF_UP);
    }

    public static long round(BigDecimal kw) {
        return kw.signum() <= 0 ? 0 : kw.setScale(1, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    /** The tenths that fit inside {@code kw}: how a capacity is read, so a site is never asked for more than it has. */
    public static long floor(double kw) {
        return tenths(kw, RoundingMode.FLOOR);
    }

    public static long floor(BigDecimal kw) {
        return kw.signum() <= 0 ? 0 : kw.setScale(1, RoundingMode.FLOOR).unscaledValue().longValueExact();
    }

    public static double toKw(long deciKw) {
        return deciKw / 10.0;
    }

    public static BigDecimal toDecimal(long deciKw) {
        return BigDecimal.valueOf(deciKw, 1);
    }

    private static long tenths(double kw, RoundingMode mode) {
        if (!Double.isFinite(kw) || kw <= 0) {
            return 0;
        }
        return BigDecimal.valueOf(kw).setScale(1, mode).unscaledValue().longValueExact();
    }
}
