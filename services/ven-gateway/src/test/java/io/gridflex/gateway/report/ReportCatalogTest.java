package io.gridflex.gateway.report;

import static io.gridflex.gateway.report.ReportFixtures.NOW;
import static io.gridflex.gateway.report.ReportFixtures.XML;
import static io.gridflex.gateway.report.ReportFixtures.catalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.SamplingRate;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.openadr.model.power.EnergyRealType;
import io.gridflex.openadr.model.power.PowerRealType;

/** The metadata a program registers: what the VTN may ask for, valid against the official schema. */
class ReportCatalogTest {

    @Test
    void eachResourceHasAUsageDataPointInKilowattsAStatusDataPointAndAHistoryInKilowattHours() throws Exception {
        String xml = XML.marshal(OadrReports.registerReport("req-1", "ven-1", catalog().metadata(NOW)));

        assertThatNoException().as(xml).isThrownBy(() -> ReportFixtures.validateOfficially(xml));
        OadrRegisterReportType register = (OadrRegisterReportType) OadrMessages.body(XML.unmarshal(xml));
        OadrReportType usage = register.getOadrReport().get(0);
        assertThat(usage.getReportName()).isEqualTo("METADATA_TELEMETRY_USAGE");
        assertThat(usage.getReportSpecifierID()).isEqualTo("gridflex-telemetry-usage");
        assertThat(usage.getReportRequestID()).isEqualTo("0");
        assertThat(usage.getOadrReportDescription())
                .extracting(d -> d.getRID(), d -> d.getReportDataSource().getResourceID().getFirst(),
                        d -> d.getReportType(), d -> d.getReadingType(),
                        d -> ((PowerRealType) d.getItemBase().getValue()).getSiScaleCode().value(),
                        d -> d.getOadrSamplingRate().getOadrMinPeriod(),
                        d -> d.getOadrSamplingRate().getOadrMaxPeriod())
                .containsExactly(
                        tuple("usage-plant-a", "plant-a", "usage", "Direct Read", "k", Duration.ofSeconds(2),
                                Duration.ofHours(1)),
                        tuple("usage-plant-b", "plant-b", "usage", "Direct Read", "k", Duration.ofSeconds(2),
                                Duration.ofHours(1)));
        OadrReportType status = register.getOadrReport().get(1);
        assertThat(status.getReportName()).isEqualTo("METADATA_TELEMETRY_STATUS");
        assertThat(status.getOadrReportDescription())
                .extracting(d -> d.getRID(), d -> d.getReportType(), d -> d.getReadingType(), d -> d.getItemBase())
                .containsExactly(tuple("status-plant-a", "x-resourceStatus", "x-notApplicable", null),
                        tuple("status-plant-b", "x-resourceStatus", "x-notApplicable", null));
        OadrReportType history = register.getOadrReport().get(2);
        assertThat(history.getReportName()).isEqualTo("METADATA_HISTORY_USAGE");
        assertThat(history.getReportSpecifierID()).isEqualTo("gridflex-history-usage");
        assertThat(history.getOadrReportDescription())
                .extracting(d -> d.getRID(), d -> d.getReportDataSource().getResourceID().getFirst(),
                        d -> d.getReportType(), d -> d.getReadingType(), d -> d.getItemBase().getName().getLocalPart(),
                        d -> ((EnergyRealType) d.getItemBase().getValue()).getItemUnits(),
                        d -> ((EnergyRealType) d.getItemBase().getValue()).getSiScaleCode().value(),
                        d -> d.getOadrSamplingRate().getOadrMinPeriod())
                .containsExactly(
                        tuple("history-plant-a", "plant-a", "usage", "Direct Read", "energyReal", "Wh", "k",
                                Duration.ofMinutes(5)),
                        tuple("history-plant-b", "plant-b", "usage", "Direct Read", "energyReal", "Wh", "k",
                                Duration.ofMinutes(5)));
    }

    @Test
    void aProgramWithoutResourcesRegistersTheReportsWithoutDataPoints() throws Exception {
        ReportCatalog empty = new ReportCatalog(Map.of(),
                new SamplingRate(Duration.ofSeconds(10), Duration.ofHours(1), false), ReportFixtures.HISTORY, 100);
        String xml = XML.marshal(OadrReports.registerReport("req-1", "ven-1", empty.metadata(NOW)));

        assertThatNoException().as(xml).isThrownBy(() -> ReportFixtures.validateOfficially(xml));
        OadrRegisterReportType register = (OadrRegisterReportType) OadrMessages.body(XML.unmarshal(xml));
        assertThat(register.getOadrReport()).extracting(OadrReportType::getReportName)
                .containsExactly("METADATA_TELEMETRY_USAGE", "METADATA_TELEMETRY_STATUS", "METADATA_HISTORY_USAGE");
        assertThat(register.getOadrReport()).allSatisfy(r -> assertThat(r.getOadrReportDescription()).isEmpty());
    }

    @Test
    void dataPointsNameTheirResource() {
        ReportCatalog catalog = catalog();

        assertThat(catalog.resourceOf(ReportKind.USAGE, "usage-plant-a")).contains("plant-a");
        assertThat(catalog.resourceOf(ReportKind.STATUS, "status-plant-b")).contains("plant-b");
        assertThat(catalog.resourceOf(ReportKind.USAGE, "status-plant-a")).isEmpty();
        assertThat(catalog.resourceOf(ReportKind.USAGE, "usage-plant-c")).isEmpty();
        assertThat(catalog.resourceOf(ReportKind.USAGE, "usage-")).isEmpty();
        assertThat(catalog.sites("plant-a")).containsExactly("site-1", "site-2");
    }

    @Test
    void theFingerprintFollowsWhatTheVtnSeesOnly() {
        SamplingRate rate = new SamplingRate(Duration.ofSeconds(2), Duration.ofHours(1), false);
        String fingerprint = catalog().fingerprint();

        assertThat(new ReportCatalog(Map.of("plant-a", List.of("site-9"), "plant-b", List.of("site-3")), rate,
                ReportFixtures.HISTORY, 100).fingerprint()).as("other sites behind the same resources")
                .isEqualTo(fingerprint);
        assertThat(new ReportCatalog(Map.of("plant-a", List.of("site-1")), rate, ReportFixtures.HISTORY, 100)
                .fingerprint())
                .as("a resource less").isNotEqualTo(fingerprint);
        assertThat(new ReportCatalog(Map.of("plant-a", List.of("site-1", "site-2"), "plant-b", List.of("site-3")),
                new SamplingRate(Duration.ofSeconds(5), Duration.ofHours(1), false), ReportFixtures.HISTORY, 100)
                .fingerprint()).as("another sampling rate").isNotEqualTo(fingerprint);
        assertThat(new ReportCatalog(Map.of("plant-a", List.of("site-1", "site-2"), "plant-b", List.of("site-3")),
                rate, new SamplingRate(Duration.ofMinutes(15), Duration.ofHours(1), false), 100).fingerprint())
                .as("another history bucket").isNotEqualTo(fingerprint);
    }
}
