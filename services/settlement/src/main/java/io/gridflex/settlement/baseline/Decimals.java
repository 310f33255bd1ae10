package io.gridflex.settlement.baseline;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The arithmetic rules of settlement, in one place so a statement can be reproduced by hand.
 * <ul>
 * <li>Intermediate results carry 34 significant digits ({@link MathContext#DECIMAL128}); nothing is rounded to a
 * billed scale until the end.</li>
 * <li>Every rounding is half-even (banker's rounding), so rounding errors do not drift one way over many sites.</li>
 * <li>Baseline and average power: 3 decimals of a kW (1 W). The rounded baseline is the one used for delivery, so
 * the delivered figures follow from the baseline printed next to them.</li>
 * <li>Delivered energy of a site: 3 decimals of a kWh (1 Wh); its MWh is the same figure with the point moved, 6
 * decimals. An event's total is the sum of its sites' rounded figures, so the lines add up to the total.</li>
 * <li>Per-interval detail: 6 decimals of a kWh, for auditing; those lines may differ from the site total in the
 * last place because the total is rounded once, not line by line.</li>
 * <li>Coverage: a fraction of 1 with 4 decimals. The sufficiency decision uses the unrounded fraction.</li>
 * <li>Shares of overlapping events: the energy delivered over a piece of a site's schedule is split among its
 * contributors with 34 significant digits, the last contributor taking exactly what remains, and the splits are summed
 * exactly, so the parts always add up to the whole. An event's figure for a shed episode is rounded to 3 decimals
 * together with the other contributors' by the largest-remainder method, so the rounded figures add up to the
 * episode's rounded total. A share shown as a fraction has 6 decimals; it is never used to compute.</li>
 * <li>Baseline adjustment ratios: 6 decimals. Money: 2 decimals (cents), rounded once per statement line; see
 * {@code docs/settlement-methods.md}.</li>
 * </ul>
 */
public final class Decimals {

    public static final MathContext CALCULATION = MathContext.DECIMAL128;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    public static final int KW_SCALE = 3;
    public static final int KWH_SCALE = 3;
    public static final int DETAIL_KWH_SCALE = 6;
    public static final int COVERAGE_SCALE = 4;
    public static final int SHARE_SCALE = 6;
    public static final int RATIO_SCALE = 6;
    public static final int MONEY_SCALE = 2;

    private static final BigDecimal NANOS_PER_HOUR = BigDecimal.valueOf(3_600_000_000_000L);

    private Decimals() {
    }

    public static BigDecimal hours(Duration duration) {
        return new BigDecimal(duration.toNanos()).divide(NANOS_PER_HOUR, CALCULATION);
    }

    /** The mean kW of {@code kwh} drawn over {@code duration}, not zero: kWh × 3,600 s / seconds, divided last. */
    public static BigDecimal meanKw(BigDecimal kwh, Duration duration) {
        return kwh.multiply(NANOS_PER_HOUR).divide(new BigDecimal(duration.toNanos()), CALCULATION);
    }

    /** {@code part / whole} for two durations, whole not zero. */
    public static BigDecimal fraction(Duration part, Duration whole) {
        return new BigDecimal(part.toNanos()).divide(new BigDecimal(whole.toNanos()), CALCULATION);
    }

    public static BigDecimal kw(BigDecimal value) {
        return value.setScale(KW_SCALE, ROUNDING);
    }

    public static BigDecimal kwh(BigDecimal value) {
        return value.setScale(KWH_SCALE, ROUNDING);
    }

    public static BigDecimal detailKwh(BigDecimal value) {
        return value.setScale(DETAIL_KWH_SCALE, ROUNDING);
    }

    public static BigDecimal coverage(BigDecimal value) {
        return value.setScale(COVERAGE_SCALE, ROUNDING);
    }

    public static BigDecimal share(BigDecimal value) {
        return value.setScale(SHARE_SCALE, ROUNDING);
    }

    public static BigDecimal money(BigDecimal value) {
        return value.setScale(MONEY_SCALE, ROUNDING);
    }

    /** MWh from kWh already rounded to {@link #KWH_SCALE}: an exact shift of the decimal point. */
    public static BigDecimal mwh(BigDecimal roundedKwh) {
        return roundedKwh.movePointLeft(3);
    }
}
