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
