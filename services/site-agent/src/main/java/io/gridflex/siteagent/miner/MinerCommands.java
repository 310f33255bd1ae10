package io.gridflex.siteagent.miner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;

/**
 * Sends sleep, wake and power-target commands to many miners at once, one virtual thread each, retrying a miner that
 * does not answer; readings make way for them ({@link MinerTraffic}). A
 * miner that still fails is reported and left out of new plans for a cool-down, so one dead miner neither blocks
 * the others nor gets picked again and again.
 */
@ApplicationScoped
public class MinerCommands {

    private static final Logger LOG = Logger.getLogger(MinerCommands.class);

    private final MinerDrivers drivers;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final int retries;
    private final Duration retryDelay;
    private final Duration cooldown;
    private final Map<MinerEndpoint, Instant> coolingUntil = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("miner-command-", 0).factory());

    public MinerCommands(MinerDrivers drivers, AgentMetrics metrics, Clock clock, SiteConfig config) {
        this.drivers = drivers;
        this.metrics = metrics;
        this.clock = clock;
        this.retries = Math.max(0, config.miner().retries());
        this.retryDelay = config.miner().retryDelay();
        this.cooldown = config.miner().failureCooldown();
    }

    /**
     * Sends {@code action} to one miner through its firmware's driver, on a thread of its own, retrying as configured.
     * Returns at once.
     *
     * @return completes with empty on success, or why it failed after every attempt; never exceptionally
     */
    public CompletableFuture<Optional<String>> submit(MinerEndpoint miner, MinerAction action) {
        CompletableFuture<Optional<String>> outcome = new CompletableFuture<>();
        MinerTraffic traffic = drivers.traffic();
        traffic.commandStarted();
        try {
            senders.execute(() -> {
                try {
                    outcome.complete(commandOne(miner, action));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcome.complete(Optional.of("interrupted"));
                } catch (RuntimeException e) {
                    outcome.complete(Optional.of(String.valueOf(e)));
                } finally {
                    traffic.commandEnded();
                }
            });
        } catch (RejectedExecutionException e) {
            traffic.commandEnded();
            outcome.complete(Optional.of("the agent is stopping"));
        }
        return outcome;
    }

    /** What the miner's driver can do with it, as far as it knows now. */
    public Capabilities capabilities(MinerEndpoint miner) {
        return drivers.driver(miner).capabilities(miner);
    }

    /** Gets a miner ready to be commanded soon (its session or token), on a thread of its own; returns at once. */
    public void prepare(MinerEndpoint miner) {
        try {
            senders.execute(() -> drivers.driver(miner).prepare(miner));
        } catch (RejectedExecutionException e) {
            // Stopping: nothing to prepare for.
        }
    }

    /**
     * Commands for a shed are due at {@code at}: readings make way for them from shortly before (see
     * {@link MinerTraffic}).
     */
    public void expectAt(Instant at) {
        long inNanos = Duration.between(clock.instant(), at).toNanos();
        drivers.traffic().expectCommands(System.nanoTime() + inNanos);
    }

    /**
     * Leaves a miner out of plans for the cool-down although its last command succeeded: it said yes and did not do
     * it (still drawing after a sleep it accepted).
     */
    public void distrust(MinerEndpoint miner) {
        coolingUntil.put(miner, clock.instant().plus(cooldown));
    }

    /** Whether a miner failed a command recently enough to be left out of plans. */
    public boolean coolingDown(MinerEndpoint miner) {
        Instant until = coolingUntil.get(miner);
        return until != null && clock.instant().isBefore(until);
    }

    private Optional<String> commandOne(MinerEndpoint miner, MinerAction action) throws InterruptedException {
        String error = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                Thread.sleep(retryDelay);
            }
            try {
                action.apply(drivers.driver(miner), miner);
                coolingUntil.remove(miner);
                return Optional.empty();
            } catch (MinerException e) {
                error = e.getMessage();
                LOG.debugf("%s %s attempt %d failed: %s", action, miner, attempt + 1, error);
            }
        }
        LOG.warnf("miner %s did not %s after %d attempts: %s", miner, action, retries + 1, error);
        metrics.minerFailure(miner.toString(), action.verb());
        coolingUntil.put(miner, clock.instant().plus(cooldown));
        return Optional.of(error);
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }
}
