package io.gridflex.gateway.event;

import static io.gridflex.gateway.event.EventFixtures.NOW;
import static io.gridflex.gateway.event.EventFixtures.START;
import static io.gridflex.gateway.event.EventFixtures.VEN;
import static io.gridflex.gateway.event.EventFixtures.VTN;
import static io.gridflex.gateway.event.EventFixtures.fromVtn;
import static io.gridflex.gateway.event.EventFixtures.rules;
import static io.gridflex.gateway.support.VtnXml.currency;
import static io.gridflex.gateway.support.VtnXml.powerReal;
import static io.gridflex.gateway.support.VtnXml.signal;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.gridflex.gateway.support.VtnXml;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.openadr.OadrResponseCode;

/**
 * Every signal GridFlex executes, written as a third-party VTN writes it: how its values become DrEvent values, its
 * bounds, and which one is executed when an event carries several.
 */
class SignalKindsTest {

    private static final Duration QUARTER = Duration.ofMinutes(15);

    private final EventValidator validator = new EventValidator(rules());

    @Test
    void aLoadDispatchSetpointIsAnImportCapInKilowatts() {
        DrEvent event = accepted(signal("LOAD_DISPATCH", "setpoint", QUARTER, "2500.0", "1800.5", "0.0")
                .withItem(powerReal("W", "k")));

        assertThat(event.signal()).isEqualTo(DrEvent.Signal.IMPORT_CAP_KW);
        assertThat(event.currency()).isNull();
        assertThat(values(event)).containsExactly(decimals("2500", "1800.5", "0"));
    }

    @Test
    void aSetpointBelowZeroAsksForExport() {
        refused(signal("LOAD_DISPATCH", "setpoint", QUARTER, "-0.5").withItem(powerReal("W", "M")),
                OadrResponseCode.SIGNAL_NOT_SUPPORTED, "interval 0: LOAD_DISPATCH/setpoint of -500 kW asks for export");
    }

    @Test
    void aLoadControlSetpointIsAnImportCapFromItsPowerUnit() {
        DrEvent event = accepted(signal("LOAD_CONTROL", "x-loadControlSetpoint", QUARTER, "1.25", "0.75")
                .withItem(powerReal("J/s", "M")));

        assertThat(event.signal()).isEqualTo(DrEvent.Signal.IMPORT_CAP_KW);
        assertThat(values(event)).containsExactly(decimals("1250", "750"));
    }

    @Test
    void aLoadControlSetpointWithoutAPowerUnitIsNotSupported() {
        refused(signal("LOAD_CONTROL", "x-loadControlSetpoint", QUARTER, "1000"),
                OadrResponseCode.SIGNAL_NOT_SUPPORTED,
                "LOAD_CONTROL/x-loadControlSetpoint needs a powerReal unit, got none");
        refused(signal("LOAD_CONTROL", "x-loadControlSetpoint", QUARTER, "1000")
                .withItem(currency("currencyPerKWh", "currencyPerKWh", "EUR", "none")),
                OadrResponseCode.SIGNAL_NOT_SUPPORTED, "needs a powerReal unit, got currencyPerKWh");
    }

    @Test
    void aLoadControlCapacityIsAFraction() {
        DrEvent event = accepted(signal("LOAD_CONTROL", "x-loadControlCapacity", QUARTER, "0.5", "0.1", "1.0", "0"));

        assertThat(event.signal()).isEqualTo(DrEvent.Signal.CAPACITY_FRACTION);
        assertThat(values(event)).containsExactly(decimals("0.5", "0.1", "1", "0"));
    }

    @ParameterizedTest
    @CsvSource({"1.5", "-0.1"})
    void aCapacityOutsideZeroToOneIsInvalid(String value) {
        refused(signal("LOAD_CONTROL", "x-loadControlCapacity", QUARTER, value), OadrResponseCode.INVALID_DATA,
                "x-loadControlCapacity must be a fraction from 0 to 1");
    }

    @Test
    void aLoadControlPercentOffsetIsAReductionInPercent() {
        DrEvent event = accepted(signal("LOAD_CONTROL", "x-loadControlPercentOffset", QUARTER, "12.5", "100.0"));

        assertThat(event.signal()).isEqualTo(DrEvent.Signal.REDUCTION_PERCENT);
        assertThat(values(event)).containsExactly(decimals("12.5", "100"));
    }

    @Test
    void aPercentOffsetBeyondAHundredIsInvalidAndANegativeOneAsksForMoreLoad() {
        refused(signal("LOAD_CONTROL", "x-loadControlPercentOffset", QUARTER, "100.5"), OadrResponseCode.INVALID_DATA,
                "must be 0 to 100, got 100.5");
        refused(signal("LOAD_CONTROL", "x-loadControlPercentOffset", QUARTER, "-10"),
                OadrResponseCode.SIGNAL_NOT_SUPPORTED, "asks for more load");
    }

