package io.gridflex.gateway.event;

import java.math.BigDecimal;

import io.gridflex.openadr.model.siscale.SiScaleCodeType;

/**
 * What each executable signal's values may be, and how they become DrEvent values. A value asking for more load, or
 * for export, is a request GridFlex does not execute (460); a value outside what the signal can mean is invalid
 * (454).
 */
final class SignalValues {

    /** The largest power a DrEvent asks of the fleet, in kW; more is a mistake on the VTN's side, not a request. */
    static final BigDecimal MAX_KW = BigDecimal.valueOf(10_000_000);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal SIMPLE_MAX_LEVEL = BigDecimal.valueOf(3);

    /** One payload value, the decimal the VTN wrote, to the DrEvent's value; throws {@link EventRefusal}. */
    @FunctionalInterface
    interface Reader {

        BigDecimal read(BigDecimal payload);
    }

    private SignalValues() {
    }

    /** LOAD_DISPATCH delta in W: a negative delta is a reduction of that many kW; a positive one asks for more load. */
    static Reader reductionKw(SiScaleCodeType scale) {
        return payload -> {
            BigDecimal kw = PowerScale.toKilowatts(payload, scale);
            if (kw.signum() > 0) {
                throw EventRefusal.notSupported("LOAD_DISPATCH delta of +" + kw.toPlainString()
                        + " kW asks for more load; GridFlex only sheds");
            }
            return atMostMaxKw(kw.negate());
        };
    }

    /** A setpoint in W: the draw to stay under, in kW; below zero it asks the sites to export, which they cannot. */
    static Reader importCapKw(ExecutableSignal kind, SiScaleCodeType scale) {
        return payload -> {
            BigDecimal kw = PowerScale.toKilowatts(payload, scale);
            if (kw.signum() < 0) {
                throw EventRefusal.notSupported(kind + " of " + kw.toPlainString()
                        + " kW asks for export; GridFlex sites only draw power");
            }
            return atMostMaxKw(kw);
        };
    }

    /** x-loadControlCapacity: the fraction of capacity to run at, 0 to 1 by definition. */
    static Reader capacityFraction() {
        return payload -> {
            if (payload.signum() < 0 || payload.compareTo(BigDecimal.ONE) > 0) {
                throw EventRefusal.invalid("x-loadControlCapacity must be a fraction from 0 to 1, got "
                        + payload.toPlainString());
            }
            return payload;
        };
    }

    /** x-loadControlPercentOffset: percent less load, up to all of it; a negative offset asks for more load. */
    static Reader reductionPercent() {
        return payload -> {
            if (payload.signum() < 0) {
                throw EventRefusal.notSupported("x-loadControlPercentOffset of " + payload.toPlainString()
                        + " % asks for more load; GridFlex only sheds");
            }
            if (payload.compareTo(HUNDRED) > 0) {
                throw EventRefusal
                        .invalid("x-loadControlPercentOffset must be 0 to 100, got " + payload.toPlainString());
            }
            return payload;
        };
    }

    /** x-loadControlLevelOffset: whole levels above normal (0); a negative offset asks for more load. */
    static Reader levelOffset() {
        return payload -> {
            if (!Decimals.isWhole(payload)) {
                throw EventRefusal.invalid("x-loadControlLevelOffset must be a whole number, got "
                        + payload.toPlainString());
            }
            if (payload.signum() < 0) {
                throw EventRefusal.notSupported("x-loadControlLevelOffset of " + payload.toPlainString()
                        + " asks for more load; GridFlex only sheds");
            }
            return payload;
        };
    }

    /** SIMPLE level: 0 (normal), 1 (moderate), 2 (high) or 3 (special); the program maps levels to capacity. */
    static Reader simpleLevel() {
        return payload -> {
            if (!Decimals.isWhole(payload) || payload.signum() < 0 || payload.compareTo(SIMPLE_MAX_LEVEL) > 0) {
                throw EventRefusal.invalid("SIMPLE level must be 0, 1, 2 or 3, got " + payload.toPlainString());
            }
            return payload;
        };
    }

    /** A price per kWh (scale none) or per MWh (k), as a price per MWh; prices may be negative. */
    static Reader pricePerMwh(SiScaleCodeType perKwhScale) {
        int toPerMwh = 3 - PowerScale.exponent(perKwhScale);
        return payload -> Decimals.canonical(payload.scaleByPowerOfTen(toPerMwh));
    }

    private static BigDecimal atMostMaxKw(BigDecimal kw) {
        if (kw.compareTo(MAX_KW) > 0) {
            throw EventRefusal.invalid(kw.toPlainString() + " kW is more than " + MAX_KW.toPlainString() + " kW");
        }
        return kw;
    }
}
