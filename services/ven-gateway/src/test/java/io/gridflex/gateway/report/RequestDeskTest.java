package io.gridflex.gateway.report;

import static io.gridflex.gateway.report.ReportFixtures.NOW;
import static io.gridflex.gateway.report.ReportFixtures.REGISTRATION;
import static io.gridflex.gateway.report.ReportFixtures.XML;
import static io.gridflex.gateway.report.ReportFixtures.catalog;
import static io.gridflex.gateway.report.ReportFixtures.openLeadr;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.oadr.OadrCancelReportType;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;

/** The bookkeeping of requests and cancellations: what is kept, what the VTN is told is pending. */
class RequestDeskTest {

    /** The book in memory, as the database keeps it. */
    static final class MemoryBook implements RequestBook {

        final Map<String, RequestedReport> reports = new LinkedHashMap<>();
        final List<String> writes = new ArrayList<>();

        @Override
        public Optional<RequestedReport> find(String reportRequestId) {
            return Optional.ofNullable(reports.get(reportRequestId));
        }

        @Override
        public List<RequestedReport> pending() {
            return reports.values().stream().filter(r -> r.status().pending()).toList();
        }

        @Override
        public void save(RequestedReport report, Instant now) {
            reports.put(report.reportRequestId(), report);
            writes.add(report.reportRequestId());
        }
    }

    private final MemoryBook book = new MemoryBook();
    private final RequestDesk desk = new RequestDesk(book, catalog());

    private static OadrReportRequestType request(String id, String specifier, String... rIds) {
        return OadrReports.reportRequest(id, specifier, Duration.ofSeconds(2), Duration.ofSeconds(4), List.of(rIds));
    }

    @Test
    void theValidRequestsOfAMessageAreKeptBesideTheRefusedOnes() {
        RequestDesk.Intake intake = desk.take(List.of(
                request("rr-1", "gridflex-telemetry-usage", "usage-plant-a"),
                request("rr-2", "gridflex-telemetry-usage", "usage-nowhere"),
                OadrReports.reportRequest("rr-3", "gridflex-telemetry-status", Duration.ofMillis(0),
                        Duration.ofSeconds(1), List.of("status-plant-a")),
                request("rr-4", "gridflex-telemetry-status", "status-plant-a", "status-plant-b")), REGISTRATION,
                NOW);

        assertThat(intake.accepted()).extracting(RequestedReport::reportRequestId).containsExactly("rr-1", "rr-4");
        assertThat(intake.pending()).containsExactly("rr-1", "rr-4");
        assertThat(intake.code()).as("452 before 454").isEqualTo(OadrResponseCode.INVALID_ID);
        assertThat(intake.description()).contains("rr-2", "usage-nowhere", "rr-3", "shorter");
        assertThat(book.reports).containsOnlyKeys("rr-1", "rr-4");
    }

    @Test
    void allValidIsOkAndPendingListsEveryRequestStillRunning() {
        desk.take(List.of(request("rr-1", "gridflex-telemetry-usage", "usage-plant-a")), REGISTRATION, NOW);

        RequestDesk.Intake intake = desk.take(List.of(request("rr-2", "gridflex-telemetry-status",
                "status-plant-a")), REGISTRATION, NOW.plusSeconds(5));

        assertThat(intake.code()).isEqualTo(OadrResponseCode.OK);
        assertThat(intake.pending()).containsExactly("rr-1", "rr-2");
    }

    @Test
    void theSameRequestAgainKeepsItsCadenceAndAChangedOneReplacesIt() {
        desk.take(List.of(request("rr-1", "gridflex-telemetry-usage", "usage-plant-a")), REGISTRATION, NOW);

        RequestDesk.Intake again = desk.take(List.of(request("rr-1", "gridflex-telemetry-usage", "usage-plant-a")),
                REGISTRATION, NOW.plusSeconds(30));
        assertThat(again.accepted()).isEmpty();
        assertThat(book.reports.get("rr-1").start()).isEqualTo(NOW);

        RequestDesk.Intake changed = desk.take(List.of(request("rr-1", "gridflex-telemetry-usage", "usage-plant-a",
                "usage-plant-b")), REGISTRATION, NOW.plusSeconds(60));
        assertThat(changed.accepted()).hasSize(1);
        assertThat(book.reports.get("rr-1").rIds()).containsExactly("usage-plant-a", "usage-plant-b");
    }

