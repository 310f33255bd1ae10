package io.gridflex.gateway.vtn;

import java.util.Optional;

import io.gridflex.openadr.model.oadr.OadrPayload;

/**
 * How the VEN answers a message the VTN started, which depends on the transport (OpenADR 2.0b, simpleHTTP):
 * <ul>
 * <li>pull: the VTN's message came in a poll reply, so every answer is a request of its own to the VTN's service,
 * and the VTN acknowledges it ({@link #pull});</li>
 * <li>push: the VTN POSTed its message to us, and the answer of a request/response pair (oadrCreatedReport,
 * oadrCanceledReport, oadrRegisteredReport, oadrCanceledPartyRegistration, the oadrResponse to
 * oadrRequestReregistration) is the body of our HTTP response, which nobody acknowledges. oadrCreatedEvent is not such
 * an answer: the VTN's oadrDistributeEvent gets an empty HTTP 200 and the VEN then sends oadrCreatedEvent as a
 * request of its own, in both transports ({@link #afterwards}).</li>
 * </ul>
 */
public interface VtnAnswers {

    /**
     * Answers the VTN's request with {@code answer}, which belongs to {@code service}.
     *
     * @return the VTN's acknowledgement (pull), or empty where the answer travels in our HTTP response (push)
     */
    Optional<OadrPayload> answer(VtnService service, OadrPayload answer);

    /** Runs {@code send}, a request of the VEN's own that follows the VTN's message: now (pull), or once our HTTP response is out (push). */
    void afterwards(Runnable send);

    /** Every answer a request to the VTN, acknowledged by it; whatever follows, at once. */
    static VtnAnswers pull(VtnClient client) {
        return new VtnAnswers() {

            @Override
            public Optional<OadrPayload> answer(VtnService service, OadrPayload answer) {
                String reply = client.send(service, answer);
                // An oadrResponse needs no acknowledgement: the VTN may answer it with an empty 200.
                return reply.isBlank() ? Optional.empty() : Optional.of(client.read(reply));
            }

            @Override
            public void afterwards(Runnable send) {
                send.run();
            }
        };
    }
}
