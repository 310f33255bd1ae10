package io.gridflex.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** When a requested report samples and sends: on the grid of its start, to its end. */
class ReportTimingTest {

    private static final Instant START = Instant.parse("2026-12-02T05:00:00Z");

    private static ReportTiming timing(long granularity, long reportBack, Instant end) {
        return new ReportTiming(new RequestedReport("p", "rr", "ven", "reg", ReportKind.USAGE, List.of("usage-a"),
                Duration.ofSeconds(granularity), Duration.ofSeconds(reportBack), START, end,
                RequestedReport.Status.ACTIVE, null, START));
    }

    @Test
    void aPeriodicReportSamplesEveryGranularityAndSendsEveryReportBackDuration() {
        ReportTiming timing = timing(2, 6, null);

        assertThat(timing.oneShot()).isFalse();
        assertThat(timing.samplePeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(timing.sampleAtOrAfter(START)).isEqualTo(START);
        assertThat(timing.sampleAtOrAfter(START.plusMillis(1))).isEqualTo(START.plusSeconds(2));
        assertThat(timing.sampleAtOrAfter(START.plusSeconds(4))).isEqualTo(START.plusSeconds(4));
        assertThat(timing.sendAfter(null)).isEqualTo(START.plusSeconds(6));
        assertThat(timing.sendAfter(START.plusSeconds(6))).isEqualTo(START.plusSeconds(12));
        assertThat(timing.lastAt(START.plusSeconds(600))).isFalse();
    }

    @Test
    void withoutGranularityItSamplesOncePerReport() {
        ReportTiming timing = timing(0, 10, null);

        assertThat(timing.samplePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(timing.sampleAtOrAfter(START.plusSeconds(1))).isEqualTo(START.plusSeconds(10));
    }

    @Test
    void aRestartResumesOnTheSameGridWithoutSendingWhatItMissed() {
        ReportTiming timing = timing(2, 6, null);

        assertThat(timing.sendAfter(START.plusSeconds(6 * 100 + 1))).isEqualTo(START.plusSeconds(606));
        assertThat(timing.sampleAtOrAfter(START.plusSeconds(601))).isEqualTo(START.plusSeconds(602));
    }

    @Test
    void aDelayedReportStartsAtItsStart() {
        ReportTiming timing = timing(2, 4, null);

        assertThat(timing.sampleAtOrAfter(START.minusSeconds(300))).isEqualTo(START);
        assertThat(timing.sendAfter(START.minusSeconds(300))).isEqualTo(START.plusSeconds(4));
    }

    @Test
    void aShortReportSendsItsLastReportAtItsEnd() {
        ReportTiming timing = timing(2, 4, START.plusSeconds(10));

        assertThat(timing.sendAfter(START.plusSeconds(4))).isEqualTo(START.plusSeconds(8));
        assertThat(timing.sendAfter(START.plusSeconds(8))).as("cut at the end").isEqualTo(START.plusSeconds(10));
        assertThat(timing.lastAt(START.plusSeconds(10))).isTrue();
        assertThat(timing.lastAt(START.plusSeconds(8))).isFalse();
        assertThat(timing.sendAfter(START.plusSeconds(10))).isNull();
        assertThat(timing.sampleAtOrAfter(START.plusSeconds(9))).isNull();
    }

    @Test
    void aOneShotSendsOnceAtItsStartAndSamplesNothingAhead() {
        ReportTiming timing = timing(0, 0, null);

        assertThat(timing.oneShot()).isTrue();
        assertThat(timing.sendAfter(null)).isEqualTo(START);
        assertThat(timing.sendAfter(START)).isNull();
        assertThat(timing.lastAt(START)).isTrue();
        assertThat(timing.sampleAtOrAfter(START)).isNull();
    }
}
