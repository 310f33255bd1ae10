package io.gridflex.gateway.event;

import java.math.BigDecimal;

import io.gridflex.openadr.model.siscale.SiScaleCodeType;

/** Converts a value with an SI prefix, e.g. power in W, exactly via decimal arithmetic. */
final class PowerScale {

    private PowerScale() {
    }

    /** @param watts the value as the VTN wrote it, e.g. {@code -2.5} with scale {@code M} is -2500 kW */
    static BigDecimal toKilowatts(BigDecimal watts, SiScaleCodeType scale) {
        return Decimals.canonical(watts.scaleByPowerOfTen(exponent(scale) - 3));
    }

    static int exponent(SiScaleCodeType scale) {
        return switch (scale) {
            case PICO -> -12;
            case NANO -> -9;
            case MICRO -> -6;
            case MILLI -> -3;
            case CENTI -> -2;
            case DECI -> -1;
            case NONE -> 0;
            case KILO -> 3;
            case MEGA -> 6;
            case GIGA -> 9;
            case TERA -> 12;
        };
    }
}
