package io.gridflex.settlement.attribution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.gridflex.settlement.baseline.Decimals;

/**
 * Rounds parts of a whole so the rounded parts add up to the rounded whole (the largest-remainder method): each part
 * is first rounded down to the scale; the units the whole still lacks go one each to the parts with the largest
 * remainders, ties to the part listed first. The whole is rounded by {@link Decimals#ROUNDING}. A part with nothing
 * left over is never rounded up, and a single part rounds exactly as the whole does. Pure.
 */
public final class LargestRemainder {

    private LargestRemainder() {
    }

    /** The parts rounded to {@code scale}, in the order given; their sum is the sum of {@code exact} rounded. */
    public static List<BigDecimal> round(List<BigDecimal> exact, int scale) {
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        List<BigDecimal> rounded = new ArrayList<>();
        List<Integer> byRemainder = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal floors = BigDecimal.ZERO;
        for (int i = 0; i < exact.size(); i++) {
            BigDecimal floor = exact.get(i).setScale(scale, RoundingMode.FLOOR);
            rounded.add(floor);
            byRemainder.add(i);
            total = total.add(exact.get(i));
            floors = floors.add(floor);
        }
        BigDecimal target = total.setScale(scale, Decimals.ROUNDING);
        int missing = target.subtract(floors).divideToIntegralValue(unit).intValueExact();
        // A stable sort keeps the given order among equal remainders.
        byRemainder.sort(Comparator.comparing((Integer i) -> exact.get(i).subtract(rounded.get(i))).reversed());
        for (int n = 0; n < missing; n++) {
            int i = byRemainder.get(n);
            rounded.set(i, rounded.get(i).add(unit));
        }
        return rounded;
    }
}
