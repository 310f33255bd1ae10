package io.gridflex.siteagent.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.messages.CommandAck;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.command.ActiveCommand;
import io.gridflex.siteagent.command.CommandBook;
import io.gridflex.siteagent.command.HeldMiner;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerCommands;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerStatus;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes the site do what its active command asks, on the agent's own schedule: a command keeps being executed, and
 * ends, whether or not Kafka is reachable. Each step compares the command with the site: inside a SHED window it
 * stops miners until the held reduction covers the target (all chosen miners at once), outside it (ended, cancelled,
 * superseded, or not started) it wakes the held miners in stages under the import limit, and reports each milestone.
 * One thread runs the steps, so they never overlap.
 */
@ApplicationScoped
public class SiteController {

    private static final Logger LOG = Logger.getLogger(SiteController.class);
    private static final double EPSILON_W = 0.5;
    private static final Duration CONFIRM_POLL = Duration.ofMillis(200);
    /** A woken miner counts as back once it hashes at this share of its former draw. */
    private static final double BACK_AT = 0.9;

    private final SiteConfig config;
    private final Clock clock;
    private final CommandBook book;
    private final FleetView fleet;
    private final MinerCommands commands;
    private final AgentMetrics metrics;
    private final double sleepW;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("site-control").daemon().factory());

    private Instant nextStageAt = Instant.MIN;
    private boolean restoreBlockedLogged;
    private final Set<String> shedIssues = new LinkedHashSet<>();
    private final Set<String> restoreIssues = new LinkedHashSet<>();
    private final Map<String, Instant> wakeFailingSince = new HashMap<>();
    private final Map<String, Instant> lastReassert = new HashMap<>();

    public SiteController(SiteConfig config, Clock clock, CommandBook book, FleetView fleet, MinerCommands commands,
            AgentMetrics metrics) {
        this.config = config;
        this.clock = clock;
        this.book = book;
        this.fleet = fleet;
        this.commands = commands;
        this.metrics = metrics;
        this.sleepW = config.miner().sleepW();
    }

    void start(@Observes StartupEvent event) {
        long period = config.controlInterval().toMillis();
        loop.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        loop.shutdownNow();
    }

    private void tick() {
        try {
            step(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("control step failed; retrying at the next step", e);
        }
    }

    void step(Instant now) {
        CommandBook.View view = book.view();
        Optional<ActiveCommand> active = view.active();
        if (active.isPresent() && active.get().isShedding(now)) {
            hold(active.get(), view, now);
        } else {
            restore(active, view, now);
        }
    }

    // --- shedding -----------------------------------------------------------------------------------------------

    private void hold(ActiveCommand active, CommandBook.View view, Instant now) {
        double targetW = active.command().shedKw() * 1000.0;
        if (active.phase() == ActiveCommand.Phase.PENDING) {
            shedIssues.clear();
        }
        reassertSleep(view, now);
        List<HeldMiner> asleep = view.held().stream().filter(HeldMiner::isAsleep).toList();
        if (reductionW(asleep) + EPSILON_W < targetW) {
            shedMore(targetW);
        } else {
            List<ShedPlanner.Candidate> heldCandidates = asleep.stream()
                    .map(h -> new ShedPlanner.Candidate(h.endpoint(), h.runningW() - sleepW, true)).toList();
            Set<String> keep = ShedPlanner.plan(heldCandidates, targetW).stream().map(ShedPlanner.Candidate::endpoint)
                    .collect(Collectors.toSet());
            List<HeldMiner> surplus = asleep.stream().filter(h -> !keep.contains(h.endpoint())).toList();
            if (!surplus.isEmpty()) {
                restoreStage(surplus, now);
            }
        }
        confirmWoken(book.view().held(), now);
        if (active.phase() == ActiveCommand.Phase.PENDING) {
            acknowledgeShed(active, targetW);
        }
    }

    /** Stops more miners until the held reduction covers {@code targetW}; a second round replaces failed miners. */
    private void shedMore(double targetW) {
        for (int round = 0; round < 2; round++) {
            List<HeldMiner> held = book.view().held();
            double neededW = targetW - reductionW(held.stream().filter(HeldMiner::isAsleep).toList());
            if (neededW <= EPSILON_W) {
                return;
            }
            Set<String> heldEndpoints = held.stream().map(HeldMiner::endpoint).collect(Collectors.toSet());
            List<ShedPlanner.Candidate> candidates = new ArrayList<>();
            Map<String, MinerStatus> byEndpoint = new HashMap<>();
            for (MinerStatus miner : fleet.snapshot()) {
                String endpoint = miner.endpoint().toString();
                if (miner.hashing() && !heldEndpoints.contains(endpoint) && !commands.coolingDown(miner.endpoint())) {
                    candidates.add(new ShedPlanner.Candidate(endpoint, miner.powerW() - sleepW, false));
                    byEndpoint.put(endpoint, miner);
                }
            }
            List<ShedPlanner.Candidate> chosen = ShedPlanner.plan(candidates, neededW);
            if (chosen.isEmpty()) {
                return;
            }
            List<MinerEndpoint> endpoints = chosen.stream().map(c -> byEndpoint.get(c.endpoint()).endpoint())
                    .toList();
            LOG.infof("stopping %d miners to remove %.1f kW: %s", endpoints.size(), neededW / 1000, endpoints);
            Instant sentAt = clock.instant();
            List<MinerEndpoint> stopped = new ArrayList<>();
            commands.curtail(endpoints, "sleep").forEach((miner, failure) -> {
                if (failure.isPresent()) {
                    shedIssues.add(miner + " did not stop: " + failure.get());
                } else {
                    book.hold(new HeldMiner(miner.toString(), byEndpoint.get(miner.toString()).powerW(), sentAt,
                            null));
                    stopped.add(miner);
                }
            });
            awaitPowerDown(stopped);
        }
    }

    /** Waits, within the confirmation timeout, until every stopped miner reports its sleep draw. */
    private void awaitPowerDown(List<MinerEndpoint> stopped) {
        if (stopped.isEmpty()) {
            return;
        }
        Instant deadline = clock.instant().plus(config.shed().confirmTimeout());
        List<MinerEndpoint> pending = new ArrayList<>(stopped);
        while (true) {
            fleet.read(pending).forEach((miner, status) -> {
                if (status.reachable() && !status.hashing() && status.powerW() <= poweredDownW(miner)) {
                    pending.remove(miner);
                }
            });
            if (pending.isEmpty() || !clock.instant().isBefore(deadline)) {
                break;
            }
            sleep(CONFIRM_POLL);
        }
        for (MinerEndpoint miner : pending) {
            shedIssues.add(miner + " still drew " + Math.round(fleet.status(miner).powerW()) + " W after "
                    + config.shed().confirmTimeout().toSeconds() + " s");
        }
    }

    private double poweredDownW(MinerEndpoint miner) {
        double running = book.view().held().stream().filter(h -> h.endpoint().equals(miner.toString()))
                .mapToDouble(HeldMiner::runningW).findFirst().orElse(0);
        return Math.max(3 * sleepW, 0.05 * running);
    }

    private void acknowledgeShed(ActiveCommand active, double targetW) {
        Instant now = clock.instant();
        List<HeldMiner> asleep = book.view().held().stream().filter(HeldMiner::isAsleep).toList();
        double removedW = 0;
        for (HeldMiner h : asleep) {
            MinerStatus status = fleet.status(MinerEndpoint.parse(h.endpoint()));
            removedW += Math.max(0, h.runningW() - (status == null ? sleepW : status.powerW()));
        }
        Instant from = latest(active.command().start(), active.acceptedAt());
        Duration latency = Duration.between(from, now);
        metrics.shedLatency(latency);
        StringBuilder reason = new StringBuilder()
                .append(asleep.size()).append(" miners stopped, latency ").append(latency.toMillis()).append(" ms");
        if (removedW + EPSILON_W < targetW) {
            reason.append("; short of the target: %.1f of %.1f kW".formatted(removedW / 1000, targetW / 1000));
        }
        shedIssues.forEach(issue -> reason.append("; ").append(issue));
        book.advance(active.commandId(), ActiveCommand.Phase.SHED, CommandAck.Status.SHED, removedW / 1000,
                truncate(reason.toString()));
    }

    /** A held miner that hashes again (woken by hand, or rebooted) is put back to sleep while the command lasts. */
    private void reassertSleep(CommandBook.View view, Instant now) {
        for (HeldMiner h : view.held()) {
            if (!h.isAsleep()) {
                continue;
            }
            MinerEndpoint endpoint = MinerEndpoint.parse(h.endpoint());
            MinerStatus status = fleet.status(endpoint);
            boolean settled = h.heldSince().plus(config.shed().confirmTimeout()).isBefore(now);
            Instant last = lastReassert.get(h.endpoint());
            boolean due = last == null || last.plus(config.miner().failureCooldown()).isBefore(now);
            if (status != null && status.hashing() && settled && due
                    && status.last().at().isAfter(h.heldSince().plus(config.shed().confirmTimeout()))) {
                LOG.warnf("held miner %s is hashing again; stopping it again", endpoint);
                lastReassert.put(h.endpoint(), now);
                commands.curtail(List.of(endpoint), "sleep");
            }
        }
    }

    // --- restoring ----------------------------------------------------------------------------------------------

    private void restore(Optional<ActiveCommand> active, CommandBook.View view, Instant now) {
        boolean over = active.isPresent() && active.get().isOver(now);
        if (over && active.get().phase() != ActiveCommand.Phase.RESTORING && !view.held().isEmpty()) {
            restoreIssues.clear();
            nextStageAt = Instant.MIN;
            book.advance(active.get().commandId(), ActiveCommand.Phase.RESTORING, CommandAck.Status.RESTORING,
                    book.heldReductionKw(), null);
        }
        List<HeldMiner> asleep = view.held().stream().filter(HeldMiner::isAsleep).toList();
        if (!asleep.isEmpty()) {
            restoreStage(asleep, now);
        }
        confirmWoken(book.view().held(), now);
        if (over && book.view().held().isEmpty()) {
            String reason = restoreIssues.isEmpty() ? null : truncate(String.join("; ", restoreIssues));
            if (book.finish(active.get().commandId(), reason)) {
                restoreIssues.clear();
            }
        }
    }

    /** Wakes the next stage of {@code queue}, if a stage is due and the import limit leaves room. */
    private void restoreStage(List<HeldMiner> queue, Instant now) {
        if (now.isBefore(nextStageAt)) {
            return;
        }
        nextStageAt = now.plus(config.restore().stageInterval());
        List<MinerStatus> miners = fleet.snapshot();
        List<HeldMiner> held = book.view().held();
        double projectedW = SiteProjection.steadyW(miners, held, sleepW);
        Map<String, MinerStatus> byEndpoint = miners.stream()
                .collect(Collectors.toMap(m -> m.endpoint().toString(), m -> m));
        List<RestorePlanner.Releasable> releasable = queue.stream().map(h -> {
            MinerStatus status = byEndpoint.get(h.endpoint());
            double full = Math.max(h.runningW(), status == null ? 0 : status.peakRunningW());
            double current = status == null || status.last() == null ? sleepW : status.powerW();
            return new RestorePlanner.Releasable(h.endpoint(), full - current);
        }).toList();
        List<RestorePlanner.Releasable> stage = RestorePlanner.nextStage(releasable, projectedW,
                config.restore().stageKw() * 1000, config.maxImportKw() * 1000);
        if (stage.isEmpty()) {
            metrics.restoreBlocked();
            if (!restoreBlockedLogged) {
                LOG.warnf("restore held back: %d miners wait, the site projects %.1f kW of its %.1f kW import limit",
                        queue.size(), projectedW / 1000, config.maxImportKw());
                restoreBlockedLogged = true;
            }
            return;
        }
        restoreBlockedLogged = false;
        List<MinerEndpoint> endpoints = stage.stream().map(r -> MinerEndpoint.parse(r.endpoint())).toList();
        LOG.infof("restore stage: waking %d miners (+%.1f kW, projected %.1f kW of %.1f kW): %s", endpoints.size(),
                stage.stream().mapToDouble(RestorePlanner.Releasable::incrementW).sum() / 1000, projectedW / 1000,
                config.maxImportKw(), endpoints);
        commands.curtail(endpoints, "wakeup").forEach((miner, failure) -> {
            String endpoint = miner.toString();
            if (failure.isEmpty()) {
                wakeFailingSince.remove(endpoint);
                book.markWoken(endpoint, now);
                return;
            }
            Instant since = wakeFailingSince.computeIfAbsent(endpoint, e -> now);
            if (!now.isBefore(since.plus(config.restore().confirmTimeout()))) {
                // Give up on it so the command can end; it is reported, and its own operator must look at it.
                wakeFailingSince.remove(endpoint);
                restoreIssues.add(endpoint + " could not be woken: " + failure.get());
                book.release(endpoint);
            }
        });
    }

    /** Releases woken miners once they run again, or once they had their time and are reported as not back. */
    private void confirmWoken(List<HeldMiner> held, Instant now) {
        for (HeldMiner h : held) {
            if (h.isAsleep()) {
                continue;
            }
            MinerStatus status = fleet.status(MinerEndpoint.parse(h.endpoint()));
            boolean back = status != null && status.hashing() && status.last().at().isAfter(h.wokenAt())
                    && status.powerW() >= BACK_AT * h.runningW();
            if (back) {
                book.release(h.endpoint());
            } else if (!now.isBefore(h.wokenAt().plus(config.restore().confirmTimeout()))) {
                restoreIssues.add(h.endpoint() + " not back at full power within "
                        + config.restore().confirmTimeout().toSeconds() + " s");
                book.release(h.endpoint());
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private double reductionW(List<HeldMiner> asleep) {
        return asleep.stream().mapToDouble(h -> Math.max(0, h.runningW() - sleepW)).sum();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String truncate(String reason) {
        return reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
