package io.gridflex.gateway.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.openadr.model.oadr.OadrCancelReportType;

/**
 * One program's report scheduler, on a virtual thread of its own: samples every running request at its granularity
 * and sends its reports at its reportBackDuration through the program's VTN client, so reporting never waits on the
 * poll loop, nor the poll loop on reporting (the client carries one exchange at a time: a poll waits for at most one
 * report exchange). Requests are handed over by {@link #admit} once the VTN has been told they are pending.
 */
final class ReportScheduler {

    private static final Logger LOG = Logger.getLogger(ReportScheduler.class);
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final int MAX_ATTEMPTS = 3;

    private final String program;
    private final RegistrationState state;
    private final ReportStore store;
    private final Sampler sampler;
    private final ReportSender sender;
    private final Consumer<OadrCancelReportType> piggyBackedCancel;
    private final int maxSamples;
    private final Duration retryInterval;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, RunningReport> running = new LinkedHashMap<>();
    private volatile boolean stopped;
    /** Set when requests changed since the scheduler last looked; guarded by {@link #lock}. */
    private boolean dirty;
    private Thread thread;

    ReportScheduler(String program, RegistrationState state, ReportStore store, Sampler sampler, ReportSender sender,
            Consumer<OadrCancelReportType> piggyBackedCancel, int maxSamples, Duration retryInterval, Clock clock) {
        this.program = program;
        this.state = state;
        this.store = store;
        this.sampler = sampler;
        this.sender = sender;
        this.piggyBackedCancel = piggyBackedCancel;
        this.maxSamples = maxSamples;
        this.retryInterval = retryInterval;
        this.clock = clock;
    }

    void start() {
        thread = Thread.ofVirtual().name("vtn-reports-" + program).start(this::run);
    }

    void stop() throws InterruptedException {
        stopped = true;
        signal();
        if (thread != null && !thread.join(Duration.ofSeconds(2))) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10));
        }
    }

    /** Carries out these requests from now on (replacing any of the same reportRequestID). */
    void admit(List<RequestedReport> requests) {
        Instant now = clock.instant();
        withLock(() -> requests.forEach(r -> running.put(r.reportRequestId(), new RunningReport(r, maxSamples, now))));
        signal();
    }

    /** Runs exactly these requests (after a restart or a new registration). */
    void replaceAll(List<RequestedReport> requests) {
        withLock(running::clear);
        admit(requests);
    }

    /** Cancelled: with a report to follow it goes out at once, else nothing more is sent. */
    void cancelled(List<RequestedReport> cancelled) {
        Instant now = clock.instant();
        withLock(() -> cancelled.forEach(r -> {
            RunningReport report = running.get(r.reportRequestId());
            if (r.status() == RequestedReport.Status.FINAL_REPORT && report != null) {
                report.finalReport(r, now);
            } else {
                running.remove(r.reportRequestId());
            }
        }));
        signal();
    }

    /** The reportRequestIDs being carried out, for the API and tests. */
    List<String> runningIds() {
        lock.lock();
        try {
            return List.copyOf(running.keySet());
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!stopped) {
            Instant wakeAt;
            try {
                wakeAt = step();
            } catch (RuntimeException e) {
                LOG.warnf(e, "program %s: report scheduler step failed; going on", program);
                wakeAt = clock.instant().plus(retryInterval);
            }
            await(wakeAt);
        }
    }

    /** Samples and sends what is due; returns when something is next due. */
    private Instant step() {
        Instant now = clock.instant();
        Registration registration = state.current().orElse(null);
        List<RunningReport> due = new ArrayList<>();
        Instant next = now.plus(IDLE);
        lock.lock();
        try {
            for (RunningReport report : running.values()) {
                if (registration != null && belongsTo(report.request(), registration) && report.sendDue(now)) {
                    due.add(report);
                }
            }
        } finally {
            lock.unlock();
        }
        // Sends first: a report covers the samples taken before it; the sample taken at the same instant opens the
        // next report.
        for (RunningReport report : due) {
            send(report, registration, now);
        }
        lock.lock();
        try {
            for (RunningReport report : running.values()) {
                if (report.sampleDue(now)) {
                    report.add(sampler.sample(report.request(), report.sampleTime()), now);
                }
                Instant due2 = report.nextDue();
                if (due2 != null && due2.isBefore(next)) {
                    next = due2;
                }
            }
        } finally {
            lock.unlock();
        }
        return next;
    }

    private void send(RunningReport report, Registration registration, Instant now) {
        ReportSender.Outcome outcome;
        if (report.request().kind() == ReportKind.HISTORY) {
            outcome = sender.sendHistory(report.request(), registration, now);
        } else {
            List<Sample> samples = report.samples();
            if (samples.isEmpty()) {
                samples = List.of(sampler.sample(report.request(), now));
            }
            Duration period = report.timing().oneShot() ? Duration.ZERO : report.timing().samplePeriod();
            outcome = sender.send(report.request(), samples, period, registration, now);
        }
        boolean last = report.lastReport(now);
        if (outcome.delivery() == ReportSender.Delivery.UNREACHABLE) {
            if (!last) {
                // Samples are kept for the next report, at its usual time.
                lock.lock();
                try {
                    report.failed(report.timing().sendAfter(now));
                } finally {
                    lock.unlock();
                }
                return;
            }
            int attempts;
            lock.lock();
            try {
                attempts = report.failed(now.plus(retryInterval));
            } finally {
                lock.unlock();
            }
            if (attempts < MAX_ATTEMPTS) {
                return;
            }
            LOG.warnf("program %s: last report of %s not delivered after %d attempts; given up", program,
                    report.request().reportRequestId(), attempts);
        }
        RequestedReport updated = report.request().reportedAt(now);
        if (last) {
            updated = updated.withStatus(updated.status() == RequestedReport.Status.FINAL_REPORT
                    ? RequestedReport.Status.CANCELLED
                    : RequestedReport.Status.COMPLETED);
        }
        store.save(updated, now);
        RequestedReport done = updated;
        withLock(() -> {
            if (done.status().pending()) {
                report.sent(now, done);
            } else if (running.get(done.reportRequestId()) == report) {
                running.remove(done.reportRequestId());
            }
        });
        outcome.cancel().ifPresent(piggyBackedCancel);
    }

    private static boolean belongsTo(RequestedReport request, Registration registration) {
        return request.venId().equals(registration.venId())
                && request.registrationId().equals(registration.registrationId());
    }

    private void await(Instant wakeAt) {
        long millis = Math.max(1, Duration.between(clock.instant(), wakeAt).toMillis());
        lock.lock();
        try {
            if (!stopped && !dirty) {
                changed.await(millis, TimeUnit.MILLISECONDS);
            }
            dirty = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        withLock(() -> {
            dirty = true;
            changed.signalAll();
        });
    }

    private void withLock(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
