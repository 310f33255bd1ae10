package io.gridflex.gateway.event;

import java.util.Set;
import java.util.regex.Pattern;

import jakarta.xml.bind.JAXBElement;

import io.gridflex.messages.DrEvent;
import io.gridflex.openadr.model.ei.EiEventSignalType;
import io.gridflex.openadr.model.emix.ItemBaseType;
import io.gridflex.openadr.model.oadr.CurrencyItemDescriptionType;
import io.gridflex.openadr.model.oadr.CurrencyType;
import io.gridflex.openadr.model.power.PowerRealType;
import io.gridflex.openadr.model.siscale.SiScaleCodeType;

/**
 * How to read the values of the chosen signal: what they mean on the wire, in which currency, and how each payload
 * becomes a DrEvent value. The units are checked here, once per signal (460 when unusable); the values interval by
 * interval.
 *
 * @param signal what the DrEvent's values mean
 * @param currency ISO 4217 code of a price signal, null otherwise
 * @param values one payload (the decimal the VTN wrote) to one DrEvent value
 */
record SignalReading(DrEvent.Signal signal, String currency, SignalValues.Reader values) {

    private static final Pattern ISO_4217 = Pattern.compile("[A-Z]{3}");
    private static final Set<String> WATTS = Set.of("W", "J/s");

    static SignalReading of(SignalChoice choice) {
        ExecutableSignal kind = choice.kind();
        EiEventSignalType signal = choice.signal();
        SignalValues.Reader values = switch (kind) {
            case LOAD_DISPATCH_DELTA -> SignalValues.reductionKw(powerScale(kind, signal));
            case LOAD_DISPATCH_SETPOINT, LOAD_CONTROL_SETPOINT -> SignalValues.importCapKw(kind,
                    powerScale(kind, signal));
            case LOAD_CONTROL_CAPACITY -> SignalValues.capacityFraction();
            case LOAD_CONTROL_PERCENT_OFFSET -> SignalValues.reductionPercent();
            case LOAD_CONTROL_LEVEL_OFFSET -> SignalValues.levelOffset();
            case ELECTRICITY_PRICE -> SignalValues.pricePerMwh(perKwhScale(signal));
            case SIMPLE_LEVEL -> SignalValues.simpleLevel();
        };
        String currency = kind == ExecutableSignal.ELECTRICITY_PRICE ? currency(signal) : null;
        return new SignalReading(kind.published(), currency, values);
    }

    /** Power signals are in W (or J/s, the same) with an SI prefix, in their powerReal item. */
    private static SiScaleCodeType powerScale(ExecutableSignal kind, EiEventSignalType signal) {
        JAXBElement<? extends ItemBaseType> unit = signal.getItemBase();
        if (unit == null || !(unit.getValue() instanceof PowerRealType power)) {
            throw EventRefusal.notSupported(kind + " needs a powerReal unit, got " + describe(unit));
        }
        if (!WATTS.contains(String.valueOf(power.getItemUnits()).strip()) || power.getSiScaleCode() == null) {
            throw EventRefusal.notSupported("powerReal must be in W with an siScaleCode, got "
                    + EventRefusal.printable(String.valueOf(power.getItemUnits())));
        }
        return power.getSiScaleCode();
    }

    /**
     * A price is an amount of currency per energy: a currencyPerKWh item, per kWh (siScaleCode none) or per MWh (k).
     * Prices per kW (demand charges), per therm or without a basis say nothing about the cost of running an hour.
     */
    private static SiScaleCodeType perKwhScale(EiEventSignalType signal) {
        CurrencyType currency = currencyItem(signal);
        SiScaleCodeType scale = currency.getSiScaleCode();
        if (scale != SiScaleCodeType.NONE && scale != SiScaleCodeType.KILO) {
            throw EventRefusal.notSupported("a price per kWh needs siScaleCode none (per kWh) or k (per MWh), got "
                    + (scale == null ? "none given" : scale.value()));
        }
        return scale;
    }

    private static String currency(EiEventSignalType signal) {
        String code = currencyItem(signal).getItemUnits();
        String stripped = code == null ? "" : code.strip();
        if (!ISO_4217.matcher(stripped).matches()) {
            throw EventRefusal.notSupported("price currency must be an ISO 4217 code, got '"
                    + EventRefusal.printable(stripped) + "'");
        }
        return stripped;
    }

    private static CurrencyType currencyItem(EiEventSignalType signal) {
        JAXBElement<? extends ItemBaseType> unit = signal.getItemBase();
        if (unit == null || !(unit.getValue() instanceof CurrencyType currency)
                || currency.getItemDescription() != CurrencyItemDescriptionType.CURRENCY_PER_K_WH
                || !(unit.getName().getLocalPart().equals("currencyPerKWh")
                        || unit.getName().getLocalPart().equals("currency"))) {
            throw EventRefusal.notSupported(ExecutableSignal.ELECTRICITY_PRICE + " needs a currencyPerKWh unit, got "
                    + describe(unit));
        }
        return currency;
    }

    private static String describe(JAXBElement<? extends ItemBaseType> unit) {
        if (unit == null) {
            return "none";
        }
        String element = unit.getName().getLocalPart();
        return unit.getValue() instanceof CurrencyType currency && currency.getItemDescription() != null
                ? element + " (" + currency.getItemDescription().value() + ")"
                : element;
    }
}
