package io.gridflex.gateway.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.gridflex.gateway.program.ProgramConfig;

/**
 * What the gateway knows right now about a program's standing with its VTN: the current registration (none while
 * registering), the effective poll interval and when it last polled. Written by the program's poll loop, read by
 * readiness and the API.
 */
public class RegistrationState {

    private final ProgramConfig.Poll pollConfig;
    private volatile Registration registration;
    private volatile Instant lastPollAt;
    private volatile String lastProblem;
    /** Set while the registration is ended at our own request: nothing is registered until released. */
    private volatile boolean held;
    private final Object release = new Object();

    public RegistrationState(ProgramConfig.Poll pollConfig) {
        this.pollConfig = pollConfig;
    }

    public Optional<Registration> current() {
        return Optional.ofNullable(registration);
    }

    public void registered(Registration registration) {
        this.registration = registration;
        this.lastProblem = null;
    }

    /** The VTN no longer knows us (cancelled, or lost our registration): readiness goes down until re-registered. */
    public void forget(String why) {
        this.registration = null;
        this.lastProblem = why;
    }

    /** Our registration is ended at an operator's request: no registration until {@link #release()}. */
    public void hold(String why) {
        this.held = true;
        forget(why);
    }

    /** The operator asks for a registration again. */
    public void release() {
        synchronized (release) {
            held = false;
            release.notifyAll();
        }
    }

    public boolean held() {
        return held;
    }

    /** Waits while held, at most {@code atMost}. */
    public void awaitRelease(Duration atMost) throws InterruptedException {
        synchronized (release) {
            if (held) {
                release.wait(Math.max(1, atMost.toMillis()));
            }
        }
    }

    public void polled(Instant at) {
        this.lastPollAt = at;
    }

    public void problem(String problem) {
        this.lastProblem = problem;
    }

    public Optional<Instant> lastPollAt() {
        return Optional.ofNullable(lastPollAt);
    }

    public Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** The configured override, else what the VTN asked for, else the fallback; never below the minimum. */
    public Duration pollInterval() {
        Registration current = registration;
        Duration interval = pollConfig.interval()
                .or(() -> current == null ? Optional.empty() : current.pollFrequency())
                .orElse(pollConfig.fallbackInterval());
        return interval.compareTo(pollConfig.minimumInterval()) < 0 ? pollConfig.minimumInterval() : interval;
    }
}
