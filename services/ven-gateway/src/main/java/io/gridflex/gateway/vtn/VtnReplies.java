package io.gridflex.gateway.vtn;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.oadr.OadrCanceledReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrResponseType;

/** Reading the VTN's acknowledgements of what the VEN sent. */
public final class VtnReplies {

    private VtnReplies() {
    }

    /** Whether the reply is an oadrResponse 200. */
    public static boolean ok(OadrPayload reply) {
        return OadrMessages.body(reply) instanceof OadrResponseType response && ok(response.getEiResponse());
    }

    public static boolean ok(EiResponseType response) {
        return response != null && OadrResponseCode.OK.text().equals(response.getResponseCode().strip());
    }

    /** What became of an answer, for the log: the VTN's acknowledgement, or that it went in our HTTP response. */
    public static String describeAck(java.util.Optional<OadrPayload> ack) {
        return ack.map(reply -> "; VTN answered " + describe(reply)).orElse("; answered in the HTTP response");
    }

    /** The reply in a few words, for the log. */
    public static String describe(OadrPayload reply) {
        Object body = OadrMessages.body(reply);
        if (body instanceof OadrResponseType response) {
            return response.getEiResponse().getResponseCode() + " "
                    + response.getEiResponse().getResponseDescription();
        }
        if (body instanceof OadrCanceledReportType canceled) {
            return canceled.getEiResponse().getResponseCode() + " "
                    + canceled.getEiResponse().getResponseDescription();
        }
        return body.getClass().getSimpleName();
    }
}
