package io.gridflex.vtnsim.openadr;

import java.util.Optional;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.oadr.OadrCanceledOptType;
import io.gridflex.openadr.model.oadr.OadrCanceledReportType;
import io.gridflex.openadr.model.oadr.OadrCreatedOptType;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrPendingReportsType;
import io.gridflex.openadr.model.oadr.OadrRegisteredReportType;
import io.gridflex.openadr.model.oadr.OadrUpdatedReportType;

/**
 * The VTN's replies that the shared message builders do not cover: the minimal report and opt acknowledgements, and
 * the refusal of a message an endpoint does not serve.
 */
public final class OadrReplies {

    /** A peer's text (parser messages, IDs) is cut to this in responseDescription. */
    private static final int MAX_DESCRIPTION = 400;

    private OadrReplies() {
    }

    public static EiResponseType ok(String requestId) {
        return OadrMessages.eiResponse(OadrResponseCode.OK, OadrResponseCode.OK.description(), requestId);
    }

    public static EiResponseType error(OadrResponseCode code, String detail, String requestId) {
        return OadrMessages.eiResponse(code, description(detail), requestId);
    }

    public static OadrPayload response(OadrResponseCode code, String detail, String requestId, String venId) {
        return OadrMessages.response(code, description(detail), requestId, venId);
    }

    /** For a message type that has no place at the endpoint it was sent to. */
    public static Optional<OadrPayload> notRecognized(String service, Object message) {
        return Optional.of(response(OadrResponseCode.NOT_RECOGNIZED,
                MessageNames.of(message) + " is not served by " + service, null, null));
    }

    /** The VEN's report registration, acknowledged without asking for any of its reports. */
    public static OadrPayload registeredReport(EiResponseType response, String venId) {
        OadrRegisteredReportType registered = new OadrRegisteredReportType();
        registered.setSchemaVersion(OadrMessages.SCHEMA_VERSION);
        registered.setEiResponse(response);
        registered.setVenID(venId);
        return OadrMessages.payload(s -> s.setOadrRegisteredReport(registered));
    }

    /** This VTN offers no reports, so a request for one leaves nothing pending. */
    public static OadrPayload createdReport(EiResponseType response, String venId) {
        OadrCreatedReportType created = new OadrCreatedReportType();
        created.setSchemaVersion(OadrMessages.SCHEMA_VERSION);
        created.setEiResponse(response);
        created.setOadrPendingReports(new OadrPendingReportsType());
        created.setVenID(venId);
        return OadrMessages.payload(s -> s.setOadrCreatedReport(created));
    }

    public static OadrPayload updatedReport(EiResponseType response, String venId) {
        OadrUpdatedReportType updated = new OadrUpdatedReportType();
        updated.setSchemaVersion(OadrMessages.SCHEMA_VERSION);
        updated.setEiResponse(response);
        updated.setVenID(venId);
        return OadrMessages.payload(s -> s.setOadrUpdatedReport(updated));
    }

    public static OadrPayload canceledReport(EiResponseType response, String venId) {
        OadrCanceledReportType canceled = new OadrCanceledReportType();
        canceled.setSchemaVersion(OadrMessages.SCHEMA_VERSION);
        canceled.setEiResponse(response);
        canceled.setOadrPendingReports(new OadrPendingReportsType());
        canceled.setVenID(venId);
        return OadrMessages.payload(s -> s.setOadrCanceledReport(canceled));
    }

    public static OadrPayload createdOpt(EiResponseType response, String optId) {
        OadrCreatedOptType created = new OadrCreatedOptType();
        created.setSchemaVersion(OadrMessages.SCHEMA_VERSION);
        created.setEiResponse(response);
        created.setOptID(optId);
        return OadrMessages.payload(s -> s.setOadrCreatedOpt(created));
    }

    public static OadrPayload canceledOpt(EiResponseType response, String optId) {
        OadrCanceledOptType canceled = new OadrCanceledOptType();
        canceled.setSchemaVersion(OadrMessages.SCHEMA_VERSION);
        canceled.setEiResponse(response);
        canceled.setOptID(optId);
        return OadrMessages.payload(s -> s.setOadrCanceledOpt(canceled));
    }

    static String description(String detail) {
        if (detail == null) {
            return "";
        }
        return detail.length() <= MAX_DESCRIPTION ? detail : detail.substring(0, MAX_DESCRIPTION) + "…";
    }
}
