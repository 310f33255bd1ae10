package io.gridflex.gateway.poll;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.event.Audience;
import io.gridflex.gateway.event.DistributionHandler;
import io.gridflex.gateway.event.DistributionResult;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationKeeper;
import io.gridflex.gateway.report.ProgramReports;
import io.gridflex.gateway.vtn.VtnAnswers;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.openadr.EventReply;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.OpenAdrXmlException;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.oadr.OadrCancelPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCancelReportType;
import io.gridflex.openadr.model.oadr.OadrCreateReportType;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrRequestReregistrationType;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;

/**
 * Acts on what a program's VTN sends: in reply to oadrPoll or oadrRequestEvent (pull), or POSTed to our push listener
 * (push). Every message is parsed by the hardened codec first: a document that is not well-formed, carries a DTD or
 * entities, is too large or not valid OpenADR 2.0b, or comes from another VTN, is refused with its response code,
 * logged and counted, and changes nothing. How the VEN's answers travel is the transport's: {@link VtnAnswers}.
 */
public class VtnMessageHandler {

    private static final Logger LOG = Logger.getLogger(VtnMessageHandler.class);

    private final VtnClient client;
    private final DistributionHandler distributions;
    private final RegistrationKeeper registrations;
    private final GatewayMetrics metrics;
    private final ProgramReports reports;
    private final Audience audience;
    private final Set<String> marketContexts;

    /**
     * @param audience the eiTarget groups and resources that make an event the program's besides its venID
     * @param marketContexts the market contexts the program takes events of; empty: every one
     */
    public VtnMessageHandler(VtnClient client, DistributionHandler distributions,
            RegistrationKeeper registrations, GatewayMetrics metrics, ProgramReports reports,
            Audience audience, Set<String> marketContexts) {
        this.audience = audience;
        this.marketContexts = Set.copyOf(marketContexts);
        this.client = client;
        this.distributions = distributions;
        this.registrations = registrations;
        this.metrics = metrics;
        this.reports = reports;
    }

    /**
     * A message that came in a poll or oadrRequestEvent reply: its answers are requests to the VTN.
     *
     * @param reply the VTN's message exactly as received
     */
    public VtnOutcome handle(String reply, Registration registration) {
        return handle(reply, registration, VtnAnswers.pull(client));
    }

