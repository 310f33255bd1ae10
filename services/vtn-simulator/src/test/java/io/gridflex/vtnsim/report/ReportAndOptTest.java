package io.gridflex.vtnsim.report;

import static io.gridflex.vtnsim.VtnTestClient.code;
import static io.gridflex.vtnsim.VtnTestClient.post;
import static io.gridflex.vtnsim.VtnTestClient.register;
import static io.gridflex.vtnsim.VtnTestClient.requestId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.OptTypeType;
import io.gridflex.openadr.model.oadr.OadrCancelOptType;
import io.gridflex.openadr.model.oadr.OadrCanceledOptType;
import io.gridflex.openadr.model.oadr.OadrCreateOptType;
import io.gridflex.openadr.model.oadr.OadrCreatedOptType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrRegisteredReportType;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;
import io.gridflex.openadr.model.oadr.OadrUpdatedReportType;
import io.quarkus.test.junit.QuarkusTest;

/** A VEN that registers reports, sends them or schedules opts gets the reply OpenADR prescribes. */
@QuarkusTest
class ReportAndOptTest {

    @Test
    void aReportRegistrationIsAcknowledgedWithoutRequests() {
        String venId = register("site-reports").venId();
        String requestId = requestId();

        OadrRegisteredReportType registered = post("EiReport", registerReport(requestId, venId))
                .getOadrSignedObject().getOadrRegisteredReport();

        assertThat(code(registered.getEiResponse())).isEqualTo("200");
        assertThat(registered.getEiResponse().getRequestID()).isEqualTo(requestId);
        assertThat(registered.getVenID()).isEqualTo(venId);
        assertThat(registered.getOadrReportRequest()).isEmpty();
    }

    @Test
    void aReportFromAnUnknownVenIsAnInvalidId() {
        OadrRegisteredReportType registered = post("EiReport", registerReport(requestId(), "ven-unknown"))
                .getOadrSignedObject().getOadrRegisteredReport();

        assertThat(code(registered.getEiResponse())).isEqualTo("452");
    }

    @Test
    void aReportUpdateIsAcknowledged() {
        String venId = register("site-update").venId();
        OadrUpdateReportType update = new OadrUpdateReportType();
        update.setSchemaVersion(OadrMessages.SCHEMA_VERSION);
        update.setRequestID(requestId());
        update.setVenID(venId);

        OadrUpdatedReportType updated = post("EiReport", OadrMessages.payload(s -> s.setOadrUpdateReport(update)))
                .getOadrSignedObject().getOadrUpdatedReport();

        assertThat(code(updated.getEiResponse())).isEqualTo("200");
        assertThat(updated.getEiResponse().getRequestID()).isEqualTo(update.getRequestID());
    }

    @Test
    void aVensAnswerToAReportRegistrationIsAcknowledged() {
        String venId = register("site-registered").venId();
        String requestId = requestId();
        OadrPayload answer = OadrReports.registeredReport(
                OadrMessages.eiResponse(OadrResponseCode.OK, "OK", requestId), venId, List.of());

        OadrResponseType response = post("EiReport", answer).getOadrSignedObject().getOadrResponse();

        assertThat(code(response.getEiResponse())).isEqualTo("200");
        assertThat(response.getEiResponse().getRequestID()).isEqualTo(requestId);
    }

    @Test
    void anAnswerFromAnUnknownVenIsAnInvalidId() {
        OadrPayload answer = OadrReports.registeredReport(
                OadrMessages.eiResponse(OadrResponseCode.OK, "OK", requestId()), "ven-unknown", List.of());

        OadrResponseType response = post("EiReport", answer).getOadrSignedObject().getOadrResponse();

        assertThat(code(response.getEiResponse())).isEqualTo("452");
    }

    @Test
    void anOptIsCreatedAndCancelledOnce() {
        String venId = register("site-opt").venId();
        String optId = "opt-" + UUID.randomUUID();

        OadrCreatedOptType created = post("EiOpt", createOpt(venId, optId)).getOadrSignedObject()
                .getOadrCreatedOpt();
        assertThat(code(created.getEiResponse())).isEqualTo("200");
        assertThat(created.getOptID()).isEqualTo(optId);

        OadrCanceledOptType canceled = post("EiOpt", cancelOpt(venId, optId)).getOadrSignedObject()
                .getOadrCanceledOpt();
        assertThat(code(canceled.getEiResponse())).isEqualTo("200");

        OadrCanceledOptType again = post("EiOpt", cancelOpt(venId, optId)).getOadrSignedObject()
                .getOadrCanceledOpt();
        assertThat(code(again.getEiResponse())).isEqualTo("452");
    }

    @Test
    void anOptFromAnUnknownVenIsAnInvalidId() {
        OadrCreatedOptType created = post("EiOpt", createOpt("ven-unknown", "opt-x")).getOadrSignedObject()
                .getOadrCreatedOpt();

        assertThat(code(created.getEiResponse())).isEqualTo("452");
    }

    private static OadrPayload registerReport(String requestId, String venId) {
        OadrRegisterReportType register = new OadrRegisterReportType();
        register.setSchemaVersion(OadrMessages.SCHEMA_VERSION);
        register.setRequestID(requestId);
        register.setVenID(venId);
        return OadrMessages.payload(s -> s.setOadrRegisterReport(register));
    }

    private static OadrPayload createOpt(String venId, String optId) {
        OadrCreateOptType create = new OadrCreateOptType();
        create.setSchemaVersion(OadrMessages.SCHEMA_VERSION);
        create.setOptID(optId);
        create.setOptType(OptTypeType.OPT_OUT);
        create.setOptReason("mustRun");
        create.setVenID(venId);
        create.setCreatedDateTime(Instant.parse("2026-03-01T10:00:00Z"));
        create.setRequestID(requestId());
        create.setEiTarget(OadrMessages.venTarget(List.of(venId)));
        return OadrMessages.payload(s -> s.setOadrCreateOpt(create));
    }

    private static OadrPayload cancelOpt(String venId, String optId) {
        OadrCancelOptType cancel = new OadrCancelOptType();
        cancel.setSchemaVersion(OadrMessages.SCHEMA_VERSION);
        cancel.setRequestID(requestId());
        cancel.setOptID(optId);
        cancel.setVenID(venId);
        return OadrMessages.payload(s -> s.setOadrCancelOpt(cancel));
    }
}
