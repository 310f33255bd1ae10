package io.gridflex.gateway.vtnreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.ReportReading;
import io.gridflex.openadr.StatusReading;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;

class UpdateReaderTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-12-05T10:00:03Z");

    private static VtnRequest request(String id, VtnRequest.Status status, String... rIds) {
        return new VtnRequest("p", id, "poi", "TELEMETRY_USAGE", List.of(rIds), Duration.ofSeconds(1),
                Duration.ofSeconds(2), "ven", "reg", status, VtnRequest.PIGGY_BACKED, null, T, null);
    }

    private static final Map<String, VtnRequest> REQUESTS = Map.of(
            "rq", request("rq", VtnRequest.Status.ACTIVE, "poi-1", "poi-2"),
            "refused", request("refused", VtnRequest.Status.REFUSED, "poi-1"),
            "cancelled", request("cancelled", VtnRequest.Status.CANCELLED, "poi-1"));

    @Test
    void everyValueOfEveryIntervalIsRead() {
        UpdateReader.Read read = UpdateReader.read(update(usage("rq", new ReportReading(T, Duration.ofSeconds(1),
                "poi-1", 1.5f, "Quality Good - Non Specific"),
                new ReportReading(T, Duration.ofSeconds(1), "poi-2",
                        2.5f),
                new ReportReading(T.plusSeconds(1), Duration.ofSeconds(1), "poi-1", 3.5f))),
                REQUESTS, T);

        assertThat(read.ok()).isTrue();
        assertThat(read.reportRequestIds()).containsExactly("rq");
        assertThat(read.readings()).containsExactly(
                new VtnReading("rq", "poi-1", T, Duration.ofSeconds(1), 1.5, null, "Quality Good - Non Specific",
                        CREATED),
                new VtnReading("rq", "poi-2", T, Duration.ofSeconds(1), 2.5, null, null, CREATED),
                new VtnReading("rq", "poi-1", T.plusSeconds(1), Duration.ofSeconds(1), 3.5, null, null, CREATED));
    }

    @Test
    void aStatusIsKeptInWords() {
        OadrReportType status = OadrReports.statusReport("rq", "poi", CREATED, T, Duration.ofSeconds(1),
                List.of(new StatusReading(T, Duration.ofSeconds(1), "poi-2", true, false, null)));
        UpdateReader.Read read = UpdateReader.read(update(status), REQUESTS, T);
        assertThat(read.readings()).singleElement().satisfies(r -> {
            assertThat(r.value()).isNull();
            assertThat(r.status()).isEqualTo("online=true manualOverride=false");
        });
    }

    @Test
    void aReportOfACancelledRequestIsStillKeptButOneNeverMadeOrRefusedIsNot() {
        assertThat(UpdateReader.read(update(usage("cancelled", reading("poi-1"))), REQUESTS, T).ok()).isTrue();
        UpdateReader.Read unknown = UpdateReader.read(update(usage("rq", reading("poi-1")),
                usage("other", reading("poi-1"))), REQUESTS, T);
        assertThat(unknown.code().code()).isEqualTo(452);
        assertThat(unknown.problem()).contains("'other'");
        assertThat(unknown.readings()).isEmpty();
        assertThat(UpdateReader.read(update(usage("refused", reading("poi-1"))), REQUESTS, T).code().code())
                .isEqualTo(452);
    }

    @Test
    void aDataPointTheRequestDidNotNameRefusesTheWholeMessage() {
        UpdateReader.Read read = UpdateReader.read(update(usage("rq", reading("poi-1"), reading("poi-7"))),
                REQUESTS, T);
        assertThat(read.code().code()).isEqualTo(452);
        assertThat(read.problem()).contains("poi-7");
        assertThat(read.readings()).isEmpty();
    }

    @Test
    void anIntervalWithoutAStartFollowsTheOneBeforeOrTheReportsStart() {
        OadrReportType report = usage("rq", reading("poi-1"), new ReportReading(T.plusSeconds(1),
                Duration.ofSeconds(1), "poi-1", 2f));
        report.getIntervals().getInterval().forEach(i -> i.setDtstart(null));
        UpdateReader.Read read = UpdateReader.read(update(report), REQUESTS, T);
        assertThat(read.readings()).extracting(VtnReading::intervalStart).containsExactly(T, T.plusSeconds(1));

        report.setDtstart(null);
        UpdateReader.Read none = UpdateReader.read(update(report), REQUESTS, T);
        assertThat(none.code().code()).isEqualTo(454);
        assertThat(UpdateReader.read(update(), REQUESTS, T).code().code()).isEqualTo(454);
    }

    private static ReportReading reading(String rId) {
        return new ReportReading(T, Duration.ofSeconds(1), rId, 1f);
    }

    private static OadrReportType usage(String id, ReportReading... readings) {
        return OadrReports.telemetryReport("TELEMETRY_USAGE", id, "poi", CREATED, T, Duration.ofSeconds(2),
                List.of(readings));
    }

    private static OadrUpdateReportType update(OadrReportType... reports) {
        OadrUpdateReportType update = new OadrUpdateReportType();
        update.getOadrReport().addAll(List.of(reports));
        update.setRequestID("u");
        update.setSchemaVersion(OadrMessages.SCHEMA_VERSION);
        return update;
    }
}
