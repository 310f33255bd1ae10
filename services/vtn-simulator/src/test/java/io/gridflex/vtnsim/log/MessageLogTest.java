package io.gridflex.vtnsim.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.VenExchange;
import io.gridflex.openadr.model.oadr.OadrPayload;

class MessageLogTest {

    private final MessageLog log = new MessageLog(Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void eachMessageIsKeptInOrderWithTheIdsAndCodesItCarriedAndTheAnswer() {
        log.record("EiRegisterParty", body(OadrMessages.createPartyRegistration("req-1", "reg-7", "ven-7", "site",
                VenExchange.pull(), false)), Optional.of(
                        OadrMessages.response(OadrResponseCode.OK, "OK", "req-1",
                                "ven-7")));
        log.record("EiRegisterParty", body(OadrMessages.canceledPartyRegistration(
                OadrMessages.eiResponse(OadrResponseCode.OK, "OK", "req-cancel"), "reg-7", "ven-7")), Optional.empty());
        log.record("EiEvent", body(OadrMessages.requestEvent("req-2", "ven-7", null)), Optional.empty());
        log.record("OadrPoll", body(OadrMessages.poll("ven-8")), Optional.empty());
        log.record("EiRegisterParty", body(OadrMessages.response(OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED,
                "no", "req-3", "ven-7")), Optional.empty());

        List<ReceivedMessage> ven7 = log.find(m -> "ven-7".equals(m.venId()));

        assertThat(ven7).extracting(ReceivedMessage::sequence, ReceivedMessage::message,
                ReceivedMessage::registrationId, ReceivedMessage::requestId, ReceivedMessage::responseCode,
                ReceivedMessage::answer, ReceivedMessage::answerCode)
                .containsExactly(
                        tuple(1L, "oadrCreatePartyRegistration", "reg-7", "req-1", null, "oadrResponse", "200"),
                        tuple(2L, "oadrCanceledPartyRegistration", "reg-7", "req-cancel", "200", "none", null),
                        tuple(3L, "oadrRequestEvent", null, "req-2", null, "none", null),
                        tuple(5L, "oadrResponse", null, "req-3", "463", "none", null));
        assertThat(log.find(m -> "ven-8".equals(m.venId()))).extracting(ReceivedMessage::service)
                .containsExactly("OadrPoll");
    }

    @Test
    void theOldestGoFirstBeyondTheCapacity() {
        for (int i = 0; i < MessageLog.CAPACITY + 5; i++) {
            log.record("OadrPoll", body(OadrMessages.poll("ven-" + i)), Optional.empty());
        }

        List<ReceivedMessage> kept = log.find(m -> true);

        assertThat(kept).hasSize(MessageLog.CAPACITY);
        assertThat(kept.getFirst().sequence()).isEqualTo(6);
        assertThat(kept.getFirst().venId()).isEqualTo("ven-5");
        assertThat(kept.getLast().sequence()).isEqualTo(MessageLog.CAPACITY + 5L);
    }

    private static Object body(OadrPayload payload) {
        return OadrMessages.body(payload);
    }
}
