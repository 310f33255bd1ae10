package io.gridflex.siteagent.execution;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import io.gridflex.siteagent.schedule.ScheduleBook;

/**
 * Brings load back: wakes held miners in stages of at most {@code restore.stage-kw} every
 * {@code restore.stage-interval}, each stage only while the site's projected steady draw stays under the limit it is
 * given, and releases woken miners once they run again, or once they had their time and are reported as not back.
 * Remembers what went wrong since the current restore began, for the RESTORED ack. Used by the controller's thread
 * only.
 */
final class Restorer {

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
    void begin(boolean continuing) {
        nextStageAt = Instant.MIN;
        if (!continuing) {
            issues.clear();
        }
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
        LOG.infof("restore stage: waking %d miners (+%.1f kW, projected %.1f kW of %.1f kW): %s", endpoints.size(),
                stage.stream().mapToDouble(RestorePlanner.Releasable::incrementW).sum() / 1000, projectedW / 1000,
                limitW / 1000, endpoints);
        commands.command(endpoints, MinerAction.WAKE).forEach((miner, failure) -> {
            String endpoint = miner.toString();
            if (failure.isEmpty()) {
                wakeFailingSince.remove(endpoint);
                book.markWoken(endpoint, now);
                return;
            }
            Instant since = wakeFailingSince.computeIfAbsent(endpoint, e -> now);
            if (!now.isBefore(since.plus(config.restore().confirmTimeout()))) {
                // Give up on it so the restore can end; it is reported, and its own operator must look at it.
                wakeFailingSince.remove(endpoint);
                issues.add(endpoint + " could not be woken: " + failure.get());
                book.release(endpoint);
            }
        });
    }

    /** Releases woken miners once they run again, or once they had their time and are reported as not back. */
    void confirmWoken(List<HeldMiner> held, Instant now) {
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
                issues.add(h.endpoint() + " not back at full power within "
                        + config.restore().confirmTimeout().toSeconds() + " s");
                book.release(h.endpoint());
            }
        }
    }
}
