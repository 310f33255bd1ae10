package io.gridflex.gateway.report;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrResponseType;

/** Reading the VTN's acknowledgements of what the VEN sent. */
final class VtnReplies {

    private VtnReplies() {
    }

    /** Whether the reply is an oadrResponse 200. */
    static boolean ok(OadrPayload reply) {
        return OadrMessages.body(reply) instanceof OadrResponseType response && ok(response.getEiResponse());
    }

    static boolean ok(EiResponseType response) {
        return response != null && OadrResponseCode.OK.text().equals(response.getResponseCode().strip());
    }

    /** What became of an answer, for the log: the VTN's acknowledgement, or that it went in our HTTP response. */
    static String describeAck(java.util.Optional<OadrPayload> ack) {
        return ack.map(reply -> "; VTN answered " + describe(reply)).orElse("; answered in the HTTP response");
    }

    /** The reply in a few words, for the log. */
    static String describe(OadrPayload reply) {
        Object body = OadrMessages.body(reply);
        if (body instanceof OadrResponseType response) {
            return response.getEiResponse().getResponseCode() + " "
                    + response.getEiResponse().getResponseDescription();
        }
        return body.getClass().getSimpleName();
    }
}
