package io.gridflex.gateway.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.poll.VtnMessageHandler;
import io.gridflex.gateway.poll.VtnOutcome;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.tls.ClientTrust;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;

/**
 * One push program's four simpleHTTP services on the listener. A request is read only when the VTN's client
 * certificate is one this program trusts (else 403), the program is registered, and the body is XML; then it goes
 * through the program's {@link VtnMessageHandler} exactly as a message in a poll reply would (codec, signature,
 * venID and vtnID checks, events stored before they are answered), with its answers in our HTTP response:
 * <ul>
 * <li>oadrDistributeEvent: an empty HTTP 200, then oadrCreatedEvent as our own request to the VTN's EiEvent;</li>
 * <li>oadrCreateReport, oadrCancelReport, oadrRegisterReport: oadrCreatedReport, oadrCanceledReport,
 * oadrRegisteredReport in the response;</li>
 * <li>oadrRequestReregistration: oadrResponse 200 in the response, then we register again (and ask for the events);
 * oadrCancelPartyRegistration: oadrCanceledPartyRegistration in the response, then we register afresh;</li>
 * <li>anything unreadable, hostile, not for our venID or from another vtnID: an oadrResponse with the refusal's code
 * (400, 451, 452, 454, 459, 463...) and nothing changes; another message: oadrResponse 453.</li>
 * </ul>
 * Which of the four services the VTN used does not change how a message is handled. One message of a program at a
 * time, in the order they arrive, so a modification never overtakes the revision it replaces.
 */
final class PushEndpoint {

    private static final Logger LOG = Logger.getLogger(PushEndpoint.class);

    private final String program;
    private final ClientTrust trust;
    private final RegistrationState state;
    private final VtnMessageHandler messages;
    private final VtnClient client;
    private final PushSession session;
    private final GatewayMetrics metrics;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);

    PushEndpoint(String program, ClientTrust trust, RegistrationState state, VtnMessageHandler messages,
            VtnClient client, PushSession session, GatewayMetrics metrics) {
        this.program = program;
        this.trust = trust;
        this.state = state;
        this.messages = messages;
        this.client = client;
        this.session = session;
        this.metrics = metrics;
    }

    /** Writes the HTTP response of one request. */
    @FunctionalInterface
    interface Responder {

        void respond(PushReply reply) throws IOException;
    }

    /**
     * Handles one request and has {@code responder} answer it; what the VEN sends after its answer (oadrCreatedEvent,
     * a new registration) is sent once the answer is written, before the program's next pushed message is read.
     *
     * @param peer the client's certificate chain from the TLS session, leaf first
     * @param body the request body, at most the listener's cap
     */
    void handle(String service, X509Certificate[] peer, byte[] body, Responder responder) throws IOException {
        Optional<String> refusal = trust.refusal(peer);
        if (refusal.isPresent()) {
            metrics.push(program, "forbidden");
            LOG.warnf("program %s: refused a push to %s: %s", program, service, refusal.get());
            responder.respond(PushReply.refused(403, "this client certificate is not trusted by the program"));
            return;
        }
        if (!looksLikeXml(body)) {
            metrics.push(program, "not-xml");
            responder.respond(PushReply.refused(400,
                    "an OpenADR 2.0b simpleHTTP request carries an oadrPayload XML document"));
            return;
        }
        Optional<Registration> registration = state.current();
        if (registration.isEmpty()) {
            metrics.push(program, "not-registered");
            responder.respond(openAdrRefusal(OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED,
                    "this VEN is not registered (yet) in this program", null));
            return;
        }
        oneAtATime.lock();
        try {
            PushReply reply = handle(new String(body, StandardCharsets.UTF_8), registration.get());
            responder.respond(reply);
            for (Runnable followUp : reply.afterwards()) {
                try {
                    followUp.run();
                } catch (RuntimeException e) {
                    metrics.push(program, "follow-up-failed");
                    state.problem("after a pushed message: " + e.getMessage());
                    LOG.warnf("program %s: after a pushed message, sending to the VTN failed: %s", program,
                            e.getMessage());
                }
            }
        } finally {
            oneAtATime.unlock();
        }
    }

    private PushReply handle(String message, Registration registration) {
        PushAnswers answers = new PushAnswers();
        VtnOutcome outcome;
        try {
            outcome = messages.handle(message, registration, answers);
        } catch (RuntimeException e) {
            // Ours, not the VTN's (the database, say): said with OpenADR's code for it; nothing was answered.
            metrics.push(program, "failed");
            LOG.errorf(e, "program %s: a pushed message could not be handled", program);
            return openAdrRefusal(OadrResponseCode.DEPLOYMENT_ERROR_OR_OTHER, "the VEN could not handle the message",
                    registration.venId());
        }
        metrics.push(program, outcome.metricTag());
        List<Runnable> followUps = new ArrayList<>(answers.followUps());
        // The session registers again, sends the metadata and asks for the events once the answer is out and what
        // follows it (the new registration) is done.
        switch (outcome.kind()) {
            case REREGISTERED -> followUps.add(session::reregistered);
            case REGISTRATION_LOST -> followUps.add(session::lost);
            default -> {
            }
        }
        if (answers.response().isPresent()) {
            return PushReply.xml(client.write(answers.response().get()), followUps);
        }
        if (outcome.kind() == VtnOutcome.Kind.REFUSED || outcome.kind() == VtnOutcome.Kind.IGNORED
                && outcome.code() != OadrResponseCode.OK) {
            return openAdrRefusal(outcome.code(), outcome.detail(), registration.venId());
        }
        return PushReply.xml("", followUps);
    }

    private PushReply openAdrRefusal(OadrResponseCode code, String detail, String venId) {
        return PushReply.xml(client.write(OadrMessages.response(code, detail, null, venId)), List.of());
    }

    /** XML starts with '<' after an optional byte order mark and white space; anything else is not OpenADR. */
    static boolean looksLikeXml(byte[] body) {
        int i = body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf
                ? 3
                : 0;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return i < body.length && body[i] == '<';
    }
}