    @Test
    void aLoadControlLevelOffsetIsALevel() {
        DrEvent event = accepted(signal("LOAD_CONTROL", "x-loadControlLevelOffset", QUARTER, "1.0", "4", "0"));

        assertThat(event.signal()).isEqualTo(DrEvent.Signal.LEVEL);
        assertThat(values(event)).containsExactly(decimals("1", "4", "0"));
    }

    @Test
    void aLevelOffsetMustBeWholeAndNotBelowNormal() {
        refused(signal("LOAD_CONTROL", "x-loadControlLevelOffset", QUARTER, "1.5"), OadrResponseCode.INVALID_DATA,
                "must be a whole number, got 1.5");
        refused(signal("LOAD_CONTROL", "x-loadControlLevelOffset", QUARTER, "-1"),
                OadrResponseCode.SIGNAL_NOT_SUPPORTED, "asks for more load");
    }

    @Test
    void simpleLevelsAreLevels() {
        DrEvent event = accepted(signal("SIMPLE", "level", QUARTER, "0.0", "1.0", "2.0", "3.0"));

        assertThat(event.signal()).isEqualTo(DrEvent.Signal.LEVEL);
        assertThat(values(event)).containsExactly(decimals("0", "1", "2", "3"));
        assertThat(accepted(signal("simple", "level", QUARTER, "2")).signal()).isEqualTo(DrEvent.Signal.LEVEL);
    }

    @ParameterizedTest
    @CsvSource({"4", "1.5", "-1"})
    void aSimpleLevelOutsideZeroToThreeIsInvalid(String level) {
        refused(signal("SIMPLE", "level", QUARTER, level), OadrResponseCode.INVALID_DATA,
                "SIMPLE level must be 0, 1, 2 or 3");
    }

    @Test
    void aPricePerKwhIsPublishedPerMwhInItsCurrency() {
        DrEvent event = accepted(signal("ELECTRICITY_PRICE", "price", QUARTER, "0.2845", "0.31", "-0.015")
                .withItem(currency("currencyPerKWh", "currencyPerKWh", "EUR", "none")));

        assertThat(event.signal()).isEqualTo(DrEvent.Signal.PRICE);
        assertThat(event.currency()).isEqualTo("EUR");
        assertThat(values(event)).containsExactly(decimals("284.5", "310", "-15"));
    }

    @Test
    void aPricePerMwhStaysAsItIs() {
        DrEvent event = accepted(signal("ELECTRICITY_PRICE", "price", QUARTER, "95.5", "3000")
                .withItem(currency("currencyPerKWh", "currencyPerKWh", "GBP", "k")));

        assertThat(event.currency()).isEqualTo("GBP");
        assertThat(values(event)).containsExactly(decimals("95.5", "3000"));
    }

    @Test
    void aPriceWithoutAnEnergyBasisIsNotSupported() {
        refused(signal("ELECTRICITY_PRICE", "price", QUARTER, "12")
                .withItem(currency("currencyPerKW", "currencyPerKW", "USD", "none")),
                OadrResponseCode.SIGNAL_NOT_SUPPORTED, "needs a currencyPerKWh unit, got currencyPerKW");
        refused(signal("ELECTRICITY_PRICE", "price", QUARTER, "12")
                .withItem(currency("currency", "currency", "USD", "none")),
                OadrResponseCode.SIGNAL_NOT_SUPPORTED, "needs a currencyPerKWh unit, got currency");
        refused(signal("ELECTRICITY_PRICE", "price", QUARTER, "12"), OadrResponseCode.SIGNAL_NOT_SUPPORTED,
                "needs a currencyPerKWh unit, got none");
        refused(signal("ELECTRICITY_PRICE", "price", QUARTER, "12")
                .withItem(currency("currencyPerKWh", "currencyPerKWh", "USD", "M")),
                OadrResponseCode.SIGNAL_NOT_SUPPORTED, "siScaleCode none (per kWh) or k (per MWh), got M");
    }

    @Test
    void aRelativePriceIsNotSupported() {
        refused(signal("ELECTRICITY_PRICE", "priceRelative", QUARTER, "0.05")
                .withItem(currency("currencyPerKWh", "currencyPerKWh", "USD", "none")),
                OadrResponseCode.SIGNAL_NOT_SUPPORTED, "signals [ELECTRICITY_PRICE/priceRelative] not supported");
    }

    @Test
    void aPriceBeyondWhatADrEventCarriesIsInvalid() {
        refused(signal("ELECTRICITY_PRICE", "price", QUARTER, "2.0E7")
                .withItem(currency("currencyPerKWh", "currencyPerKWh", "USD", "none")),
                OadrResponseCode.INVALID_DATA, "interval 0 has the value 20000000000");
    }