    /**
     * @param reply the VTN's message exactly as received
     * @param answers how this message is answered (pull: requests to the VTN; push: our HTTP response)
     */
    public VtnOutcome handle(String reply, Registration registration, VtnAnswers answers) {
        OadrPayload payload;
        Object body;
        try {
            payload = client.read(reply);
            body = OadrMessages.body(payload);
        } catch (OpenAdrXmlException e) {
            return refused(e.responseCode(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return refused(OadrResponseCode.COMPLIANCE_ERROR, e.getMessage());
        }
        Optional<String> addressed = addressedVenId(body).map(String::strip).filter(id -> !id.isEmpty());
        if (addressed.isPresent() && !addressed.get().equals(registration.venId())) {
            return refused(OadrResponseCode.INVALID_ID, body.getClass().getSimpleName() + " for venID "
                    + addressed.get() + " but we are registered as " + registration.venId());
        }
        return switch (body) {
            case OadrResponseType response -> response(response.getEiResponse());
            case OadrDistributeEventType distribute -> distribute(distribute, reply, registration, answers);
            case OadrRequestReregistrationType request -> reregister(registration, answers);
            case OadrCancelPartyRegistrationType cancel -> cancel(cancel, registration, answers);
            default -> reports.answer(body, registration, answers)
                    .map(answered -> VtnOutcome.of(VtnOutcome.Kind.REPORT_ANSWERED, answered.code(),
                            answered.detail()))
                    .orElseGet(() -> {
                        LOG.infof("ignoring %s from the VTN", body.getClass().getSimpleName());
                        return VtnOutcome.of(VtnOutcome.Kind.IGNORED, OadrResponseCode.NOT_RECOGNIZED,
                                body.getClass().getSimpleName() + " is not handled");
                    });
        };
    }

    private VtnOutcome response(EiResponseType response) {
        String code = response.getResponseCode().strip();
        if (OadrResponseCode.OK.text().equals(code)) {
            return VtnOutcome.of(VtnOutcome.Kind.NOTHING_NEW, OadrResponseCode.OK, "nothing new");
        }
        String detail = "VTN answered " + code + " " + response.getResponseDescription();
        if (OadrResponseCode.INVALID_ID.text().equals(code)
                || OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED.text().equals(code)) {
            // The VTN no longer knows our venID (its state was reset, or it dropped us): start over.
            registrations.lost(detail);
            return VtnOutcome.of(VtnOutcome.Kind.REGISTRATION_LOST, OadrResponseCode.OK, detail);
        }
        LOG.warn(detail);
        return VtnOutcome.of(VtnOutcome.Kind.IGNORED, OadrResponseCode.OK, detail);
    }

    private VtnOutcome distribute(OadrDistributeEventType distribute, String reply, Registration registration,
            VtnAnswers answers) {
        String vtnId = distribute.getVtnID().strip();
        if (!vtnId.equals(registration.vtnId())) {
            // Compared exactly: a vtnID differing only in case is another VTN. The VTN is told, event by event, so
            // it does not take our silence for acceptance; nothing is stored or published.
            List<EventReply> declined = distribute.getOadrEvent().stream()
                    .map(e -> e.getEiEvent().getEventDescriptor())
                    .map(d -> EventReply.optOut(d.getEventID(), d.getModificationNumber(),
                            OadrResponseCode.INVALID_ID))
                    .toList();
            OadrPayload answer = OadrMessages.createdEvent(registration.venId(), distribute.getRequestID(),
                    OadrResponseCode.INVALID_ID, "unknown vtnID " + vtnId, declined);
            answers.afterwards(() -> answerEvents(answer, distribute.getRequestID()));
            return refused(OadrResponseCode.INVALID_ID,
                    "oadrDistributeEvent from vtnID " + vtnId + " but we are registered with " + registration.vtnId());
        }
        EiResponseType status = distribute.getEiResponse();
        if (status != null && !OadrResponseCode.OK.text().equals(status.getResponseCode().strip())) {
            // A VTN refusing our oadrRequestEvent says why here, with no events.
            return response(status);
        }
        DistributionResult result = distributions.handle(distribute, reply, registration, audience,
                marketContexts);
        // Stored before it is answered: the oadrCreatedEvent goes out only once the revisions are in the database,
        // and once their DrEvents are on their way to dispatch (or after a short wait at most).
        result.createdEvent().ifPresent(answer -> answers.afterwards(() -> {
            result.relayed().join();
            answerEvents(answer, distribute.getRequestID());
        }));
        return new VtnOutcome(VtnOutcome.Kind.EVENTS, OadrResponseCode.OK,
                distribute.getOadrEvent().size() + " event(s), " + result.published() + " to publish",
                Optional.of(result));
    }

    private void answerEvents(OadrPayload answer, String requestId) {
        OadrPayload ack = client.exchange(VtnService.EVENT, answer);
        if (!(OadrMessages.body(ack) instanceof OadrResponseType response)
                || !OadrResponseCode.OK.text().equals(response.getEiResponse().getResponseCode().strip())) {
            metrics.answerRefused("oadrCreatedEvent");
            LOG.warnf("VTN did not accept our oadrCreatedEvent for request %s: %s", requestId, describe(ack));
        }
    }

    private VtnOutcome reregister(Registration registration, VtnAnswers answers) {
        acknowledge(answers, OadrMessages.response(OadrResponseCode.OK, "OK", null, registration.venId()));
        // Once acknowledged: in push, not while the VTN's own request is still open.
        answers.afterwards(() -> {
            Registration renewed = registrations.reregister(registration);
            LOG.infof("program %s: registered again as venID %s", registration.program(), renewed.venId());
        });
        return VtnOutcome.of(VtnOutcome.Kind.REREGISTERED, OadrResponseCode.OK,
                "the VTN asked us to register again (venID " + registration.venId() + ")");
    }

    private VtnOutcome cancel(OadrCancelPartyRegistrationType cancel, Registration registration,
            VtnAnswers answers) {
        if (!registration.registrationId().equals(cancel.getRegistrationID().strip())) {
            acknowledge(answers, OadrMessages.canceledPartyRegistration(
                    OadrMessages.eiResponse(OadrResponseCode.INVALID_ID, "not our registrationID",
                            cancel.getRequestID()),
                    cancel.getRegistrationID(), registration.venId()));
            return refused(OadrResponseCode.INVALID_ID,
                    "VTN cancelled registration " + cancel.getRegistrationID() + ", which is not ours");
        }
        acknowledge(answers, OadrMessages.canceledPartyRegistration(
                OadrMessages.eiResponse(OadrResponseCode.OK, "OK", cancel.getRequestID()),
                registration.registrationId(), registration.venId()));
        String detail = "VTN cancelled registration " + registration.registrationId();
        registrations.lost(detail);
        return VtnOutcome.of(VtnOutcome.Kind.REGISTRATION_LOST, OadrResponseCode.OK, detail);
    }

    /**
     * The venID a message the VTN starts is addressed to, where it names one: such a message for another VEN is
     * refused (452) before anything in it is used.
     */
    private static Optional<String> addressedVenId(Object body) {
        return Optional.ofNullable(switch (body) {
            case OadrRequestReregistrationType request -> request.getVenID();
            case OadrCancelPartyRegistrationType cancel -> cancel.getVenID();
            case OadrCreateReportType create -> create.getVenID();
            case OadrCancelReportType cancel -> cancel.getVenID();
            case OadrRegisterReportType register -> register.getVenID();
            case OadrUpdateReportType update -> update.getVenID();
            case OadrCreatedReportType created -> created.getVenID();
            default -> null;
        });
    }

    /** An answer on EiRegisterParty whose acknowledgement, if the VTN sends one, changes nothing. */
    private static void acknowledge(VtnAnswers answers, OadrPayload answer) {
        try {
            answers.answer(VtnService.REGISTER_PARTY, answer);
        } catch (OpenAdrXmlException e) {
            LOG.debugf("unreadable acknowledgement from the VTN, ignored: %s", e.getMessage());
        }
    }

    private VtnOutcome refused(OadrResponseCode code, String detail) {
        metrics.vtnMessageRefused(code.code());
        LOG.warnf("refused a message from the VTN (%d %s): %s", code.code(), code.description(), detail);
        return VtnOutcome.of(VtnOutcome.Kind.REFUSED, code, detail);
    }

    private static String describe(OadrPayload payload) {
        Object body = OadrMessages.body(payload);
        if (body instanceof OadrResponseType response) {
            return response.getEiResponse().getResponseCode() + " " + response.getEiResponse().getResponseDescription();
        }
        return body.getClass().getSimpleName();
    }
}
