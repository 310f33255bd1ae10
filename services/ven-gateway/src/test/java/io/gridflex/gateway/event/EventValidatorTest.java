package io.gridflex.gateway.event;

import static io.gridflex.gateway.event.EventFixtures.NOW;
import static io.gridflex.gateway.event.EventFixtures.PROGRAM;
import static io.gridflex.gateway.event.EventFixtures.START;
import static io.gridflex.gateway.event.EventFixtures.VEN;
import static io.gridflex.gateway.event.EventFixtures.VTN;
import static io.gridflex.gateway.event.EventFixtures.dispatch;
import static io.gridflex.gateway.event.EventFixtures.mw;
import static io.gridflex.gateway.event.EventFixtures.rules;
import static io.gridflex.gateway.event.EventFixtures.signal;
import static io.gridflex.gateway.event.EventFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.openadr.DispatchInterval;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.ei.SignalPayloadType;
import io.gridflex.openadr.model.ei.SignalTypeEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType.OadrEvent;
import io.gridflex.openadr.model.siscale.SiScaleCodeType;
import io.gridflex.openadr.model.xcal.Dtstart;

class EventValidatorTest {

    private final EventValidator validator = new EventValidator(rules());

    @Test
    void megawattDeltasBecomeKilowattReductionsLaidBackToBack() {
        OadrEvent event = dispatch("evt-1", 3, mw(Duration.ofMinutes(15), -1.5), mw(Duration.ofMinutes(30), -0.25));

        DrEvent dr = accepted(event);

        assertThat(dr.eventId()).isEqualTo(VTN + "/evt-1");
        assertThat(dr.vtnId()).isEqualTo(VTN);
        assertThat(dr.vtnEventId()).isEqualTo("evt-1");
        assertThat(dr.modificationNumber()).isEqualTo(3);
        assertThat(dr.marketContext()).isEqualTo("oadr://gridflex.io/test");
        assertThat(dr.status()).isEqualTo(DrEvent.EventStatus.FAR);
        assertThat(dr.start()).isEqualTo(START);
        assertThat(dr.end()).isEqualTo(START.plus(Duration.ofMinutes(45)));
        assertThat(dr.program()).isEqualTo(PROGRAM);
        assertThat(dr.signal()).isEqualTo(DrEvent.Signal.REDUCTION_KW);
        assertThat(dr.currency()).isNull();
        assertThat(dr.intervals()).containsExactly(
                new DrInterval(START, START.plus(Duration.ofMinutes(15)), new BigDecimal("1500")),
                new DrInterval(START.plus(Duration.ofMinutes(15)), START.plus(Duration.ofMinutes(45)),
                        new BigDecimal("250")));
        assertThat(dr.targets()).isEqualTo(DrEvent.Targets.all());
        assertThat(dr.startAfterSeconds()).isZero();
        assertThat(dr.testEvent()).isFalse();
        assertThat(dr.receivedAt()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @CsvSource({"KILO, -250, 250", "NONE, -250000, 250", "MEGA, -0.5, 500", "GIGA, -0.002, 2000",
            "MILLI, -3000000, 3", "MEGA, -0.1, 100", "MEGA, -1.2345, 1234.5", "KILO, -0.3, 0.3",
            "MEGA, -10000, 10000000"})
    void siScaleCodesConvertToExactKilowatts(SiScaleCodeType scale, float value, String expectedKw) {
        OadrEvent event = dispatch("evt-scale", 0, mw(Duration.ofMinutes(10), -1));
        unit(event).setSiScaleCode(scale);
        setValue(event, 0, value);

        // Exact decimals, not the float's binary expansion (0.1f is 0.100000001490116...).
        assertThat(accepted(event).intervals().getFirst().value()).isEqualTo(new BigDecimal(expectedKw));
    }

    @Test
    void aDayOfHourlyIntervalsFitsTheDefaultLongestEventAndAFourHourLimitDeclinesIt() {
        DispatchInterval[] hours = new DispatchInterval[24];
        java.util.Arrays.fill(hours, mw(Duration.ofHours(1), -0.5));
        OadrEvent event = dispatch("evt-day", 0, hours);
        EventValidator defaults = new EventValidator(
                new ValidationRules(PROGRAM, VEN, Audience.VEN_ONLY, java.util.Set.of(),
                        Duration.ofHours(48), Duration.ofHours(4), Duration.ofDays(30)));

        Verdict verdict = defaults.validate(VTN, event, NOW);

        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        assertThat(((Verdict.Accepted) verdict).event().intervals()).hasSize(24);
        assertThat(((Verdict.Accepted) verdict).event().end()).isEqualTo(START.plus(Duration.ofDays(1)));
        assertRefused(event, OadrResponseCode.INVALID_DATA, "longer than the PT4H");
    }

    @Test
    void aReductionBeyondTheFleetMaximumIsInvalid() {
        OadrEvent event = dispatch("evt-huge", 0, mw(Duration.ofMinutes(10), -10001));

        assertRefused(event, OadrResponseCode.INVALID_DATA, "interval 0: 10001000 kW is more than 10000000 kW");
    }

    @Test
    void anEventForAnotherVenIsATargetMismatch() {
        OadrEvent event = dispatch("evt-other", 0, mw(Duration.ofMinutes(10), -1));
        event.getEiEvent().getEiTarget().getVenID().set(0, "someone-else");

        assertRefused(event, OadrResponseCode.TARGET_MISMATCH, "does not target venID " + VEN);
    }

    @Test
    void anEmptyTargetIsNotOurs() {
        OadrEvent event = dispatch("evt-empty", 0, mw(Duration.ofMinutes(10), -1));
        event.getEiEvent().getEiTarget().getVenID().clear();

        assertRefused(event, OadrResponseCode.TARGET_MISMATCH, "does not target");
    }

    @Test
    void aGroupWeBelongToIsATargetWeAccept() {
        OadrEvent event = dispatch("evt-group", 0, mw(Duration.ofMinutes(10), -1));
        event.getEiEvent().getEiTarget().getVenID().clear();
        event.getEiEvent().getEiTarget().getGroupID().add("north-miners");

        EventValidator withGroup = new EventValidator(rules(Set.of("north-miners")));

        assertThat(withGroup.validate(VTN, event, NOW)).isInstanceOfSatisfying(Verdict.Accepted.class,
                accepted -> assertThat(accepted.event().targets().groupIds()).containsExactly("north-miners"));
        assertThat(validator.validate(VTN, event, NOW)).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void eventsOfEveryListedMarketContextAreTakenAndOthersDeclinedWithoutAnError() {
        EventValidator enrolled = new EventValidator(
                rules(Set.of(), Set.of("oadr://gridflex.io/test", "oadr://gridflex.io/other")));
        OadrEvent ours = dispatch("evt-ours", 0, mw(Duration.ofMinutes(10), -1));
        OadrEvent other = dispatch("evt-other-market", 0, mw(Duration.ofMinutes(10), -1));
        other.getEiEvent().getEventDescriptor().getEiMarketContext().setMarketContext(" oadr://gridflex.io/other ");
        OadrEvent foreign = dispatch("evt-foreign-market", 0, mw(Duration.ofMinutes(10), -1));
        foreign.getEiEvent().getEventDescriptor().getEiMarketContext().setMarketContext("oadr://gridflex.io/TEST");

        assertThat(enrolled.validate(VTN, ours, NOW)).isInstanceOfSatisfying(Verdict.Accepted.class,
                accepted -> assertThat(accepted.event().marketContext()).isEqualTo("oadr://gridflex.io/test"));
        assertThat(enrolled.validate(VTN, other, NOW)).isInstanceOfSatisfying(Verdict.Accepted.class,
                accepted -> assertThat(accepted.event().marketContext()).isEqualTo("oadr://gridflex.io/other"));
        assertThat(enrolled.validate(VTN, foreign, NOW)).isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo(OadrResponseCode.OK);
            assertThat(refused.reason()).contains("market context oadr://gridflex.io/TEST is not one of");
        });
        // No list: every market context is the program's.
        assertThat(validator.validate(VTN, foreign, NOW)).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void loadDispatchLevelIsNotSupported() {
        OadrEvent event = dispatch("evt-level", 0, mw(Duration.ofMinutes(10), -1));
        signal(event).setSignalType(SignalTypeEnumeratedType.LEVEL);

        assertRefused(event, OadrResponseCode.SIGNAL_NOT_SUPPORTED, "LOAD_DISPATCH/level");
    }

    @Test
    void anUnknownSignalIsNotSupported() {
        OadrEvent event = dispatch("evt-bid", 0, mw(Duration.ofMinutes(10), -1));
        signal(event).setSignalName("BID_LOAD");
        signal(event).setSignalType(SignalTypeEnumeratedType.SETPOINT);

        assertRefused(event, OadrResponseCode.SIGNAL_NOT_SUPPORTED, "signals [BID_LOAD/setpoint] not supported");
    }

    @Test
    void aDeltaWithoutPowerUnitIsNotSupported() {
        OadrEvent event = dispatch("evt-nounit", 0, mw(Duration.ofMinutes(10), -1));
        signal(event).setItemBase(null);

        assertRefused(event, OadrResponseCode.SIGNAL_NOT_SUPPORTED, "LOAD_DISPATCH/delta needs a powerReal unit");
    }

    @Test
    void askingForMoreLoadIsNotSupported() {
        OadrEvent event = dispatch("evt-up", 0, mw(Duration.ofMinutes(10), 0.5));

        assertRefused(event, OadrResponseCode.SIGNAL_NOT_SUPPORTED,
                "interval 0: LOAD_DISPATCH delta of +500 kW asks for more load; GridFlex only sheds");
    }

    @Test
    void aZeroDeltaIsAZeroReduction() {
        OadrEvent event = dispatch("evt-zero", 0, mw(Duration.ofMinutes(10), 0));

        assertThat(accepted(event).intervals().getFirst().value()).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void anIntervalStartingAfterAGapIsRefused() {
        OadrEvent event = dispatch("evt-gap", 0, mw(Duration.ofMinutes(10), -1), mw(Duration.ofMinutes(10), -1));
        Dtstart late = new Dtstart();
        late.setDateTime(START.plus(Duration.ofMinutes(12)));
        signal(event).getIntervals().getInterval().get(1).setDtstart(late);

        assertRefused(event, OadrResponseCode.INVALID_DATA, "in order and without gaps");
    }

    @Test
    void intervalUidsMustIncrease() {
        OadrEvent event = dispatch("evt-uid", 0, mw(Duration.ofMinutes(10), -1), mw(Duration.ofMinutes(10), -1));
        signal(event).getIntervals().getInterval().get(1).getUid().setText("0");

        assertRefused(event, OadrResponseCode.INVALID_DATA, "uids must increase");
    }

    @Test
    void intervalsMustFillTheActivePeriodExactly() {
        OadrEvent event = dispatch("evt-short", 0, mw(Duration.ofMinutes(10), -1), mw(Duration.ofMinutes(10), -1));
        signal(event).getIntervals().getInterval().get(1).getDuration().setDuration(Duration.ofMinutes(5));

        assertRefused(event, OadrResponseCode.INVALID_DATA, "active period lasts PT20M");
    }

    @Test
    void aNegativeDurationIsRefused() {
        OadrEvent event = dispatch("evt-neg", 0, mw(Duration.ofMinutes(10), -1));
        event.getEiEvent().getEiActivePeriod().getProperties().getDuration().setDuration(Duration.ofMinutes(-10));

        assertRefused(event, OadrResponseCode.INVALID_DATA, "is negative");
    }

    @Test
    void anOpenEndedEventRunsToTheConfiguredMaximum() {
        OadrEvent event = dispatch("evt-open", 0, mw(Duration.ofMinutes(10), -2));
        event.getEiEvent().getEiActivePeriod().getProperties().getDuration().setDuration(Duration.ZERO);
        signal(event).getIntervals().getInterval().getFirst().getDuration().setDuration(Duration.ZERO);

        DrEvent dr = accepted(event);

        assertThat(dr.end()).isEqualTo(START.plus(Duration.ofHours(4)));
        assertThat(dr.intervals())
                .containsExactly(new DrInterval(START, START.plus(Duration.ofHours(4)), new BigDecimal("2000")));
    }

    @Test
    void theLastIntervalOfAnOpenEndedEventIsStretchedToTheCap() {
        OadrEvent event = dispatch("evt-open2", 0, mw(Duration.ofMinutes(10), -1), mw(Duration.ofMinutes(20), -3));
        event.getEiEvent().getEiActivePeriod().getProperties().getDuration().setDuration(Duration.ZERO);

        DrEvent dr = accepted(event);

        assertThat(dr.intervals()).extracting(DrInterval::end)
                .containsExactly(START.plus(Duration.ofMinutes(10)), START.plus(Duration.ofHours(4)));
    }

    @Test
    void onlyTheLastIntervalMayBeOpenEnded() {
        OadrEvent event = dispatch("evt-open3", 0, mw(Duration.ofMinutes(10), -1), mw(Duration.ofMinutes(20), -3));
        event.getEiEvent().getEiActivePeriod().getProperties().getDuration().setDuration(Duration.ZERO);
        signal(event).getIntervals().getInterval().getFirst().getDuration().setDuration(Duration.ZERO);

        assertRefused(event, OadrResponseCode.INVALID_DATA, "only the last interval may be open-ended");
    }

    @Test
    void anEventLongerThanTheMaximumIsRefused() {
        OadrEvent event = dispatch("evt-long", 0, mw(Duration.ofHours(5), -1));

        assertRefused(event, OadrResponseCode.INVALID_DATA, "longer than the PT4H");
    }

    @Test
    void anEventStartingImplausiblyFarAheadIsRefused() {
        OadrEvent event = dispatch("evt-far", 0, mw(Duration.ofMinutes(10), -1));
        event.getEiEvent().getEiActivePeriod().getProperties().getDtstart()
                .setDateTime(NOW.plus(Duration.ofDays(31)));

        assertRefused(event, OadrResponseCode.INVALID_DATA, "ahead");
    }

    @Test
    void aNonFiniteValueIsRefused() {
        OadrEvent event = dispatch("evt-nan", 0, mw(Duration.ofMinutes(10), -1));
        setValue(event, 0, Float.NaN);

        assertRefused(event, OadrResponseCode.INVALID_DATA, "has the value NaN");
    }

    @Test
    void anEventIdThatCannotTravelInADrEventIsRefused() {
        OadrEvent event = dispatch("evt with spaces", 0, mw(Duration.ofMinutes(10), -1));

        assertRefused(event, OadrResponseCode.INVALID_DATA, "printable ASCII");
        assertThat(EventValidator.eventKey(VTN, "evt with spaces")).isEmpty();
        assertThat(EventValidator.eventKey(VTN, "evt-1")).contains(VTN + "/evt-1");
    }

    @Test
    void aTestEventIsFlagged() {
        OadrEvent event = dispatch("evt-test", 0, mw(Duration.ofMinutes(10), -1));
        event.getEiEvent().getEventDescriptor().setTestEvent("true");

        assertThat(accepted(event).testEvent()).isTrue();
    }

    private DrEvent accepted(OadrEvent event) {
        Verdict verdict = validator.validate(VTN, event, NOW);
        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        return ((Verdict.Accepted) verdict).event();
    }

    private void assertRefused(OadrEvent event, OadrResponseCode code, String reasonPart) {
        Verdict verdict = validator.validate(VTN, event, NOW);
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        Verdict.Refused refused = (Verdict.Refused) verdict;
        assertThat(refused.code()).isEqualTo(code);
        assertThat(refused.reason()).contains(reasonPart);
    }

    private static void setValue(OadrEvent event, int interval, float value) {
        SignalPayloadType payload = (SignalPayloadType) signal(event).getIntervals().getInterval().get(interval)
                .getStreamPayloadBase().getFirst().getValue();
        ((PayloadFloatType) payload.getPayloadBase().getValue()).setValue(value);
    }
}