    @Test
    void theMostSpecificSignalIsExecuted() {
        VtnXml.Signal simple = signal("SIMPLE", "level", QUARTER, "2");
        VtnXml.Signal delta = signal("LOAD_DISPATCH", "delta", QUARTER, "-300").withItem(powerReal("W", "k"));
        VtnXml.Signal setpoint = signal("LOAD_DISPATCH", "setpoint", QUARTER, "900").withItem(powerReal("W", "k"));
        VtnXml.Signal capacity = signal("LOAD_CONTROL", "x-loadControlCapacity", QUARTER, "0.5");
        VtnXml.Signal cap = signal("LOAD_CONTROL", "x-loadControlSetpoint", QUARTER, "700")
                .withItem(powerReal("W", "k"));
        VtnXml.Signal price = signal("ELECTRICITY_PRICE", "price", QUARTER, "0.3")
                .withItem(currency("currencyPerKWh", "currencyPerKWh", "USD", "none"));

        assertThat(accepted(simple, delta).signal()).isEqualTo(DrEvent.Signal.REDUCTION_KW);
        assertThat(values(accepted(setpoint, delta))).containsExactly(decimals("300"));
        assertThat(values(accepted(capacity, cap))).containsExactly(decimals("700"));
        assertThat(accepted(simple, price).signal()).isEqualTo(DrEvent.Signal.PRICE);
        assertThat(accepted(price, capacity).signal()).isEqualTo(DrEvent.Signal.CAPACITY_FRACTION);
    }

    @Test
    void twoSignalsOfTheChosenKindAreAmbiguous() {
        refused(new VtnXml.Signal[]{signal("LOAD_CONTROL", "x-loadControlCapacity", QUARTER, "0.5"),
                signal("LOAD_CONTROL", "x-loadControlCapacity", QUARTER, "0.7")}, OadrResponseCode.INVALID_DATA,
                "event carries 2 LOAD_CONTROL/x-loadControlCapacity signals; which one applies is ambiguous");
        // Two of a kind that is not executed are no ambiguity.
        assertThat(accepted(signal("SIMPLE", "level", QUARTER, "1"), signal("SIMPLE", "level", QUARTER, "2"),
                signal("LOAD_CONTROL", "x-loadControlPercentOffset", QUARTER, "20")).signal())
                .isEqualTo(DrEvent.Signal.REDUCTION_PERCENT);
    }

    @Test
    void aPreferredSignalThatCannotBeExecutedDeclinesTheEventRatherThanFallingBack() {
        refused(new VtnXml.Signal[]{signal("SIMPLE", "level", QUARTER, "1"),
                signal("LOAD_DISPATCH", "delta", QUARTER, "-300")}, OadrResponseCode.SIGNAL_NOT_SUPPORTED,
                "LOAD_DISPATCH/delta needs a powerReal unit, got none");
    }

    @Test
    void aCustomSignalIsNotSupported() {
        refused(signal("x-gridflexTest", "level", QUARTER, "1"), OadrResponseCode.SIGNAL_NOT_SUPPORTED,
                "signals [x-gridflexTest/level] not supported: GridFlex executes one of [LOAD_DISPATCH/delta");
    }

    @Test
    void theIntervalsKeepTheirTimes() {
        DrEvent event = accepted(signal("LOAD_CONTROL", "x-loadControlCapacity", QUARTER, "0.5", "0.25"));

        assertThat(event.intervals()).containsExactly(
                new DrInterval(START, START.plus(QUARTER), new BigDecimal("0.5")),
                new DrInterval(START.plus(QUARTER), START.plus(QUARTER.multipliedBy(2)), new BigDecimal("0.25")));
        assertThat(event.end()).isEqualTo(START.plus(QUARTER.multipliedBy(2)));
    }

    private DrEvent accepted(VtnXml.Signal... signals) {
        Verdict verdict = validator.validate(VTN, fromVtn(event(signals)), NOW);
        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        return ((Verdict.Accepted) verdict).event();
    }

    private void refused(VtnXml.Signal signal, OadrResponseCode code, String reasonPart) {
        refused(new VtnXml.Signal[]{signal}, code, reasonPart);
    }

    private void refused(VtnXml.Signal[] signals, OadrResponseCode code, String reasonPart) {
        Verdict verdict = validator.validate(VTN, fromVtn(event(signals)), NOW);
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo(code);
            assertThat(refused.reason()).contains(reasonPart);
        });
    }

    private static VtnXml.Event event(VtnXml.Signal... signals) {
        VtnXml.Event event = VtnXml.event("EVT-1", START).ven(VEN);
        Arrays.stream(signals).forEach(event::signal);
        return event;
    }

    private static BigDecimal[] values(DrEvent event) {
        return event.intervals().stream().map(DrInterval::value).toArray(BigDecimal[]::new);
    }

    private static BigDecimal[] decimals(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toArray(BigDecimal[]::new);
    }
}
