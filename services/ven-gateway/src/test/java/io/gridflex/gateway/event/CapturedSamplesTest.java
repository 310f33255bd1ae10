package io.gridflex.gateway.event;

import static io.gridflex.gateway.event.EventFixtures.distribute;
import static io.gridflex.gateway.event.EventFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

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

/** The validator against events captured from a third-party VTN, read through the same codec the gateway uses. */
class CapturedSamplesTest {

    private static final OpenAdrXml XML = new OpenAdrXml();
    private static final String SAMPLE_VEN = "ven_id_123";
    private static final Instant RECEIVED = Instant.parse("2026-11-21T21:27:00Z");

    @Test
    void aLoadDispatchDeltaWithoutUnitIsDeclinedAsNotSupported() {
        OadrDistributeEventType message = distribute(XML.unmarshal(sample("captured_secure_oadrDistributeEvent.xml")));
        assertThat(message.getVtnID()).isEqualTo("MYVTN");

        Verdict verdict = validator(List.of()).validate("MYVTN", message.getOadrEvent().getFirst(), RECEIVED);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo(OadrResponseCode.SIGNAL_NOT_SUPPORTED);
            assertThat(refused.reason()).contains("powerReal unit, got none");
        });
    }

    @Test
    void theCapturedEventIsNotForAnotherVen() {
        OadrDistributeEventType message = distribute(XML.unmarshal(sample("captured_secure_oadrDistributeEvent.xml")));
        EventValidator other = new EventValidator(
                new ValidationRules("other-ven", Set.of(), List.of(), Duration.ofHours(4), Duration.ofDays(30)));

        Verdict verdict = other.validate("MYVTN", message.getOadrEvent().getFirst(), RECEIVED);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(OadrResponseCode.TARGET_MISMATCH));
    }

    @Test
    void aSimpleLevelBecomesTheConfiguredKilowatts() {
        OadrDistributeEventType message = distribute(XML.unmarshal(sample("resp_jaxb_oadrPoll.xml")));

        Verdict verdict = validator(List.of(100.0, 250.0, 500.0)).validate("MYVTN",
                message.getOadrEvent().getFirst(), RECEIVED);

        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        DrEvent event = ((Verdict.Accepted) verdict).event();
        Instant start = Instant.parse("2026-11-21T21:27:52.503727Z");
        assertThat(event.eventId()).isEqualTo("MYVTN/d027ab58-e256-4f25-bce6-59a23468ed39");
        assertThat(event.marketContext()).isEqualTo("oadr://unknown.context");
        assertThat(event.intervals())
                .containsExactly(new DrInterval(start, start.plus(Duration.ofMinutes(15)), 100.0));
    }

    @Test
    void aSimpleLevelIsDeclinedWhenNoKilowattsAreConfigured() {
        OadrDistributeEventType message = distribute(XML.unmarshal(sample("resp_jaxb_oadrPoll.xml")));

        Verdict verdict = validator(List.of()).validate("MYVTN", message.getOadrEvent().getFirst(), RECEIVED);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(OadrResponseCode.SIGNAL_NOT_SUPPORTED));
    }

    private static EventValidator validator(List<Double> simpleLevelKw) {
        return new EventValidator(new ValidationRules(SAMPLE_VEN, Set.of(), simpleLevelKw, Duration.ofHours(4),
                Duration.ofDays(30)));
    }
}
