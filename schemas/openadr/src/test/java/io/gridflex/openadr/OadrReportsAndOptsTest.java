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

    static OadrReportType usageMetadataInKilowatts() {
        return OadrReports.metadata(OadrReports.METADATA_TELEMETRY_USAGE, "usage-1", NOW,
                new SamplingRate(Duration.ofSeconds(2), Duration.ofHours(1), false), OadrMessages.kilowatts(),
                List.of(new ReportDataPoint("usage-plant-a", "plant-a", "usage", "Direct Read")));
    }

    static OadrReportType statusMetadata() {
        return OadrReports.metadata(OadrReports.METADATA_TELEMETRY_STATUS, "status-1", NOW,
                new SamplingRate(Duration.ofSeconds(2), Duration.ofHours(1), false), null,
                List.of(new ReportDataPoint("status-plant-a", "plant-a", "x-resourceStatus",
                        OadrReports.NOT_APPLICABLE)));
    }

    static OadrReportType statusReport() {
        var percent = new StatusReading.Value(0f, 60f, 25f, 0f);
        return OadrReports.statusReport("rr-2", "status-1", NOW.plusSeconds(10), NOW, Duration.ofSeconds(10),
                List.of(new StatusReading(NOW, Duration.ofSeconds(10), "status-plant-a", true, false,
                        new StatusReading.LoadControlState(null, null, percent, null)),
                        new StatusReading(NOW, Duration.ofSeconds(10), "status-plant-b", false, false, null)));
    }

    static OadrReportType usageWithQuality() {
        return OadrReports.telemetryReport(OadrReports.TELEMETRY_USAGE, "rr-1", "usage-1", NOW.plusSeconds(4), NOW,
                Duration.ofSeconds(4), List.of(
                        new ReportReading(NOW, Duration.ofSeconds(2), "usage-plant-a", 812.5f,
                                "Quality Good - Non Specific"),
                        new ReportReading(NOW.plusSeconds(2), Duration.ofSeconds(2), "usage-plant-a", 300f,
                                "Quality Bad - Not Connected")));
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
                Arguments.of("oadrRegisterReport, usage in kW and status",
                        OadrReports.registerReport("req-8", "ven-1",
                                List.of(usageMetadataInKilowatts(), statusMetadata()))),
                Arguments.of("oadrRegisterReport, metadata reports without data points, answering a request",
                        OadrReports.registerReport("req-9", "ven-1", List.of(
                                OadrReports.metadata(OadrReports.METADATA_TELEMETRY_USAGE, "usage-1", NOW,
                                        new SamplingRate(Duration.ofSeconds(2), Duration.ofHours(1), false),
                                        OadrMessages.kilowatts(), List.of()),
                                OadrReports.metadata(OadrReports.METADATA_TELEMETRY_STATUS, "status-1", NOW,
                                        new SamplingRate(Duration.ofSeconds(2), Duration.ofHours(1), false), null,
                                        List.of())),
                                "rr-metadata")),
                Arguments.of("oadrCreateReport with a report interval",
                        OadrReports.createReport("req-10", "ven-1", List.of(OadrReports.reportRequest("rr-3",
                                "usage-1", Duration.ofSeconds(2), Duration.ofSeconds(4), NOW.plusSeconds(60),
                                Duration.ofMinutes(5), List.of("usage-plant-a"))))),
                Arguments.of("oadrUpdateReport, usage with data quality",
                        OadrReports.updateReport("req-11", "ven-1", List.of(usageWithQuality()))),
                Arguments.of("oadrUpdateReport, status", OadrReports.updateReport("req-12", "ven-1",
                        List.of(statusReport()))),
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
    void usageMetadataIsInKilowattsAndStatusMetadataHasNoUnit() {
        OadrRegisterReportType register = (OadrRegisterReportType) OadrMessages.body(XML.unmarshal(XML.marshal(
                OadrReports.registerReport("req-8", "ven-1", List.of(usageMetadataInKilowatts(), statusMetadata()),
                        "rr-9"))));

        assertThat(register.getReportRequestID()).isEqualTo("rr-9");
        var usage = register.getOadrReport().get(0).getOadrReportDescription().get(0);
        assertThat(((io.gridflex.openadr.model.power.PowerRealType) usage.getItemBase().getValue())
                .getSiScaleCode().value()).isEqualTo("k");
        var status = register.getOadrReport().get(1);
        assertThat(status.getReportName()).isEqualTo("METADATA_TELEMETRY_STATUS");
        assertThat(status.getOadrReportDescription().get(0).getItemBase()).isNull();
        assertThat(status.getOadrReportDescription().get(0).getReportType()).isEqualTo("x-resourceStatus");
    }

    @Test
    void aStatusReportCarriesOnlineOverrideAndLoadControlState() {
        OadrUpdateReportType update = (OadrUpdateReportType) OadrMessages.body(XML.unmarshal(
                XML.marshal(OadrReports.updateReport("req-12", "ven-1", List.of(statusReport())))));

        var interval = update.getOadrReport().get(0).getIntervals().getInterval().get(0);
        assertThat(interval.getStreamPayloadBase()).hasSize(2);
        var first = (OadrReportPayloadType) interval.getStreamPayloadBase().get(0).getValue();
        var status = (io.gridflex.openadr.model.oadr.OadrPayloadResourceStatusType) first.getPayloadBase().getValue();
        assertThat(status.isOadrOnline()).isTrue();
        assertThat(status.getOadrLoadControlState().getOadrPercentOffset().getOadrCurrent()).isEqualTo(25f);
        assertThat(update.getOadrReport().get(0).getReportName()).isEqualTo("TELEMETRY_STATUS");
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
