package io.gridflex.gateway.report;

import static io.gridflex.gateway.report.ReportFixtures.NOW;
import static io.gridflex.gateway.report.ReportFixtures.XML;
import static io.gridflex.gateway.report.ReportFixtures.catalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.gridflex.gateway.telemetry.SiteReading;
import io.gridflex.gateway.telemetry.SiteReadings;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.oadr.OadrPayloadResourceStatusType;
import io.gridflex.openadr.model.oadr.OadrReportPayloadType;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;

/** Site telemetry summed into resources and written as TELEMETRY_USAGE and TELEMETRY_STATUS reports. */
class ReportContentTest {

    private static final Duration FRESHNESS = Duration.ofSeconds(60);
    private final Map<String, SiteReading> latest = new HashMap<>();

    private void reading(String site, Instant at, double kw, double shed, double sheddable) {
        latest.put(site, new SiteReading(site, at, kw, shed, sheddable));
    }

    private ResourceSnapshot snapshot(String resource, List<String> sites) {
        return ResourceSnapshot.of(resource, sites, site -> Optional.ofNullable(latest.get(site)), NOW, FRESHNESS);
    }

    @Test
    void aResourceIsTheSumOfItsFreshSites() {
        reading("site-1", NOW.minusSeconds(5), 812.5, 100, 300);
        reading("site-2", NOW.minusSeconds(60), 1200.25, 0, 500);

        ResourceSnapshot snapshot = snapshot("plant-a", List.of("site-1", "site-2"));

        assertThat(snapshot.kw()).isEqualTo(2012.75);
        assertThat(snapshot.shedKw()).isEqualTo(100);
        assertThat(snapshot.sheddableKw()).isEqualTo(800);
        assertThat(snapshot.online()).isEqualTo(2);
        assertThat(snapshot.complete()).isTrue();
    }

    @Test
    void aSiteSilentLongerThanTheFreshnessWindowIsOfflineNotZero() {
        reading("site-1", NOW.minusSeconds(5), 812.5, 0, 0);
        reading("site-2", NOW.minusSeconds(61), 1200, 0, 0);

        ResourceSnapshot snapshot = snapshot("plant-a", List.of("site-1", "site-2", "site-never"));

        assertThat(snapshot.kw()).isEqualTo(812.5);
        assertThat(snapshot.online()).isEqualTo(1);
        assertThat(snapshot.sites()).isEqualTo(3);
        assertThat(snapshot.complete()).isFalse();
        assertThat(ReportContent.quality(snapshot)).isEqualTo(ReportContent.PARTIAL);
        assertThat(ReportContent.quality(snapshot("plant-x", List.of("site-2")))).isEqualTo(ReportContent.NONE);
        assertThat(ReportContent.quality(snapshot("plant-y", List.of("site-1")))).isEqualTo(ReportContent.GOOD);
    }