    @Test
    void aMetadataRequestIsNotPendingAndComesBackToBeAnswered() {
        RequestDesk.Intake intake = desk.take(List.of(OadrReports.reportRequest("rr-meta", "METADATA", Duration.ZERO,
                Duration.ZERO, List.of("0"))), REGISTRATION, NOW);

        assertThat(intake.metadataRequest()).contains("rr-meta");
        assertThat(intake.code()).isEqualTo(OadrResponseCode.OK);
        assertThat(intake.pending()).isEmpty();
        assertThat(book.reports).isEmpty();
    }

    @Test
    void aCancellationWithAReportToFollowLeavesItPendingUntilItsLastReport() {
        desk.take(List.of(request("rr-1", "gridflex-telemetry-usage", "usage-plant-a"),
                request("rr-2", "gridflex-telemetry-usage", "usage-plant-b")), REGISTRATION, NOW);

        RequestDesk.Cancellation cancellation = desk.cancel(List.of("rr-1"), true, REGISTRATION, NOW);

        assertThat(cancellation.code()).isEqualTo(OadrResponseCode.OK);
        assertThat(cancellation.cancelled()).extracting(RequestedReport::status)
                .containsExactly(RequestedReport.Status.FINAL_REPORT);
        assertThat(cancellation.pending()).containsExactly("rr-1", "rr-2");
    }

    @Test
    void cancellingTwiceIsHarmlessAndAnUnknownRequestIsAnInvalidIdBesideTheKnownOnes() {
        desk.take(List.of(request("rr-1", "gridflex-telemetry-usage", "usage-plant-a"),
                request("rr-2", "gridflex-telemetry-usage", "usage-plant-b")), REGISTRATION, NOW);
        desk.cancel(List.of("rr-1"), false, REGISTRATION, NOW);

        RequestDesk.Cancellation cancellation = desk.cancel(List.of("rr-1", "rr-2", "rr-never"), false,
                REGISTRATION, NOW);

        assertThat(cancellation.code()).isEqualTo(OadrResponseCode.INVALID_ID);
        assertThat(cancellation.description()).contains("rr-never").doesNotContain("rr-1");
        assertThat(cancellation.cancelled()).extracting(RequestedReport::reportRequestId).containsExactly("rr-2");
        assertThat(book.reports.get("rr-1").status()).isEqualTo(RequestedReport.Status.CANCELLED);
        assertThat(book.reports.get("rr-2").status()).isEqualTo(RequestedReport.Status.CANCELLED);
        assertThat(cancellation.pending()).isEmpty();
    }

    @Test
    void aRequestOfAnotherRegistrationCannotBeCancelledThroughThisOne() {
        desk.take(List.of(request("rr-1", "gridflex-telemetry-usage", "usage-plant-a")), REGISTRATION, NOW);
        var other = new io.gridflex.gateway.registration.Registration(REGISTRATION.program(), REGISTRATION.vtnUrl(),
                "VEN-OTHER", "REG-2", REGISTRATION.vtnId(), Optional.empty(), NOW);

        RequestDesk.Cancellation cancellation = desk.cancel(List.of("rr-1"), false, other, NOW);

        assertThat(cancellation.code()).isEqualTo(OadrResponseCode.INVALID_ID);
        assertThat(book.reports.get("rr-1").status()).isEqualTo(RequestedReport.Status.ACTIVE);
    }

    /** OpenLEADR's cancellation of the request its VTN made at registration, made here of ours. */
    @Test
    void openLeadrsCancellationCancelsTheRequestItNames() {
        io.gridflex.openadr.model.oadr.OadrRegisteredReportType registered = (io.gridflex.openadr.model.oadr.OadrRegisteredReportType) OadrMessages
                .body(XML.unmarshal(RequestReaderTest.ours(
                        openLeadr("vtn_oadrRegisteredReport_with_report_request.xml"))));
        desk.take(registered.getOadrReportRequest(), REGISTRATION, NOW);
        OadrCancelReportType cancel = (OadrCancelReportType) OadrMessages.body(
                XML.unmarshal(openLeadr("vtn_oadrCancelReport.xml")));

        RequestDesk.Cancellation cancellation = desk.cancel(cancel.getReportRequestID(), cancel.isReportToFollow(),
                REGISTRATION, NOW);

        assertThat(cancellation.code()).isEqualTo(OadrResponseCode.OK);
        assertThat(cancellation.cancelled()).extracting(RequestedReport::reportRequestId, RequestedReport::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("8e27d605-d560-4de1-b8a7-378440a4c232",
                        RequestedReport.Status.CANCELLED));
    }
}
