package io.gridflex.siteagent.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerAction;
import io.gridflex.siteagent.miner.MinerCommands;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerStatus;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.ScheduleBook;

/**
 * Takes load off: stops more miners until the held reduction covers a target (all chosen miners at once, then a
 * second round to replace any that failed), waits for their draw to fall, and keeps held miners asleep. Remembers,
 * for the segment being executed, how many miners it stopped and what went wrong, for the SHED ack. Used by the
 * controller's thread only.
 */
final class Shedder {

    private static final Logger LOG = Logger.getLogger(Shedder.class);
    private static final double EPSILON_W = 0.5;
    private static final Duration CONFIRM_POLL = Duration.ofMillis(200);

    private final SiteConfig config;
    private final Clock clock;
    private final ScheduleBook book;
    private final FleetView fleet;
    private final MinerCommands commands;
    private final double sleepW;
    private final Set<String> issues = new LinkedHashSet<>();
    private final Map<String, Instant> lastReassert = new HashMap<>();
    private int stopped;

    Shedder(SiteConfig config, Clock clock, ScheduleBook book, FleetView fleet, MinerCommands commands) {
        this.config = config;
        this.clock = clock;
        this.book = book;
        this.fleet = fleet;
        this.commands = commands;
        this.sleepW = config.miner().sleepW();
    }

    /** A new target came into force: what was done for the previous one is no longer news. */
    void reset() {
        issues.clear();
        stopped = 0;
    }

    /** Miners stopped since the target came into force. */
    int stopped() {
        return stopped;
    }

    Set<String> issues() {
        return Set.copyOf(issues);
    }

    /** Stops more miners until the held reduction covers {@code targetW}; a second round replaces failed miners. */
    void shedMore(double targetW) {
        for (int round = 0; round < 2; round++) {
            List<HeldMiner> held = book.view().held();
            double neededW = targetW - HeldMiner.reductionW(held, sleepW);
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
            LOG.infof("stopping %d miners to remove %.1f kW more: %s", endpoints.size(), neededW / 1000, endpoints);
            Instant sentAt = clock.instant();
            List<MinerEndpoint> asleep = new ArrayList<>();
            commands.command(endpoints, MinerAction.SLEEP).forEach((miner, failure) -> {
                if (failure.isPresent()) {
                    issues.add(miner + " did not stop: " + failure.get());
                } else {
                    book.hold(new HeldMiner(miner.toString(), byEndpoint.get(miner.toString()).powerW(), sentAt,
                            null));
                    asleep.add(miner);
                }
            });
            stopped += asleep.size();
            awaitPowerDown(asleep);
        }
    }

    /** The draw the held miners asleep really removed, by their latest readings, in W. */
    double removedW() {
        double removed = 0;
        for (HeldMiner h : book.view().asleep()) {
            MinerStatus status = fleet.status(MinerEndpoint.parse(h.endpoint()));
            removed += Math.max(0, h.runningW() - (status == null ? sleepW : status.powerW()));
        }
        return removed;
    }

    /**
     * A held miner that hashes again (woken by hand, or rebooted) is put back to sleep while the schedule needs it,
     * at most once per failure cool-down so a miner that insists is not hammered.
     */
    void reassertSleep(List<HeldMiner> keep, Instant now) {
        for (HeldMiner h : keep) {
            MinerEndpoint endpoint = MinerEndpoint.parse(h.endpoint());
            MinerStatus status = fleet.status(endpoint);
            Instant settledAt = h.heldSince().plus(config.shed().confirmTimeout());
            Instant last = lastReassert.get(h.endpoint());
            boolean due = last == null || last.plus(config.miner().failureCooldown()).isBefore(now);
            if (status != null && status.hashing() && settledAt.isBefore(now) && due
                    && status.last().at().isAfter(settledAt)) {
                LOG.warnf("held miner %s is hashing again; stopping it again", endpoint);
                lastReassert.put(h.endpoint(), now);
                commands.command(List.of(endpoint), MinerAction.SLEEP);
            }
        }
    }

    /** Waits, within the confirmation timeout, until every stopped miner reports its sleep draw. */
    private void awaitPowerDown(List<MinerEndpoint> asleep) {
        if (asleep.isEmpty()) {
            return;
        }
        Instant deadline = clock.instant().plus(config.shed().confirmTimeout());
        List<MinerEndpoint> pending = new ArrayList<>(asleep);
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
            issues.add(miner + " still drew " + Math.round(fleet.status(miner).powerW()) + " W after "
                    + config.shed().confirmTimeout().toSeconds() + " s");
        }
    }

    private double poweredDownW(MinerEndpoint miner) {
        double running = book.view().held().stream().filter(h -> h.endpoint().equals(miner.toString()))
                .mapToDouble(HeldMiner::runningW).findFirst().orElse(0);
        return Math.max(3 * sleepW, 0.05 * running);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
