package io.gridflex.gateway.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A request the scheduler is carrying out: the request, its timing, the samples taken since its last report and when
 * it next samples and sends. Used by the scheduler's thread only.
 */
final class RunningReport {

    private RequestedReport request;
    private final ReportTiming timing;
    private final List<Sample> samples = new ArrayList<>();
    private final int maxSamples;
    private Instant nextSample;
    private Instant nextSend;
    private int failedAttempts;

    RunningReport(RequestedReport request, int maxSamples, Instant now) {
        this.request = request;
        this.timing = new ReportTiming(request);
        this.maxSamples = Math.max(1, maxSamples);
        this.nextSample = timing.sampleAtOrAfter(now);
        this.nextSend = request.status() == RequestedReport.Status.FINAL_REPORT
                ? now
                : timing.sendAfter(request.lastReportAt());
    }

    RequestedReport request() {
        return request;
    }

    ReportTiming timing() {
        return timing;
    }

    /** The next time something is due, or null when nothing is. */
    Instant nextDue() {
        if (nextSample == null) {
            return nextSend;
        }
        return nextSend == null || nextSample.isBefore(nextSend) ? nextSample : nextSend;
    }

    boolean sendDue(Instant now) {
        return nextSend != null && !nextSend.isAfter(now);
    }

    boolean sampleDue(Instant now) {
        return nextSample != null && !nextSample.isAfter(now);
    }

    Instant sampleTime() {
        return nextSample;
    }

    /** Keeps a sample; the oldest go when more were taken than one report may carry. */
    void add(Sample sample, Instant now) {
        samples.add(sample);
        while (samples.size() > maxSamples) {
            samples.removeFirst();
        }
        nextSample = timing.sampleAtOrAfter(now.plusMillis(1));
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The report went out (or was refused for good): its samples are done with. */
    void sent(Instant at, RequestedReport updated) {
        samples.clear();
        failedAttempts = 0;
        request = updated;
        nextSend = timing.sendAfter(at);
    }

    /** Cancelled with a report to follow: send it at once. */
    void finalReport(RequestedReport updated, Instant now) {
        request = updated;
        nextSend = now;
        nextSample = null;
    }

    /** Not delivered: try again at {@code retryAt}; returns the attempts failed so far. */
    int failed(Instant retryAt) {
        nextSend = retryAt;
        return ++failedAttempts;
    }

    /** Whether this is its last report: a one-shot, the one at the end of its interval, or a final one. */
    boolean lastReport(Instant sendTime) {
        return request.status() == RequestedReport.Status.FINAL_REPORT || timing.lastAt(sendTime);
    }
}
