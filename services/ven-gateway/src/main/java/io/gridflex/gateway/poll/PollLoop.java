package io.gridflex.gateway.poll;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationKeeper;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.report.ProgramReports;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.openadr.OadrMessages;

/**
 * A program's conversation with its VTN, on a virtual thread of its own so a slow or broken VTN holds up no other
 * program: register (with backoff while the VTN is unreachable or refuses), register the VEN's report metadata and
 * take the VTN's report requests, ask once for the current events, then poll at the interval in force. Losing the
 * registration sends it back to the start. Reports are sent by the program's report scheduler, beside this loop.
 */
public class PollLoop {

    private static final Logger LOG = Logger.getLogger(PollLoop.class);
    /** Polls in a row without waiting, each after a reply that carried a message. */
    static final int MAX_IMMEDIATE_POLLS = 10;

    private final String program;
    private final RegistrationKeeper registrations;
    private final RegistrationState state;
    private final VtnClient client;
    private final VtnMessageHandler messages;
    private final ProgramReports reports;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Registration retry;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    public PollLoop(String program, RegistrationKeeper registrations, RegistrationState state, VtnClient client,
            VtnMessageHandler messages, ProgramReports reports, GatewayMetrics metrics,
            GatewayConfig.Registration retry, Clock clock) {
        this.program = program;
        this.registrations = registrations;
        this.state = state;
        this.client = client;
        this.messages = messages;
        this.reports = reports;
        this.metrics = metrics;
        this.retry = retry;
        this.clock = clock;
    }

    public void start() {
        thread = Thread.ofVirtual().name("vtn-poll-" + program).start(this::run);
    }

    /**
     * Stops the loop: at once between exchanges, after the exchange in progress when it ends within a grace period,
     * else by interrupting it (a VTN that never answers would otherwise hold the shutdown for a whole request
     * timeout).
     */
    public void stop() throws InterruptedException {
        stopped.countDown();
        if (thread != null && !thread.join(Duration.ofSeconds(2))) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10));
        }
    }

    private void run() {
        Backoff backoff = new Backoff(retry.retryInitial(), retry.retryMax());
        boolean requestEvents = true;
        boolean registerReports = true;
        boolean failing = false;
        int immediate = 0;
        while (stopped.getCount() > 0) {
            Duration wait;
            try {
                if (state.held()) {
                    // Deregistered at an operator's request: neither register nor poll until asked again.
                    awaitRelease();
                    continue;
                }
                Registration registration = state.current().orElse(null);
                if (registration == null) {
                    registration = registrations.obtain();
                    requestEvents = true;
                    registerReports = true;
                }
                if (registerReports) {
                    // The bootstrap order of OpenADR 2.0b: registration, the VEN's report metadata, then events.
                    reports.bootstrap(registration);
                    registerReports = false;
                }
                if (requestEvents) {
                    // Events that were announced while we were away are not repeated by a poll: ask for them.
                    VtnOutcome current = messages.handle(client.send(VtnService.EVENT, OadrMessages
                            .requestEvent(UUID.randomUUID().toString(), registration.venId(), null)), registration);
                    LOG.infof("program %s: current events: %s", program, current.detail());
                    requestEvents = false;
                }
                VtnOutcome outcome = messages.handle(
                        client.send(VtnService.POLL, OadrMessages.poll(registration.venId())), registration);
                state.polled(clock.instant());
                metrics.poll(program, outcome.metricTag());
                requestEvents = outcome.kind() == VtnOutcome.Kind.REREGISTERED;
                registerReports = requestEvents;
                if (failing) {
                    LOG.infof("program %s: VTN exchanges work again", program);
                    failing = false;
                }
                backoff.reset();
                state.problem(null);
                // A poll that brought a message may have left more queued: poll again at once until the VTN has
                // nothing, but never more than MAX_IMMEDIATE_POLLS in a row (a VTN repeating itself would spin us).
                boolean again = switch (outcome.kind()) {
                    case EVENTS, REPORT_ANSWERED, REREGISTERED -> immediate < MAX_IMMEDIATE_POLLS;
                    case NOTHING_NEW, REGISTRATION_LOST, IGNORED, REFUSED -> false;
                };
                immediate = again ? immediate + 1 : 0;
                wait = outcome.kind() == VtnOutcome.Kind.REGISTRATION_LOST || again
                        ? Duration.ZERO
                        : state.pollInterval();
            } catch (RuntimeException e) {
                metrics.poll(program, "failed");
                state.problem(e.getMessage());
                wait = backoff.next();
                // Once per outage at WARN: a VTN down for an hour would otherwise fill the log.
                if (!failing) {
                    LOG.warnf("program %s: VTN exchange failed, retrying with backoff: %s", program, e.getMessage());
                    failing = true;
                } else {
                    LOG.debugf("program %s: VTN exchange failed again, next try in %s: %s", program, wait,
                            e.getMessage());
                }
            }
            pause(wait);
        }
    }

    private void awaitRelease() {
        try {
            state.awaitRelease(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }

    private void pause(Duration wait) {
        try {
            stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }
}
