package io.gridflex.gateway.report;

import java.time.Duration;
import java.time.Instant;

/**
 * When a requested report is sampled and sent. Pure arithmetic on the request:
 * <ul>
 * <li>one-shot (reportBackDuration zero): one report, at its start or at once when that is past, of one sample
 * taken when it is sent;</li>
 * <li>periodic: samples every granularity (every reportBackDuration when the granularity is zero) from the start;
 * a report every reportBackDuration from the start, each carrying the samples taken since the one before; the last
 * one at the end of the report interval, when it has one.</li>
 * <li>history (HISTORY_USAGE): one report of its whole interval, once that interval is over.</li>
 * </ul>
 * Times are on the grid {@code start + k × period}, so a restart resumes the same cadence.
 */
final class ReportTiming {

    private final Instant start;
    private final Instant end;
    private final Duration reportBack;
    private final Duration samplePeriod;
    private final boolean history;

    ReportTiming(RequestedReport report) {
        this.history = report.kind() == ReportKind.HISTORY;
        this.start = report.start();
        this.end = report.end();
        this.reportBack = report.reportBack();
        this.samplePeriod = report.granularity().isPositive() ? report.granularity() : report.reportBack();
    }

    /** One report only: a one-shot, or a history (which takes no samples: its figures are stored ones). */
    boolean oneShot() {
        return history || reportBack.isZero();
    }

    /** The length of one sample's interval: the granularity, else the reportBackDuration; zero for a one-shot. */
    Duration samplePeriod() {
        return samplePeriod;
    }

    /** The first sample time at or after {@code t}, or null when none is left (a one-shot takes none ahead). */
    Instant sampleAtOrAfter(Instant t) {
        if (oneShot()) {
            return null;
        }
        Instant at = onGrid(t, samplePeriod, 0, true);
        return end != null && !at.isBefore(end) ? null : at;
    }

    /**
     * The first time to send after {@code previous} (the last report sent, null before the first), or null when no
     * report is left.
     */
    Instant sendAfter(Instant previous) {
        if (history) {
            return previous == null ? end : null;
        }
        if (oneShot()) {
            return previous == null ? start : null;
        }
        if (end != null && previous != null && !previous.isBefore(end)) {
            return null;
        }
        Instant from = previous == null || previous.isBefore(start) ? start : previous;
        Instant at = onGrid(from, reportBack, 1, false);
        return end != null && at.isAfter(end) ? end : at;
    }

    /** Whether the report sent at {@code sentAt} was the last one. */
    boolean lastAt(Instant sentAt) {
        return oneShot() || end != null && !sentAt.isBefore(end);
    }

    /**
     * The grid point {@code start + k × period} (k at least {@code minK}) at or after {@code t} when
     * {@code inclusive}, else strictly after it.
     */
    private Instant onGrid(Instant t, Duration period, long minK, boolean inclusive) {
        long periodMillis = period.toMillis();
        long elapsed = Duration.between(start, t).toMillis();
        long k;
        if (elapsed < 0) {
            k = 0;
        } else {
            k = elapsed / periodMillis;
            long remainder = elapsed % periodMillis;
            if (remainder != 0 || !inclusive) {
                k++;
            }
        }
        return start.plusMillis(Math.max(k, minK) * periodMillis);
    }
}
