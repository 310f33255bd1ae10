package io.gridflex.siteagent.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerAction;
import io.gridflex.siteagent.miner.MinerCommands;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerStatus;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.HoldRecord;
import io.gridflex.siteagent.schedule.ScheduleBook;

/**
 * Brings load back: wakes held miners in stages of at most {@code restore.stage-kw} every
 * {@code restore.stage-interval}, each stage only while the site's projected steady draw stays under the limit it is
 * given, and releases woken miners once they run again, or once they had their time and are reported as not back.
 * Never waits: wake commands run on their own threads and their outcomes are taken in at the next control step.
 * Remembers what went wrong since the current restore began, for the RESTORED ack. Used by the controller's thread
 * only (outcomes arrive through a queue).
 */
final class Restorer {

    /** A wake command's outcome: empty when the miner accepted it, else why not. */
    private record Outcome(MinerEndpoint miner, Optional<String> failure) {
    }

    private static final Logger LOG = Logger.getLogger(Restorer.class);
    /** A woken miner counts as back once it hashes at this share of its former draw. */
    private static final double BACK_AT = 0.9;

    private final SiteConfig config;
    private final ScheduleBook book;
    private final FleetView fleet;
    private final MinerCommands commands;
    private final AgentMetrics metrics;
    private final double sleepW;
    private final Set<String> issues = new LinkedHashSet<>();
    private final Map<String, Instant> wakeFailingSince = new HashMap<>();
    /** Wake commands out. */
    private final Set<String> waking = new HashSet<>();
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private Instant nextStageAt = Instant.MIN;
    private boolean blockedLogged;

    Restorer(SiteConfig config, ScheduleBook book, FleetView fleet, MinerCommands commands, AgentMetrics metrics) {
        this.config = config;
        this.book = book;
        this.fleet = fleet;
        this.commands = commands;
        this.metrics = metrics;
        this.sleepW = config.miner().sleepW();
    }

    /**
     * A restore begins: its first stage is due at once. Issues seen before belong to no reported restore unless one
     * is still open ({@code continuing}), whose RESTORED will carry them.
     */
    void begin(boolean continuing, Instant now, Instant segmentStart) {
        nextStageAt = now.plus(startDelay(segmentStart));
        if (!continuing) {
            issues.clear();
        }
    }

    /**
     * The site's own delay before a restore's first stage: up to {@code restore.start-jitter}, the same for a site and
     * a segment every time (a restart does not draw again), different from one site to the next, so that sites
     * released by one event do not all step up in the same second.
     */
    private Duration startDelay(Instant segmentStart) {
        long jitterMillis = config.restore().startJitter().toMillis();
        if (jitterMillis <= 0) {
            return Duration.ZERO;
        }
        long seed = config.id().hashCode() * 31L + segmentStart.hashCode();
        return Duration.ofMillis(Math.floorMod(new SplittableRandom(seed).nextLong(), jitterMillis + 1));
    }

    /** What went wrong since the last call, and forgets it. */
    Set<String> takeIssues() {
        Set<String> taken = Set.copyOf(issues);
        issues.clear();
        return taken;
    }

    /** Wakes the next stage of {@code queue}, if a stage is due and {@code limitW} leaves room. */
    void stage(List<HeldMiner> queue, double limitW, Instant now) {
        if (now.isBefore(nextStageAt)) {
            return;
        }
        nextStageAt = now.plus(config.restore().stageInterval());
        List<MinerStatus> miners = fleet.snapshot();
        double projectedW = SiteProjection.steadyW(miners, book.view().held(), sleepW);
        Map<String, MinerStatus> byEndpoint = miners.stream()
                .collect(Collectors.toMap(m -> m.endpoint().toString(), m -> m));
        List<RestorePlanner.Releasable> releasable = queue.stream().map(h -> {
            MinerStatus status = byEndpoint.get(h.endpoint());
            double full = Math.max(h.runningW(), status == null ? 0 : status.peakRunningW());
            double current = status == null || status.last() == null ? sleepW : status.powerW();
            return new RestorePlanner.Releasable(h.endpoint(), full - current);
        }).toList();
        List<RestorePlanner.Releasable> stage = RestorePlanner.nextStage(releasable, projectedW,
                config.restore().stageKw() * 1000, limitW);
        if (stage.isEmpty()) {
            metrics.restoreBlocked();
            if (!blockedLogged) {
                LOG.warnf("restore held back: %d miners wait, the site projects %.1f kW of its %.1f kW limit",
                        queue.size(), projectedW / 1000, limitW / 1000);
                blockedLogged = true;
            }
            return;
        }
        blockedLogged = false;
        List<MinerEndpoint> endpoints = stage.stream().map(r -> MinerEndpoint.parse(r.endpoint())).toList();
        Map<String, HeldMiner> heldByEndpoint = queue.stream()
                .collect(Collectors.toMap(HeldMiner::endpoint, h -> h, (a, b) -> b));
        LOG.infof("restore stage: waking %d miners (+%.1f kW, projected %.1f kW of %.1f kW): %s", endpoints.size(),
                stage.stream().mapToDouble(RestorePlanner.Releasable::incrementW).sum() / 1000, projectedW / 1000,
                limitW / 1000, MinerLists.first(endpoints));
        // Marked woken before the commands go out: the projection counts them at full draw from now on, so no later
        // stage can take the site past its limit while one of these is still on its way.
        book.change(endpoints.stream().map(m -> HoldRecord.wake(m.toString(), now)).toList());
        for (MinerEndpoint miner : endpoints) {
            waking.add(miner.toString());
            commands.submit(miner, comeBack(heldByEndpoint.get(miner.toString()), byEndpoint.get(miner.toString())))
                    .thenAccept(failure -> outcomes.add(new Outcome(miner, failure)));
        }
    }

