package io.gridflex.gateway.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.poll.Backoff;
import io.gridflex.gateway.poll.VtnMessageHandler;
import io.gridflex.gateway.poll.VtnOutcome;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationKeeper;
import io.gridflex.gateway.registration.RegistrationRefusedException;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.report.ProgramReports;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.openadr.OadrMessages;

/**
 * A push program's own requests to its VTN, on a virtual thread of its own, in place of a poll loop: register (with
 * backoff while the VTN is unreachable or refuses) with oadrHttpPullModel=false and the program's transport address,
 * register the VEN's report metadata, ask once for the current events, and then wait: the VTN pushes what is new.
 * When the VTN asks us to register again or cancels the registration (both pushed), the session starts over.
 * <p>
 * A registration stored by an earlier run is renewed with its IDs at start (oadrCreatePartyRegistration with our
 * venID and registrationID), so the VTN learns the transport address this run serves, which may have changed.
 */
public final class PushSession {

    private static final Logger LOG = Logger.getLogger(PushSession.class);
    private static final String WAKE = "wake";

    private final String program;
    private final RegistrationKeeper registrations;
    private final RegistrationState state;
    private final VtnClient client;
    private final VtnMessageHandler messages;
    private final ProgramReports reports;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Registration retry;
    private final Clock clock;
    private final LinkedBlockingQueue<String> signals = new LinkedBlockingQueue<>();
    private volatile boolean stopped;
    private volatile boolean bootstrapped;
    private Thread thread;

    public PushSession(String program, RegistrationKeeper registrations, RegistrationState state, VtnClient client,
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
        thread = Thread.ofVirtual().name("vtn-push-session-" + program).start(this::run);
    }

    public void stop() throws InterruptedException {
        stopped = true;
        signals.add(WAKE);
        if (thread != null && !thread.join(Duration.ofSeconds(2))) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10));
        }
    }

    /** The VTN had us register again (pushed oadrRequestReregistration): metadata and events are asked for anew. */
    void reregistered() {
        bootstrapped = false;
        signals.add(WAKE);
    }

    /** An operator asked for a registration again after ending it: register afresh. */
    public void registrationAskedFor() {
        lost();
    }

    /** The registration was cancelled or lost: register afresh. */
    void lost() {
        bootstrapped = false;
        signals.add(WAKE);
    }

    private void run() {
        Instant startedAt = clock.instant();
        Backoff backoff = new Backoff(retry.retryInitial(), retry.retryMax());
        boolean failing = false;
        while (!stopped) {
            Duration wait;
            try {
                if (state.held()) {
                    // Deregistered at an operator's request: nothing until asked again (which signals).
                    bootstrapped = false;
                    await(null);
                    continue;
                }
                Registration registration = state.current().orElse(null);
                if (registration == null) {
                    registration = obtain(startedAt);
                    bootstrapped = false;
                }
                if (!bootstrapped) {
                    bootstrapped = true;
                    reports.bootstrap(registration);
                    VtnOutcome current = messages.handle(client.send(VtnService.EVENT, OadrMessages
                            .requestEvent(UUID.randomUUID().toString(), registration.venId(), null)), registration);
                    LOG.infof("program %s: registered for push; current events: %s", program, current.detail());
                }
                if (failing) {
                    LOG.infof("program %s: VTN exchanges work again", program);
                    failing = false;
                }
                backoff.reset();
                state.problem(null);
                wait = null;
            } catch (RuntimeException e) {
                bootstrapped = false;
                metrics.push(program, "session-failed");
                state.problem(e.getMessage());
                wait = backoff.next();
                if (!failing) {
                    LOG.warnf("program %s: VTN exchange failed, retrying with backoff: %s", program, e.getMessage());
                    failing = true;
                } else {
                    LOG.debugf("program %s: VTN exchange failed again, next try in %s: %s", program, wait,
                            e.getMessage());
                }
            }
            await(wait);
        }
    }

    private Registration obtain(Instant startedAt) {
        Registration registration = registrations.obtain();
        if (!registration.registeredAt().isBefore(startedAt)) {
            return registration;
        }
        try {
            return registrations.reregister(registration);
        } catch (RegistrationRefusedException e) {
            registrations.lost("renewing the stored registration for push was refused: " + e.getMessage());
            return registrations.obtain();
        }
    }

    /** Until signalled, or for {@code wait} (null: until signalled). */
    private void await(Duration wait) {
        try {
            if (wait == null) {
                signals.take();
            } else {
                signals.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
            signals.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
