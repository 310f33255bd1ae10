package io.gridflex.vtnsim.log;

import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.oadr.OadrCancelOptType;
import io.gridflex.openadr.model.oadr.OadrCancelPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCanceledOptType;
import io.gridflex.openadr.model.oadr.OadrCanceledPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCanceledReportType;
import io.gridflex.openadr.model.oadr.OadrCreateOptType;
import io.gridflex.openadr.model.oadr.OadrCreatePartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCreateReportType;
import io.gridflex.openadr.model.oadr.OadrCreatedEventType;
import io.gridflex.openadr.model.oadr.OadrCreatedOptType;
import io.gridflex.openadr.model.oadr.OadrCreatedPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPollType;
import io.gridflex.openadr.model.oadr.OadrQueryRegistrationType;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrRegisteredReportType;
import io.gridflex.openadr.model.oadr.OadrRequestEventType;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;
import io.gridflex.openadr.model.oadr.OadrUpdatedReportType;

/**
 * What the message log keeps of a message: the IDs and codes each OpenADR 2.0b message type carries, read where that
 * type keeps them (the schema puts a VEN's venID in a different place in almost every message).
 *
 * @param venId the venID the message carries, null when none
 * @param registrationId the registrationID it carries, null when none
 * @param requestId its requestID, or for an answer the requestID its eiResponse quotes
 * @param responseCode the responseCode of its eiResponse, null when it has none
 */
record MessageFacts(String venId, String registrationId, String requestId, String responseCode) {

    private static final MessageFacts NONE = new MessageFacts(null, null, null, null);

    static MessageFacts of(Object message) {
        return switch (message) {
            case OadrQueryRegistrationType m -> new MessageFacts(null, null, m.getRequestID(), null);
            case OadrCreatePartyRegistrationType m ->
                new MessageFacts(m.getVenID(), m.getRegistrationID(), m.getRequestID(), null);
            case OadrCancelPartyRegistrationType m ->
                new MessageFacts(m.getVenID(), m.getRegistrationID(), m.getRequestID(), null);
            case OadrCanceledPartyRegistrationType m -> answer(m.getVenID(), m.getRegistrationID(), m.getEiResponse());
            case OadrCreatedPartyRegistrationType m -> answer(m.getVenID(), m.getRegistrationID(), m.getEiResponse());
            case OadrPollType m -> new MessageFacts(m.getVenID(), null, null, null);
            case OadrRequestEventType m -> new MessageFacts(m.getEiRequestEvent().getVenID(), null,
                    m.getEiRequestEvent().getRequestID(), null);
            case OadrCreatedEventType m ->
                answer(m.getEiCreatedEvent().getVenID(), null, m.getEiCreatedEvent().getEiResponse());
            case OadrDistributeEventType m -> answer(null, null, m.getEiResponse());
            case OadrResponseType m -> answer(m.getVenID(), null, m.getEiResponse());
            case OadrRegisterReportType m -> new MessageFacts(m.getVenID(), null, m.getRequestID(), null);
            case OadrRegisteredReportType m -> answer(m.getVenID(), null, m.getEiResponse());
            case OadrCreateReportType m -> new MessageFacts(m.getVenID(), null, m.getRequestID(), null);
            case OadrCreatedReportType m -> answer(m.getVenID(), null, m.getEiResponse());
            case OadrUpdateReportType m -> new MessageFacts(m.getVenID(), null, m.getRequestID(), null);
            case OadrUpdatedReportType m -> answer(m.getVenID(), null, m.getEiResponse());
            case OadrCanceledReportType m -> answer(m.getVenID(), null, m.getEiResponse());
            case OadrCreateOptType m -> new MessageFacts(m.getVenID(), null, m.getRequestID(), null);
            case OadrCancelOptType m -> new MessageFacts(m.getVenID(), null, m.getRequestID(), null);
            case OadrCreatedOptType m -> answer(null, null, m.getEiResponse());
            case OadrCanceledOptType m -> answer(null, null, m.getEiResponse());
            default -> NONE;
        };
    }

    private static MessageFacts answer(String venId, String registrationId, EiResponseType response) {
        return response == null
                ? new MessageFacts(venId, registrationId, null, null)
                : new MessageFacts(venId, registrationId, response.getRequestID(), strip(response.getResponseCode()));
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
