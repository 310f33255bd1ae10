package io.gridflex.gateway.event;

import static io.gridflex.gateway.event.EventFixtures.distribute;
import static io.gridflex.gateway.event.EventFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType.OadrEvent;

/**
 * The validator against events captured from a third-party VTN (OpenLEADR), read in place from
 * {@code shared/openadr-samples} through the same codec the gateway uses.
 */
class CapturedSamplesTest {

    private static final OpenAdrXml XML = new OpenAdrXml();
    private static final String SAMPLE_VEN = "ven_id_123";
    private static final String SESSION_VEN = "VEN-PEER-1";
    private static final String SESSION_VTN = "UTILITY-VTN-1";
    private static final Instant RECEIVED = Instant.parse("2026-11-21T21:27:00Z");
    private static final Instant SESSION_RECEIVED = Instant.parse("2026-12-02T05:22:46Z");

    @Test
    void aLoadDispatchDeltaWithoutUnitIsDeclinedAsNotSupported() {
        OadrDistributeEventType message = distribute(XML.unmarshal(sample("captured_secure_oadrDistributeEvent.xml")));
        assertThat(message.getVtnID()).isEqualTo("MYVTN");

        Verdict verdict = validator(SAMPLE_VEN).validate("MYVTN", message.getOadrEvent().getFirst(), RECEIVED);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo(OadrResponseCode.SIGNAL_NOT_SUPPORTED);
            assertThat(refused.reason()).contains("LOAD_DISPATCH/delta needs a powerReal unit, got none");
        });
    }

    @Test
    void theCapturedEventIsNotForAnotherVen() {
        OadrDistributeEventType message = distribute(XML.unmarshal(sample("captured_secure_oadrDistributeEvent.xml")));

        Verdict verdict = validator("other-ven").validate("MYVTN", message.getOadrEvent().getFirst(), RECEIVED);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(OadrResponseCode.TARGET_MISMATCH));
    }

    @Test
    void aSimpleLevelIsPassedOnAsALevel() {
        OadrDistributeEventType message = distribute(XML.unmarshal(sample("resp_jaxb_oadrPoll.xml")));

        DrEvent event = accepted(validator(SAMPLE_VEN).validate("MYVTN", message.getOadrEvent().getFirst(),
                RECEIVED));

        Instant start = Instant.parse("2026-11-21T21:27:52.503727Z");
        assertThat(event.eventId()).isEqualTo("MYVTN/d027ab58-e256-4f25-bce6-59a23468ed39");
        assertThat(event.program()).isEqualTo(EventFixtures.PROGRAM);
        assertThat(event.marketContext()).isEqualTo("oadr://unknown.context");
        assertThat(event.signal()).isEqualTo(DrEvent.Signal.LEVEL);
        assertThat(event.intervals())
                .containsExactly(new DrInterval(start, start.plus(Duration.ofMinutes(15)), BigDecimal.ONE));
        assertThat(event.targets().wholeProgram()).isTrue();
    }

    @Test
    void threeEventsOfOneSession() {
        List<OadrEvent> events = session("vtn_oadrDistributeEvent_three_events.xml");
        EventValidator validator = validator(SESSION_VEN);

        DrEvent dispatch = accepted(validator.validate(SESSION_VTN, events.get(0), SESSION_RECEIVED));
        Verdict simple = validator.validate(SESSION_VTN, events.get(1), SESSION_RECEIVED);
        DrEvent price = accepted(validator.validate(SESSION_VTN, events.get(2), SESSION_RECEIVED));

        // LOAD_DISPATCH delta in kW: -50/-100/-100/-50 are reductions of 50/100/100/50 kW.
        assertThat(dispatch.eventId()).isEqualTo(SESSION_VTN + "/EVT-LD-001");
        assertThat(dispatch.signal()).isEqualTo(DrEvent.Signal.REDUCTION_KW);
        assertThat(dispatch.marketContext()).isEqualTo("oadr://utility.example/programs/fast-dr");
        assertThat(dispatch.priority()).isEqualTo(1);
        assertThat(dispatch.intervals()).extracting(DrInterval::value).containsExactly(new BigDecimal("50"),
                new BigDecimal("100"), new BigDecimal("100"), new BigDecimal("50"));
        assertThat(dispatch.intervals().getFirst().start()).isEqualTo(Instant.parse("2026-12-02T06:22:44Z"));
        assertThat(dispatch.end()).isEqualTo(Instant.parse("2026-12-02T07:22:44Z"));
        // Addressed to resource meter-1 only, not to our venID nor a group of ours.
        assertThat(simple).isInstanceOfSatisfying(Verdict.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(OadrResponseCode.TARGET_MISMATCH));
        // 0.12/0.31/0.18 USD per kWh are 120/310/180 USD per MWh, exactly; the group travels as a target.
        assertThat(price.signal()).isEqualTo(DrEvent.Signal.PRICE);
        assertThat(price.currency()).isEqualTo("USD");
        assertThat(price.intervals()).extracting(DrInterval::value).containsExactly(new BigDecimal("120"),
                new BigDecimal("310"), new BigDecimal("180"));
        assertThat(price.targets()).isEqualTo(new DrEvent.Targets(List.of(), List.of("tou-residential")));
    }

    @Test
    void theSignedSessionReadsTheSame() {
        List<OadrEvent> events = session("vtn_signed_oadrDistributeEvent_three_events.xml");

        DrEvent price = accepted(validator(SESSION_VEN).validate(SESSION_VTN, events.get(2), SESSION_RECEIVED));

        assertThat(price.currency()).isEqualTo("USD");
        assertThat(price.intervals()).extracting(DrInterval::value).containsExactly(new BigDecimal("120"),
                new BigDecimal("310"), new BigDecimal("180"));
    }

    @Test
    void aModifiedActiveEventAndACancellation() {
        List<OadrEvent> events = session("vtn_oadrDistributeEvent_modified_active_and_cancelled.xml");
        EventValidator validator = validator(SESSION_VEN);

        DrEvent modified = accepted(validator.validate(SESSION_VTN, events.get(0), SESSION_RECEIVED));

        assertThat(modified.modificationNumber()).isEqualTo(2);
        assertThat(modified.status()).isEqualTo(DrEvent.EventStatus.ACTIVE);
        assertThat(modified.intervals()).extracting(DrInterval::value).containsExactly(new BigDecimal("150"),
                new BigDecimal("150"), new BigDecimal("100"), new BigDecimal("50"));
        assertThat(events.get(1).getEiEvent().getEventDescriptor().getEventStatus().value()).isEqualTo("cancelled");
    }

    @Test
    void aRandomizedTestEventCarriesItsStartAfter() {
        List<OadrEvent> events = session("vtn_oadrDistributeEvent_randomized_test_event.xml");

        DrEvent event = accepted(validator(SESSION_VEN).validate(SESSION_VTN, events.getFirst(), SESSION_RECEIVED));

        assertThat(event.signal()).isEqualTo(DrEvent.Signal.LEVEL);
        assertThat(event.intervals()).extracting(DrInterval::value).containsExactly(BigDecimal.TWO);
        assertThat(event.startAfterSeconds()).isEqualTo(600);
        assertThat(event.testEvent()).isTrue();
    }

    private static List<OadrEvent> session(String file) {
        OadrDistributeEventType message = distribute(XML.unmarshal(sample("openleadr-session/" + file)));
        assertThat(message.getVtnID()).isEqualTo(SESSION_VTN);
        return message.getOadrEvent();
    }

    private static DrEvent accepted(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        return ((Verdict.Accepted) verdict).event();
    }

    private static EventValidator validator(String venId) {
        return new EventValidator(
                new ValidationRules(EventFixtures.PROGRAM, venId, Audience.VEN_ONLY, Set.of(), Duration.ofHours(4),
                        Duration.ofHours(4),
                        Duration.ofDays(30)));
    }
}