    @Test
    void aUsageReportHasAnIntervalPerSampleAndAValuePerDataPoint() throws Exception {
        SiteReadings readings = new SiteReadings(List.of("site-1", "site-2", "site-3"));
        Sampler sampler = new Sampler(catalog(), readings, FRESHNESS);
        RequestedReport request = request(ReportKind.USAGE, "usage-plant-a", "usage-plant-b");
        readings.offer(new SiteReading("site-1", NOW, 800, 0, 0));
        readings.offer(new SiteReading("site-2", NOW, 1200, 0, 0));
        Sample first = sampler.sample(request, NOW);
        readings.offer(new SiteReading("site-1", NOW.plusSeconds(2), 810, 0, 0));
        readings.offer(new SiteReading("site-3", NOW.plusSeconds(2), 50, 0, 0));
        Sample second = sampler.sample(request, NOW.plusSeconds(2));

        OadrReportType report = new ReportContent(catalog()).report(request, List.of(first, second),
                Duration.ofSeconds(2), NOW.plusSeconds(4));
        String xml = XML.marshal(OadrReports.updateReport("u-1", "VEN-PEER-1", List.of(report)));

        assertThatNoException().as(xml).isThrownBy(() -> ReportFixtures.validateOfficially(xml));
        OadrReportType read = ((OadrUpdateReportType) OadrMessages.body(XML.unmarshal(xml))).getOadrReport()
                .getFirst();
        assertThat(read.getReportName()).isEqualTo("TELEMETRY_USAGE");
        assertThat(read.getReportRequestID()).isEqualTo("rr-1");
        assertThat(read.getReportSpecifierID()).isEqualTo("gridflex-telemetry-usage");
        assertThat(read.getDtstart().getDateTime()).isEqualTo(NOW);
        assertThat(read.getDuration().getDuration()).isEqualTo(Duration.ofSeconds(4));
        assertThat(read.getIntervals().getInterval()).hasSize(2);
        assertThat(read.getIntervals().getInterval().get(1).getStreamPayloadBase())
                .extracting(p -> ((OadrReportPayloadType) p.getValue()).getRID(),
                        p -> ((PayloadFloatType) ((OadrReportPayloadType) p.getValue()).getPayloadBase().getValue())
                                .getValue(),
                        p -> ((OadrReportPayloadType) p.getValue()).getOadrDataQuality())
                .containsExactly(tuple("usage-plant-a", 2010f, ReportContent.GOOD),
                        tuple("usage-plant-b", 50f, ReportContent.GOOD));
        assertThat(((OadrReportPayloadType) read.getIntervals().getInterval().get(0).getStreamPayloadBase().get(1)
                .getValue()).getOadrDataQuality()).as("plant-b before site-3 reported").isEqualTo(ReportContent.NONE);
    }

    @Test
    void aStatusReportSaysOnlineAndTheShareOfLoadHeldOff() throws Exception {
        reading("site-1", NOW, 600, 200, 100);
        reading("site-2", NOW, 200, 0, 100);
        Sample sample = new Sample(NOW, Map.of("plant-a", snapshot("plant-a", List.of("site-1", "site-2")),
                "plant-b", snapshot("plant-b", List.of("site-3"))));

        OadrReportType report = new ReportContent(catalog()).report(
                request(ReportKind.STATUS, "status-plant-a", "status-plant-b"), List.of(sample), Duration.ZERO, NOW);
        String xml = XML.marshal(OadrReports.updateReport("u-2", "VEN-PEER-1", List.of(report)));

        assertThatNoException().as(xml).isThrownBy(() -> ReportFixtures.validateOfficially(xml));
        var payloads = report.getIntervals().getInterval().getFirst().getStreamPayloadBase();
        var a = (OadrPayloadResourceStatusType) ((OadrReportPayloadType) payloads.get(0).getValue()).getPayloadBase()
                .getValue();
        var b = (OadrPayloadResourceStatusType) ((OadrReportPayloadType) payloads.get(1).getValue()).getPayloadBase()
                .getValue();
        assertThat(a.isOadrOnline()).isTrue();
        assertThat(a.isOadrManualOverride()).isFalse();
        assertThat(a.getOadrLoadControlState().getOadrPercentOffset().getOadrCurrent()).isEqualTo(20f);
        assertThat(a.getOadrLoadControlState().getOadrPercentOffset().getOadrMax()).isEqualTo(40f);
        assertThat(b.isOadrOnline()).isFalse();
        assertThat(b.getOadrLoadControlState()).isNull();
    }

    @Test
    void aDataPointNoLongerOfferedIsLeftOut() {
        RequestedReport request = request(ReportKind.USAGE, "usage-plant-gone");

        assertThat(new ReportContent(catalog()).report(request, List.of(new Sample(NOW, Map.of())),
                Duration.ofSeconds(2), NOW)).isNull();
    }

    private static RequestedReport request(ReportKind kind, String... rIds) {
        return new RequestedReport("p", "rr-1", "VEN-PEER-1", "REG-1", kind, List.of(rIds), Duration.ofSeconds(2),
                Duration.ofSeconds(4), NOW, null, RequestedReport.Status.ACTIVE, null, NOW);
    }
}
