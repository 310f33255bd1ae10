package io.gridflex.gateway.vtnreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class VtnReportPlanTest {

    private static final VtnOffer USAGE = new VtnOffer("poi", "METADATA_TELEMETRY_USAGE", List.of("poi-1", "poi-2"),
            Duration.ofSeconds(1), Duration.ofMinutes(1));
    private static final VtnOffer HISTORY = new VtnOffer("feeder", "METADATA_HISTORY_USAGE", List.of("feeder-1"),
            null, null);
    private static final List<VtnOffer> OFFERS = List.of(USAGE, HISTORY);

    @Test
    void aReportIsNamedByItsSpecifierOrByWhatItDelivers() {
        assertThat(VtnReportPlan.plan(wanted("poi", List.of()), OFFERS).offer()).isEqualTo(USAGE);
        assertThat(VtnReportPlan.plan(wanted("HISTORY_USAGE", List.of()), OFFERS).offer()).isEqualTo(HISTORY);
        assertThat(VtnReportPlan.plan(wanted("TELEMETRY_STATUS", List.of()), OFFERS).problem())
                .contains("offers no report TELEMETRY_STATUS").contains("poi (TELEMETRY_USAGE)");
    }

    @Test
    void noDataPointsMeansEveryOneOffered() {
        assertThat(VtnReportPlan.plan(wanted("poi", List.of()), OFFERS).rIds()).containsExactly("poi-1", "poi-2");
        assertThat(VtnReportPlan.plan(wanted("poi", List.of("poi-2")), OFFERS).rIds()).containsExactly("poi-2");
        assertThat(VtnReportPlan.plan(wanted("poi", List.of("poi-2", "poi-3")), OFFERS).problem())
                .contains("[poi-3]");
        assertThat(VtnReportPlan.plan(wanted("empty", List.of()),
                List.of(new VtnOffer("empty", "METADATA_TELEMETRY_USAGE", List.of(), null, null))).problem())
                .contains("no data points");
    }

    @Test
    void theGranularityMustBeOneTheVtnSamplesAt() {
        assertThat(plan(Duration.ofSeconds(1), Duration.ofSeconds(2)).possible()).isTrue();
        assertThat(plan(Duration.ZERO, Duration.ZERO).possible()).isTrue();
        assertThat(plan(Duration.ofMillis(500), Duration.ofSeconds(2)).problem()).contains("shorter");
        assertThat(plan(Duration.ofMinutes(2), Duration.ofMinutes(2)).problem()).contains("longer");
        assertThat(plan(Duration.ofSeconds(10), Duration.ofSeconds(5)).problem()).contains("reportBackDuration");
        assertThat(plan(Duration.ofSeconds(-1), Duration.ZERO).problem()).contains("negative");
        // A VTN that states no sampling rate takes any granularity.
        assertThat(VtnReportPlan.plan(new WantedReport("feeder", List.of(), Duration.ofHours(5), Duration.ZERO),
                OFFERS).possible()).isTrue();
    }

    private static VtnReportPlan.Planned plan(Duration granularity, Duration reportBack) {
        return VtnReportPlan.plan(new WantedReport("poi", List.of(), granularity, reportBack), OFFERS);
    }

    private static WantedReport wanted(String report, List<String> rIds) {
        return new WantedReport(report, rIds, Duration.ZERO, Duration.ZERO);
    }
}
