package io.gridflex.gateway.report;

import static io.gridflex.gateway.report.ReportFixtures.NOW;
import static io.gridflex.gateway.report.ReportFixtures.REGISTRATION;
import static io.gridflex.gateway.report.ReportFixtures.XML;
import static io.gridflex.gateway.report.ReportFixtures.catalog;
import static io.gridflex.gateway.report.ReportFixtures.openLeadr;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.oadr.OadrCreateReportType;
import io.gridflex.openadr.model.oadr.OadrRegisteredReportType;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;

/** One report request against what a program offers: carried out, refused 452 or 454, or a METADATA request. */
class RequestReaderTest {

    private final RequestReader reader = new RequestReader(catalog());

    private RequestVerdict read(OadrReportRequestType request) {
        // Through the codec, as a VTN's request arrives.
        OadrCreateReportType create = (OadrCreateReportType) OadrMessages.body(XML.unmarshal(
                XML.marshal(OadrReports.createReport("req-1", "VEN-PEER-1", List.of(request)))));
        return reader.read(create.getOadrReportRequest().getFirst(), REGISTRATION, NOW);
    }

    private static OadrReportRequestType usage(Duration granularity, Duration reportBack, String... rIds) {
        return OadrReports.reportRequest("rr-1", "gridflex-telemetry-usage", granularity, reportBack, List.of(rIds));
    }

    @Test
    void aPeriodicUsageRequestIsCarriedOutFromNowWithoutEnd() {
        RequestVerdict verdict = read(usage(Duration.ofSeconds(2), Duration.ofSeconds(10), "usage-plant-a",
                "usage-plant-b"));

        RequestedReport report = ((RequestVerdict.Accepted) verdict).report();
        assertThat(report.kind()).isEqualTo(ReportKind.USAGE);
        assertThat(report.rIds()).containsExactly("usage-plant-a", "usage-plant-b");
        assertThat(report.granularity()).isEqualTo(Duration.ofSeconds(2));
        assertThat(report.reportBack()).isEqualTo(Duration.ofSeconds(10));
        assertThat(report.start()).isEqualTo(NOW);
        assertThat(report.end()).isNull();
        assertThat(report.oneShot()).isFalse();
        assertThat(report.venId()).isEqualTo("VEN-PEER-1");
        assertThat(report.registrationId()).isEqualTo("REG-1");
        assertThat(report.status()).isEqualTo(RequestedReport.Status.ACTIVE);
    }

    @Test
    void zeroDurationsAskForOneReport() {
        RequestedReport report = ((RequestVerdict.Accepted) read(usage(Duration.ZERO, Duration.ZERO,
                "usage-plant-a"))).report();

        assertThat(report.oneShot()).isTrue();
    }

    @Test
    void aReportIntervalSetsStartAndEnd() {
        RequestedReport report = ((RequestVerdict.Accepted) read(OadrReports.reportRequest("rr-2",
                "gridflex-telemetry-status", Duration.ofSeconds(2), Duration.ofSeconds(4), NOW.plusSeconds(60),
                Duration.ofMinutes(2), List.of("status-plant-b")))).report();

        assertThat(report.kind()).isEqualTo(ReportKind.STATUS);
        assertThat(report.start()).isEqualTo(NOW.plusSeconds(60));
        assertThat(report.end()).isEqualTo(NOW.plusSeconds(180));
    }