    /**
     * What brings a held miner back: a wake for one asleep; for one trimmed, its own setting again, or where its
     * firmware cannot return to one, a power target of its full draw (the highest seen while it hashed, rounded up to
     * whole watts).
     */
    private static MinerAction comeBack(HeldMiner held, MinerStatus status) {
        if (held == null || !held.trimmed()) {
            return MinerAction.WAKE;
        }
        double full = Math.max(held.runningW(), status == null ? 0 : status.peakRunningW());
        return MinerAction.fullPower((int) Math.ceil(full));
    }

    /**
     * Takes in the outcomes of wake commands answered since the last step. A miner that refused is held asleep
     * again, for a later stage to try, until it has failed for the confirmation timeout; then it is given up on and
     * reported, so that the restore can end.
     */
    void collect(Instant now) {
        List<HoldRecord> changes = new ArrayList<>();
        Map<String, HeldMiner> held = book.view().held().stream()
                .collect(Collectors.toMap(HeldMiner::endpoint, h -> h, (a, b) -> b));
        for (Outcome outcome; (outcome = outcomes.poll()) != null;) {
            String endpoint = outcome.miner().toString();
            waking.remove(endpoint);
            if (outcome.failure().isEmpty()) {
                wakeFailingSince.remove(endpoint);
            } else {
                changes.addAll(wakeFailed(held.get(endpoint), outcome.failure().get(), now));
            }
        }
        book.change(changes);
    }

    private List<HoldRecord> wakeFailed(HeldMiner miner, String why, Instant now) {
        if (miner == null) {
            return List.of();
        }
        Instant since = wakeFailingSince.computeIfAbsent(miner.endpoint(), e -> now);
        if (!now.isBefore(since.plus(config.restore().confirmTimeout()))) {
            // Give up on it so the restore can end; it is reported, and its own operator must look at it.
            wakeFailingSince.remove(miner.endpoint());
            issues.add(miner.endpoint() + " could not be woken: " + why);
            return List.of(HoldRecord.release(miner.endpoint()));
        }
        return List.of(HoldRecord.hold(miner.heldAgain()));
    }

    /**
     * Releases woken miners once they run again, or once they had their time and are reported as not back. One found
     * still asleep then (its wake was lost, or the agent died before sending it) is woken again rather than left.
     */
    void confirmWoken(List<HeldMiner> held, Instant now) {
        List<HoldRecord> releases = new ArrayList<>();
        for (HeldMiner h : held) {
            if (h.isAsleep() || waking.contains(h.endpoint())) {
                continue;
            }
            MinerStatus status = fleet.status(MinerEndpoint.parse(h.endpoint()));
            boolean back = status != null && status.hashing() && status.last().at().isAfter(h.wokenAt())
                    && status.powerW() >= BACK_AT * h.runningW();
            if (back) {
                releases.add(HoldRecord.release(h.endpoint()));
            } else if (!now.isBefore(h.wokenAt().plus(config.restore().confirmTimeout()))
                    && status != null && status.reachable() && !status.hashing()
                    && status.last().at().isAfter(h.wokenAt())) {
                releases.addAll(wakeFailed(h, "still asleep " + config.restore().confirmTimeout().toSeconds()
                        + " s after it was told to wake", now));
            } else if (!now.isBefore(h.wokenAt().plus(config.restore().confirmTimeout()))) {
                issues.add(h.endpoint() + " not back at full power within "
                        + config.restore().confirmTimeout().toSeconds() + " s");
                releases.add(HoldRecord.release(h.endpoint()));
            }
        }
        book.change(releases);
    }
}
