package io.gridflex.gateway.report;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.oadr.OadrCancelReportType;
import io.gridflex.openadr.model.oadr.OadrCreateReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;

/**
 * What the gateway answers when its VTN starts a report exchange. GridFlex registers no reports with its VTN yet, and
 * wants none of the VTN's, so the answers are short — but they are given: a VTN left without one may re-send the same
 * message on every poll or hold the VEN as unresponsive.
 * <ul>
 * <li>oadrRegisterReport (the VTN offering its own reports): acknowledged with oadrRegisteredReport, requesting
 * nothing.</li>
 * <li>oadrCreateReport: every report it asks for is one this VEN never offered, so it is refused with 452 (invalid
 * ID) naming them, with nothing pending.</li>
 * <li>oadrCancelReport: nothing is pending, so there is nothing left to cancel; 200, because cancelling is
 * idempotent.</li>
 * </ul>
 */
@ApplicationScoped
public class ReportAnswers {

    /** The reply to send to the VTN's EiReport service, with the code it carries and a line for the log. */
    public record Answer(OadrPayload reply, OadrResponseCode code, String detail) {
    }

    /** The answer to a VTN-initiated report message, or empty when {@code body} is not one. */
    public Optional<Answer> to(Object body, String venId) {
        return switch (body) {
            case OadrRegisterReportType register -> Optional.of(registered(register, venId));
            case OadrCreateReportType create -> Optional.of(created(create, venId));
            case OadrCancelReportType cancel -> Optional.of(canceled(cancel, venId));
            default -> Optional.empty();
        };
    }

    private static Answer registered(OadrRegisterReportType register, String venId) {
        OadrPayload reply = OadrReports.registeredReport(
                OadrMessages.eiResponse(OadrResponseCode.OK, OadrResponseCode.OK.description(),
                        register.getRequestID()),
                venId, List.of());
        return new Answer(reply, OadrResponseCode.OK, "oadrRegisterReport of " + register.getOadrReport().size()
                + " report(s) acknowledged; none requested");
    }

    private static Answer created(OadrCreateReportType create, String venId) {
        List<String> asked = create.getOadrReportRequest().stream().map(ReportAnswers::specifier).toList();
        String detail = "no report " + asked + " is offered by this VEN";
        OadrPayload reply = OadrReports.createdReport(
                OadrMessages.eiResponse(OadrResponseCode.INVALID_ID, detail, create.getRequestID()), venId,
                List.of());
        return new Answer(reply, OadrResponseCode.INVALID_ID, "oadrCreateReport refused: " + detail);
    }

    private static Answer canceled(OadrCancelReportType cancel, String venId) {
        OadrPayload reply = OadrReports.canceledReport(
                OadrMessages.eiResponse(OadrResponseCode.OK, OadrResponseCode.OK.description(), cancel.getRequestID()),
                venId, List.of());
        return new Answer(reply, OadrResponseCode.OK,
                "oadrCancelReport of " + cancel.getReportRequestID() + ": nothing was pending");
    }

    private static String specifier(OadrReportRequestType request) {
        return request.getReportSpecifier() == null
                ? request.getReportRequestID()
                : request.getReportSpecifier().getReportSpecifierID();
    }
}
