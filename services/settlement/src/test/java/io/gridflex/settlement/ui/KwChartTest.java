package io.gridflex.settlement.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.method.BaselineInterval;

class KwChartTest {

    private static final Instant T = Instant.parse("2026-05-12T15:00:00Z");

    @Test
    void sitesAreSummedIntervalByIntervalAndAnUnmeteredIntervalLeavesAGap() {
        List<BaselineInterval> a = List.of(interval(0, "600", "500"), interval(1, "600", null),
                interval(2, "600", "450"));
        List<BaselineInterval> b = List.of(interval(0, "400", "300"), interval(1, "400", "350"),
                interval(2, "400", "250"));

        KwChart chart = KwChart.summed(List.of(a, b));

        assertThat(chart.points()).extracting(KwChart.Point::baselineKw).containsExactly(new BigDecimal("1000"),
                new BigDecimal("1000"), new BigDecimal("1000"));
        assertThat(chart.points()).extracting(KwChart.Point::actualKw).containsExactly(new BigDecimal("800"), null,
                new BigDecimal("700"));
        assertThat(chart.maxKw()).isEqualByComparingTo("1000");
        // Baseline at the top over the whole width; actual 800 kW in the first third, nothing in the second.
        assertThat(chart.baselinePath()).isEqualTo("M0.0,0.0 L240.0,0.0 L240.0,0.0 L480.0,0.0 L480.0,0.0 L720.0,0.0");
        assertThat(chart.actualPath()).isEqualTo("M0.0,48.0 L240.0,48.0 M480.0,72.0 L720.0,72.0");
    }

    @Test
    void theScaleEndsAtOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(KwChart.roundUp(new BigDecimal("0.3"))).isEqualByComparingTo("1");
        assertThat(KwChart.roundUp(new BigDecimal("1.5"))).isEqualByComparingTo("2");
        assertThat(KwChart.roundUp(new BigDecimal("1000"))).isEqualByComparingTo("1000");
        assertThat(KwChart.roundUp(new BigDecimal("1001"))).isEqualByComparingTo("2000");
        assertThat(KwChart.roundUp(new BigDecimal("3400.2"))).isEqualByComparingTo("5000");
        assertThat(KwChart.roundUp(new BigDecimal("5001"))).isEqualByComparingTo("10000");
    }

    @Test
    void noIntervalsDrawNothing() {
        assertThat(KwChart.summed(List.of()).baselinePath()).isEmpty();
    }

    private static BaselineInterval interval(int minute, String baseline, String actual) {
        Instant start = T.plusSeconds(60L * minute);
        return new BaselineInterval(start, start.plusSeconds(60), new BigDecimal(baseline), new BigDecimal(baseline),
                actual == null ? null : new BigDecimal(actual));
    }
}
