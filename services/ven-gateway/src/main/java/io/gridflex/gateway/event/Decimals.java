package io.gridflex.gateway.event;

import java.math.BigDecimal;

/** The exact decimals behind OpenADR's float payloads. */
final class Decimals {

    private Decimals() {
    }

    /**
     * The decimal the VTN wrote: {@code Float.toString} gives the shortest decimal that reads back as this float, so
     * {@code 0.31} stays 0.31 instead of the float's binary expansion 0.3100000023841858.
     */
    static BigDecimal of(float value) {
        return canonical(new BigDecimal(Float.toString(value)));
    }

    /**
     * Without trailing zeros and never with a negative scale: equal values are equal records (BigDecimal equality
     * counts the scale) and read plainly (1500, not 1.5E+3).
     */
    static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static boolean isWhole(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0;
    }
}