    @Test
    void aReportThisVenNeverOfferedIsAnInvalidId() {
        RequestVerdict verdict = read(OadrReports.reportRequest("rr-3", "TELEMETRY_USAGE", Duration.ofSeconds(2),
                Duration.ofSeconds(2), List.of("usage-plant-a")));

        assertThat(verdict).isInstanceOfSatisfying(RequestVerdict.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo(OadrResponseCode.INVALID_ID);
            assertThat(refused.detail()).contains("TELEMETRY_USAGE", "gridflex-telemetry-usage");
        });
    }

    @Test
    void aDataPointNotOfferedIsAnInvalidIdAndTheWholeRequestIsRefused() {
        RequestVerdict verdict = read(usage(Duration.ofSeconds(2), Duration.ofSeconds(2), "usage-plant-a",
                "status-plant-a", "usage-plant-z"));

        assertThat(verdict).isInstanceOfSatisfying(RequestVerdict.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo(OadrResponseCode.INVALID_ID);
            assertThat(refused.detail()).contains("[status-plant-a, usage-plant-z]");
        });
    }

    @Test
    void timingThisVenCannotKeepIsInvalidData() {
        assertThat(List.of(
                read(usage(Duration.ofSeconds(1), Duration.ofSeconds(10), "usage-plant-a")),
                read(usage(Duration.ofHours(2), Duration.ofHours(2), "usage-plant-a")),
                read(usage(Duration.ZERO, Duration.ofSeconds(1), "usage-plant-a")),
                read(usage(Duration.ofSeconds(2), Duration.ofSeconds(202), "usage-plant-a")),
                read(OadrReports.reportRequest("rr-4", "gridflex-telemetry-usage", Duration.ZERO, Duration.ZERO,
                        NOW.minusSeconds(600), Duration.ofSeconds(60), List.of("usage-plant-a")))))
                .allSatisfy(verdict -> assertThat(verdict).isInstanceOfSatisfying(RequestVerdict.Refused.class,
                        refused -> assertThat(refused.code()).isEqualTo(OadrResponseCode.INVALID_DATA)));
    }

    private static OadrReportRequestType history(Duration granularity, Instant start, Duration length,
            String... rIds) {
        return OadrReports.reportRequest("rr-h", "gridflex-history-usage", granularity, Duration.ZERO, start, length,
                List.of(rIds));
    }

    @Test
    void aHistoryRequestNamesAPastIntervalAndIsReportedOnceWhenItIsOver() {
        RequestedReport past = ((RequestVerdict.Accepted) read(history(Duration.ofMinutes(15),
                NOW.minus(Duration.ofDays(2)), Duration.ofHours(1), "history-plant-a"))).report();
        RequestedReport running = ((RequestVerdict.Accepted) read(history(Duration.ZERO, NOW.minusSeconds(600),
                Duration.ofMinutes(20), "history-plant-a", "history-plant-b"))).report();

        assertThat(past.kind()).isEqualTo(ReportKind.HISTORY);
        assertThat(past.start()).isEqualTo(NOW.minus(Duration.ofDays(2)));
        assertThat(past.end()).isEqualTo(NOW.minus(Duration.ofDays(2)).plus(Duration.ofHours(1)));
        assertThat(past.granularity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(running.rIds()).containsExactly("history-plant-a", "history-plant-b");
        ReportTiming pastTiming = new ReportTiming(past);
        assertThat(pastTiming.oneShot()).isTrue();
        assertThat(pastTiming.sampleAtOrAfter(NOW)).as("figures are stored ones: no sampling").isNull();
        assertThat(pastTiming.sendAfter(null)).as("at once: its end is past").isEqualTo(past.end());
        assertThat(pastTiming.sendAfter(NOW)).as("once").isNull();
        assertThat(new ReportTiming(running).sendAfter(null)).as("when the interval is over")
                .isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void aHistoryRequestWithoutAnIntervalOrOffTheBucketsIsInvalidData() {
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        assertThat(List.of(
                read(OadrReports.reportRequest("rr-h", "gridflex-history-usage", Duration.ofMinutes(5), Duration.ZERO,
                        List.of("history-plant-a"))),
                read(history(Duration.ofMinutes(5), hourAgo, Duration.ZERO, "history-plant-a")),
                read(history(Duration.ofMinutes(7), hourAgo, Duration.ofHours(1), "history-plant-a")),
                read(history(Duration.ofMinutes(1), hourAgo, Duration.ofHours(1), "history-plant-a")),
                read(history(Duration.ofHours(2), hourAgo, Duration.ofHours(4), "history-plant-a")),
                read(history(Duration.ofMinutes(5), hourAgo, Duration.ofHours(9), "history-plant-a"))))
                .allSatisfy(verdict -> assertThat(verdict).isInstanceOfSatisfying(RequestVerdict.Refused.class,
                        refused -> assertThat(refused.code()).isEqualTo(OadrResponseCode.INVALID_DATA)));
        assertThat(read(history(Duration.ofMinutes(5), hourAgo, Duration.ofHours(1), "history-plant-a",
                "usage-plant-a"))).isInstanceOfSatisfying(RequestVerdict.Refused.class,
                        refused -> assertThat(refused.code()).isEqualTo(OadrResponseCode.INVALID_ID));
    }

    @Test
    void aRequestForMetadataAsksForTheRegistrationAgain() {
        RequestVerdict verdict = read(OadrReports.reportRequest("rr-meta", "METADATA", Duration.ZERO, Duration.ZERO,
                List.of("0")));

        assertThat(verdict).isEqualTo(new RequestVerdict.MetadataRequested("rr-meta"));
    }

    /** OpenLEADR's VTN asks for what OpenLEADR's VEN offered; none of it is ours. */
    @Test
    void openLeadrsRequestsForItsOwnVensReportsAreInvalidIds() {
        OadrCreateReportType create = (OadrCreateReportType) OadrMessages.body(
                XML.unmarshal(openLeadr("vtn_oadrCreateReport_telemetry_usage_status.xml")));

        assertThat(create.getOadrReportRequest()).extracting(r -> reader.read(r, REGISTRATION, NOW))
                .allSatisfy(verdict -> assertThat(verdict).isInstanceOfSatisfying(RequestVerdict.Refused.class,
                        refused -> assertThat(refused.code()).isEqualTo(OadrResponseCode.INVALID_ID)))
                .extracting(RequestVerdict::reportRequestId).containsExactly("RR-USAGE-002", "RR-STATUS-003");
    }

    /**
     * The same messages written for our offer (their IDs replaced by ours, everything else as OpenLEADR writes it):
     * the usage request with a granularity of PT2S and reports every PT6S, and the usage and status requests of
     * oadrCreateReport.
     */
    @Test
    void openLeadrsRequestsForOurReportsAreCarriedOut() {
        OadrRegisteredReportType registered = (OadrRegisteredReportType) OadrMessages.body(XML.unmarshal(ours(
                openLeadr("vtn_oadrRegisteredReport_with_report_request.xml"))));
        OadrCreateReportType create = (OadrCreateReportType) OadrMessages.body(XML.unmarshal(ours(
                openLeadr("vtn_oadrCreateReport_telemetry_usage_status.xml"))));

        RequestedReport periodic = ((RequestVerdict.Accepted) reader.read(
                registered.getOadrReportRequest().getFirst(), REGISTRATION, NOW)).report();
        assertThat(periodic.reportRequestId()).isEqualTo("8e27d605-d560-4de1-b8a7-378440a4c232");
        assertThat(periodic.granularity()).isEqualTo(Duration.ofSeconds(2));
        assertThat(periodic.reportBack()).isEqualTo(Duration.ofSeconds(6));
        assertThat(create.getOadrReportRequest()).extracting(r -> reader.read(r, REGISTRATION, NOW))
                .allSatisfy(verdict -> assertThat(verdict).isInstanceOf(RequestVerdict.Accepted.class))
                .extracting(v -> ((RequestVerdict.Accepted) v).report().kind())
                .containsExactly(ReportKind.USAGE, ReportKind.STATUS);
    }

    /** OpenLEADR's messages asking for our data points under our report names. */
    static String ours(String xml) {
        return xml.replace("RS-TELEMETRY-USAGE-1", "gridflex-telemetry-usage")
                .replace("RS-TELEMETRY-STATUS-1", "gridflex-telemetry-status")
                .replace("rid-meter1-realpower", "usage-plant-a")
                .replace("rid-meter1-status", "status-plant-a");
    }
}
