package io.gridflex.openadr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.gridflex.openadr.model.ei.OptTypeType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.oadr.OadrCreateOptType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrReportPayloadType;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;

/** Report and opt messages: valid against the official OpenADR 2.0b schema and read back unchanged. */
class OadrReportsAndOptsTest {

    private static final OpenAdrXml XML = new OpenAdrXml();
    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

    static OadrReportType metadata() {
        return OadrReports.telemetryMetadata("spec-1", NOW, Duration.ofSeconds(10), Duration.ofMinutes(5),
                List.of(new ReportDataPoint("site-1.power", "site-1", "usage", "Direct Read"),
                        new ReportDataPoint("fleet.power", null, "demand", "Summed")));
    }

    static OadrReportType telemetry() {
        return OadrReports.telemetryReport("rr-1", "spec-1", NOW.plusSeconds(60), NOW, Duration.ofMinutes(1),
                List.of(new ReportReading(NOW, Duration.ofSeconds(30), "site-1.power", 1.5f),
                        new ReportReading(NOW, Duration.ofSeconds(30), "fleet.power", 4.25f),
                        new ReportReading(NOW.plusSeconds(30), Duration.ofSeconds(30), "site-1.power", 1.75f)));
    }

    static OptDecision optOut() {
        return new OptDecision("opt-1", OptTypeType.OPT_OUT, "notParticipating", "ven-1", NOW);
    }

    static Stream<Arguments> messages() {
        var ok = OadrMessages.eiResponse(OadrResponseCode.OK, "OK", "req-1");
        var request = OadrReports.reportRequest("rr-1", "spec-1", Duration.ofSeconds(30), Duration.ofMinutes(1),
                List.of("site-1.power", "fleet.power"));
        return Stream.of(
                Arguments.of("oadrRegisterReport", OadrReports.registerReport("req-1", "ven-1", List.of(metadata()))),
                Arguments.of("oadrRegisteredReport", OadrReports.registeredReport(ok, "ven-1", List.of(request))),
                Arguments.of("oadrRegisteredReport without requests",
                        OadrReports.registeredReport(ok, "ven-1", List.of())),
                Arguments.of("oadrCreateReport", OadrReports.createReport("req-2", "ven-1", List.of(request))),
                Arguments.of("oadrCreatedReport", OadrReports.createdReport(ok, "ven-1", List.of("rr-1"))),
                Arguments.of("oadrUpdateReport", OadrReports.updateReport("req-3", "ven-1", List.of(telemetry()))),
                Arguments.of("oadrUpdatedReport", OadrReports.updatedReport(ok, "ven-1")),
                Arguments.of("oadrCancelReport", OadrReports.cancelReport("req-4", List.of("rr-1"), true, "ven-1")),
                Arguments.of("oadrCanceledReport", OadrReports.canceledReport(ok, "ven-1", List.of())),
                Arguments.of("oadrCreateOpt for an event",
                        OadrOpts.createEventOpt("req-5", optOut(), "evt-42", 3,
                                OadrMessages.venTarget(List.of("ven-1")))),
                Arguments.of("oadrCreateOpt for a schedule",
                        OadrOpts.createScheduleOpt("req-6", optOut(), "oadr://gridflex.io/dispatch",
                                List.of(new AvailabilityWindow(NOW, Duration.ofHours(2)),
                                        new AvailabilityWindow(NOW.plusSeconds(86_400), Duration.ofHours(2))),
                                OadrMessages.venTarget(List.of("ven-1")))),
                Arguments.of("oadrCreatedOpt", OadrOpts.createdOpt(ok, "opt-1")),
                Arguments.of("oadrCancelOpt", OadrOpts.cancelOpt("req-7", "opt-1", "ven-1")),
                Arguments.of("oadrCanceledOpt", OadrOpts.canceledOpt(ok, "opt-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void validatesAgainstTheOfficialSchema(String name, OadrPayload payload) {
        String xml = XML.marshal(payload);

        assertThatNoException().as(name + ":%n%s", xml)
                .isThrownBy(() -> SharedOpenAdrFiles.validateAgainstOfficialSchema(xml));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void readsBackAsTheSameMessage(String name, OadrPayload payload) {
        OadrPayload read = XML.unmarshal(XML.marshal(payload));

        assertThat(OadrMessages.body(read)).isInstanceOf(OadrMessages.body(payload).getClass());
        assertThat(XML.marshal(read)).isEqualTo(XML.marshal(payload));
    }

    @Test
    void metadataDescribesEachDataPointInMegawatts() {
        OadrRegisterReportType register = (OadrRegisterReportType) OadrMessages.body(XML.unmarshal(
                XML.marshal(OadrReports.registerReport("req-1", "ven-1", List.of(metadata())))));

        OadrReportType report = register.getOadrReport().get(0);
        assertThat(report.getReportName()).isEqualTo("METADATA_TELEMETRY_USAGE");
        assertThat(report.getReportRequestID()).isEqualTo("0");
        assertThat(report.getOadrReportDescription())
                .extracting(d -> d.getRID(), d -> d.getReportType(), d -> d.getReadingType(),
                        d -> d.getOadrSamplingRate().getOadrMinPeriod())
                .containsExactly(tuple("site-1.power", "usage", "Direct Read", Duration.ofSeconds(10)),
                        tuple("fleet.power", "demand", "Summed", Duration.ofSeconds(10)));
        assertThat(report.getOadrReportDescription().get(0).getReportDataSource().getResourceID())
                .containsExactly("site-1");
    }

    @Test
    void readingsWithTheSameStartShareAnInterval() {
        OadrUpdateReportType update = (OadrUpdateReportType) OadrMessages.body(XML.unmarshal(
                XML.marshal(OadrReports.updateReport("req-3", "ven-1", List.of(telemetry())))));

        var intervals = update.getOadrReport().get(0).getIntervals().getInterval();
        assertThat(intervals).hasSize(2);
        assertThat(intervals.get(0).getDtstart().getDateTime()).isEqualTo(NOW);
        assertThat(intervals.get(0).getStreamPayloadBase())
                .extracting(p -> ((OadrReportPayloadType) p.getValue()).getRID(),
                        p -> ((PayloadFloatType) ((OadrReportPayloadType) p.getValue()).getPayloadBase().getValue())
                                .getValue())
                .containsExactly(tuple("site-1.power", 1.5f), tuple("fleet.power", 4.25f));
        assertThat(intervals.get(1).getDtstart().getDateTime()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void eventOptNamesTheEventAndReason() {
        OadrCreateOptType create = (OadrCreateOptType) OadrMessages.body(XML.unmarshal(XML.marshal(
                OadrOpts.createEventOpt("req-5", optOut(), "evt-42", 3, OadrMessages.venTarget(List.of("ven-1"))))));

        assertThat(create.getOptType()).isEqualTo(OptTypeType.OPT_OUT);
        assertThat(create.getOptReason()).isEqualTo("notParticipating");
        assertThat(create.getQualifiedEventID().getEventID()).isEqualTo("evt-42");
        assertThat(create.getQualifiedEventID().getModificationNumber()).isEqualTo(3);
        assertThat(create.getCreatedDateTime()).isEqualTo(NOW);
    }

    @Test
    void emptyRequestsAndCancellationsAreProgrammingErrors() {
        assertThatIllegalArgumentException().isThrownBy(() -> OadrReports.createReport("r", "v", List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> OadrReports.cancelReport("r", List.of(), false, "v"));
        assertThatIllegalArgumentException().isThrownBy(
                () -> OadrReports.reportRequest("rr", "spec", Duration.ofSeconds(1), Duration.ofSeconds(1),
                        List.of()));
    }
}
