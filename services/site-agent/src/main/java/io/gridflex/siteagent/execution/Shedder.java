package io.gridflex.siteagent.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.miner.Capabilities;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerAction;
import io.gridflex.siteagent.miner.MinerCommands;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.MinerStatus;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.HoldRecord;
import io.gridflex.siteagent.schedule.PendingSleep;
import io.gridflex.siteagent.schedule.ScheduleBook;

/**
 * Takes load off: sends sleep commands to more miners until the held reduction, with the commands still out, covers a
 * target; then watches their draw fall. It never waits: commands run on their own threads and their outcomes are
 * taken in at the next control step, so a slow or hung miner delays nobody, not even a cancel that arrives meanwhile.
 * A miner whose command failed is replaced at the next step. Remembers, for the segment being executed, how many
 * miners it stopped and what went wrong, for the SHED ack. Used by the controller's thread only (outcomes arrive
 * through a queue).
 */
final class Shedder {

    private static final Logger LOG = Logger.getLogger(Shedder.class);
    private static final double EPSILON_W = 0.5;
    /** How often a stopped miner whose lower draw is not yet seen is read again, beyond the meter's own samples. */
    private static final Duration CONFIRM_POLL = Duration.ofMillis(200);

    /** A sleep or trim command's outcome: empty when the miner accepted it, else why not. */
    private record Outcome(MinerEndpoint miner, double runningW, Instant sentAt, Double targetW,
            Optional<String> failure) {
    }

    /** Least time between two low readings of a stopped miner for telling whether its draw still falls. */
    private static final Duration FALL_WINDOW = Duration.ofMillis(150);

    /** Miners whose intents are written (one append and sync) before the first commands go out. */
    private static final int FIRST_INTENT_CHUNK = 100;

    /** Room above a power target a trimmed miner's reading may show and still count as holding it. */
    private static final double TARGET_TOLERANCE = 0.05;

    private final SiteConfig config;
    private final Clock clock;
    private final ScheduleBook book;
    private final FleetView fleet;
    private final MinerCommands commands;
    private final AgentMetrics metrics;
    private final double sleepW;
    private final double powerTargetFloor;
    private final Set<String> issues = new LinkedHashSet<>();
    private final Map<String, Instant> lastReassert = new HashMap<>();
    /** Sleep and trim commands out, by miner: what stopping or trimming it will remove. */
    private final Map<String, Double> inFlight = new HashMap<>();
    /** Miners that accepted a sleep command and have not shown their lower draw yet, with the deadline for it. */
    private final Map<MinerEndpoint, Instant> confirming = new HashMap<>();
    /** The first low reading of a confirming miner that was not yet at its sleep draw. */
    private final Map<MinerEndpoint, MinerReading> lowSeen = new HashMap<>();
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private Instant nextConfirmRead = Instant.MIN;
    /** The shed planned ahead of the coming segment, used at its start. */
    private PlannedShed planned = PlannedShed.NONE;
    private int stopped;
    private int trimmed;

    Shedder(SiteConfig config, Clock clock, ScheduleBook book, FleetView fleet, MinerCommands commands,
            AgentMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.book = book;
        this.fleet = fleet;
        this.commands = commands;
        this.sleepW = config.miner().sleepW();
        this.powerTargetFloor = config.shed().powerTargetFloor();
    }

    /** A new target came into force: what was done for the previous one is no longer news. */
    void reset() {
        issues.clear();
        stopped = 0;
        trimmed = 0;
    }

    /** Miners stopped since the target came into force. */
    int stopped() {
        return stopped;
    }

    /** Miners trimmed to a power target since the target came into force. */
    int trimmed() {
        return trimmed;
    }

    Set<String> issues() {
        return Set.copyOf(issues);
    }

    /**
     * Whether every sleep command sent has been answered and every miner that accepted one has shown its lower draw
     * (or had its time to): the moment to acknowledge what was shed.
     */
    boolean settled() {
        return inFlight.isEmpty() && confirming.isEmpty();
    }

    /**
     * Takes in the outcomes of commands answered since the last step: a miner that accepted is held (on disk before
     * anything else happens) and watched until its draw falls; one that did not stays pending, to be settled by its
     * readings, and is replaced at the next {@link #shedMore}.
     */
    void collect(Instant now) {
        List<HoldRecord> holds = new ArrayList<>();
        for (Outcome outcome; (outcome = outcomes.poll()) != null;) {
            String endpoint = outcome.miner().toString();
            inFlight.remove(endpoint);
            if (outcome.failure().isPresent()) {
                issues.add(endpoint + (outcome.targetW() == null ? " did not stop: " : " took no power target: ")
                        + outcome.failure().get());
            } else {
                holds.add(HoldRecord.hold(
                        new HeldMiner(endpoint, outcome.runningW(), outcome.sentAt(), null, outcome.targetW())));
                confirming.put(outcome.miner(), now.plus(config.shed().confirmTimeout()));
                if (outcome.targetW() == null) {
                    stopped++;
                } else {
                    trimmed++;
                }
            }
        }
        book.change(holds);
        confirmPowerDown(now);
    }

    /**
     * Sends sleep commands to more miners when the held reduction, with the commands still out, falls short of
     * {@code targetW}. Returns at once. At the start of a segment whose shed was planned ahead, the bulk goes out in
     * the planned order first; the planner then chooses only the rest.
     */
    void shedMore(double targetW, Instant now) {
        ScheduleBook.View view = book.view();
        double comingW = inFlight.values().stream().mapToDouble(Double::doubleValue).sum();
        double neededW = targetW - HeldMiner.reductionW(view.held(), sleepW) - comingW;
        if (planned.due(now)) {
            PlannedShed ahead = planned;
            planned = PlannedShed.NONE;
            if (neededW > EPSILON_W) {
                neededW -= sendPlanned(ahead, view, neededW);
                view = book.view();
            }
        }
        if (neededW <= EPSILON_W) {
            return;
        }
        Map<String, MinerStatus> byEndpoint = new HashMap<>();
        List<ShedPlanner.Candidate> candidates = candidates(view, byEndpoint);
        List<ShedPlanner.Candidate> plan = ShedPlanner.plan(candidates, neededW);
        ShedPlanner.Trimmed chosen = ShedPlanner.trimLast(plan, candidates, neededW);
        if (chosen.sleeps().isEmpty() && chosen.trim() == null) {
            return;
        }
        LOG.infof("stopping %d miners%s to remove %.1f kW more: %s", chosen.sleeps().size(),
                chosen.trim() == null ? "" : " and trimming " + chosen.trim().endpoint(), neededW / 1000,
                MinerLists.first(chosen.sleeps().stream().map(ShedPlanner.Candidate::endpoint).toList()));
        MinerStatus trim = chosen.trim() == null ? null : byEndpoint.get(chosen.trim().endpoint());
        sendAll(chosen.sleeps().stream().map(c -> byEndpoint.get(c.endpoint())).toList(), trim, chosen.trimW());
        metrics.shedCommands("step", chosen.sleeps().size() + (trim == null ? 0 : 1));
    }

    /**
     * Stops the miners of a shed planned ahead, in the planned order, while each still leaves part of
     * {@code neededW} to cover: a miner that is no longer a candidate (asleep, held, cooling down, no longer answering
     * as hashing) is passed over, and the last pick (the one that covers the rest, or a trim) is left to the planner.
     *
     * @return the reduction the commands sent will remove, in W
     */
    private double sendPlanned(PlannedShed ahead, ScheduleBook.View view, double neededW) {
        Set<String> taken = taken(view);
        List<MinerStatus> picks = new ArrayList<>();
        double left = neededW;
        for (MinerEndpoint endpoint : ahead.order()) {
            MinerStatus miner = fleet.status(endpoint);
            ShedPlanner.Candidate c = miner == null ? null : candidate(miner, taken);
            if (c == null || c.reductionW() <= EPSILON_W) {
                continue;
            }
            if (c.reductionW() + EPSILON_W >= left) {
                break;
            }
            picks.add(miner);
            left -= c.reductionW();
        }
        if (picks.isEmpty()) {
            return 0;
        }
        LOG.infof("stopping %d miners as planned ahead to remove %.1f kW of %.1f kW: %s", picks.size(),
                (neededW - left) / 1000, neededW / 1000,
                MinerLists.first(picks.stream().map(m -> m.endpoint().toString()).toList()));
        sendAll(picks, null, 0);
        metrics.shedCommands("ahead", picks.size());
        return neededW - left;
    }

    /** Sends the sleep commands (and the trim, if any), each chunk's intents on disk before its commands go. */
    private void sendAll(List<MinerStatus> sleeps, MinerStatus trim, double trimW) {
        Instant sentAt = clock.instant();
        List<PendingSleep> intents = new ArrayList<>();
        List<Runnable> orders = new ArrayList<>();
        for (MinerStatus miner : sleeps) {
            intents.add(new PendingSleep(miner.endpoint().toString(), miner.powerW(), sentAt));
            orders.add(() -> send(miner, miner.powerW() - sleepW, MinerAction.SLEEP, null, sentAt));
        }
        if (trim != null) {
            int trimTo = targetW(trim, trimW);
            intents.add(new PendingSleep(trim.endpoint().toString(), trim.powerW(), sentAt, (double) trimTo));
            orders.add(() -> send(trim, trimW, MinerAction.powerTarget(trimTo), (double) trimTo, sentAt));
        }
        // Intent first: if the agent dies while the commands are out, its successor knows which miners to check. In
        // chunks growing fourfold, so the first commands leave at once and the intents of the rest are written (one
        // sync each) while the commands before them are out.
        for (int from = 0, size = FIRST_INTENT_CHUNK; from < intents.size(); from += size, size *= 4) {
            int to = Math.min(intents.size(), from + size);
            book.intendSleep(intents.subList(from, to));
            orders.subList(from, to).forEach(Runnable::run);
        }
    }

    private void send(MinerStatus miner, double reductionW, MinerAction action, Double targetW, Instant sentAt) {
        inFlight.put(miner.endpoint().toString(), reductionW);
        commands.submit(miner.endpoint(), action).thenAccept(
                failure -> outcomes.add(new Outcome(miner.endpoint(), miner.powerW(), sentAt, targetW, failure)));
    }

    /**
     * The power target that takes {@code trimW} off a miner's draw, in whole watts rounded down; where its firmware
     * takes only a share of its full draw (rounded up to whole percent by the driver), a percent less, so the miner
     * never holds more than the plan counts on.
     */
    private int targetW(MinerStatus miner, double trimW) {
        double target = miner.powerW() - trimW;
        if (!commands.capabilities(miner.endpoint()).exactPowerTarget()) {
            target -= 0.01 * Math.max(miner.powerW(), miner.peakRunningW());
        }
        return (int) Math.max(1, Math.floor(target));
    }

    /**
     * Gets the miners a shed of {@code targetW} at {@code at} would stop ready for their command (sessions, tokens),
     * with a tenth more in case some fail, and keeps the plan for that instant: called ahead of a segment the schedule
     * announces, so at its start each command is one round trip and goes out without planning the fleet again.
     */
    void prepare(double targetW, Instant at) {
        ScheduleBook.View view = book.view();
        double neededW = targetW - HeldMiner.reductionW(view.held(), sleepW);
        if (neededW <= EPSILON_W) {
            return;
        }
        Map<String, MinerStatus> byEndpoint = new HashMap<>();
        List<ShedPlanner.Candidate> chosen = ShedPlanner.plan(candidates(view, byEndpoint), neededW * 1.1);
        LOG.debugf("preparing %s miners for a shed of %.1f kW", (Object) chosen.size(), neededW / 1000);
        List<MinerEndpoint> order = chosen.stream().map(c -> byEndpoint.get(c.endpoint()).endpoint()).toList();
        order.forEach(commands::prepare);
        planned = new PlannedShed(at, order);
        commands.expectAt(at);
        Instant now = clock.instant();
        book.rehearseIntents(chosen.stream()
                .map(c -> new PendingSleep(c.endpoint(), byEndpoint.get(c.endpoint()).powerW(), now)).toList());
    }

    /** The hashing miners not held, pending, commanded or cooling down; {@code byEndpoint} gets their status. */
    private List<ShedPlanner.Candidate> candidates(ScheduleBook.View view, Map<String, MinerStatus> byEndpoint) {
        Set<String> taken = taken(view);
        List<ShedPlanner.Candidate> candidates = new ArrayList<>();
        for (MinerStatus miner : fleet.snapshot()) {
            ShedPlanner.Candidate c = candidate(miner, taken);
            if (c != null) {
                candidates.add(c);
                byEndpoint.put(c.endpoint(), miner);
            }
        }
        return candidates;
    }

    /** The miners held, pending or commanded: none of them is stopped again. */
    private Set<String> taken(ScheduleBook.View view) {
        // A miner whose sleep is unsettled may be asleep already: it is neither stopped again nor counted.
        Set<String> taken = view.held().stream().map(HeldMiner::endpoint).collect(Collectors.toSet());
        view.pending().forEach(p -> taken.add(p.endpoint()));
        taken.addAll(inFlight.keySet());
        return taken;
    }

    /** A miner as a candidate to stop or trim, or null when it hashes not, is taken, cools down or can do neither. */
    private ShedPlanner.Candidate candidate(MinerStatus miner, Set<String> taken) {
        String endpoint = miner.endpoint().toString();
        if (!miner.hashing() || taken.contains(endpoint) || commands.coolingDown(miner.endpoint())) {
            return null;
        }
        // Each miner for what its firmware offers: a read-only one is never picked.
        Capabilities can = commands.capabilities(miner.endpoint());
        double trimmableW = trimmableW(miner, can);
        if (!can.sleep() && trimmableW <= 0) {
            return null;
        }
        return new ShedPlanner.Candidate(endpoint, can.sleep() ? miner.powerW() - sleepW : 0, false, jPerTh(miner),
                trimmableW);
    }

    /**
     * The most a power target may take off a hashing miner: down to {@code shed.power-target-floor} of its draw, less
     * the percent a share-only or preset firmware may round away; 0 where its firmware takes no power target.
     */
    private double trimmableW(MinerStatus miner, Capabilities capabilities) {
        if (powerTargetFloor >= 1) {
            return 0;
        }
        if (capabilities.exactPowerTarget()) {
            return miner.powerW() * (1 - powerTargetFloor);
        }
        return capabilities.powerPercent() || capabilities.presets()
                ? miner.powerW() * (1 - powerTargetFloor - 0.01)
                : 0;
    }

    /** A hashing miner's draw over its hashrate, in J/TH. */
    private static double jPerTh(MinerStatus miner) {
        double ths = miner.last().hashrateGhs() / 1000;
        return ths > 0 ? miner.powerW() / ths : Double.NaN;
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
            if (h.trimmed()) {
                // A trimmed miner hashes by design.
                continue;
            }
            MinerEndpoint endpoint = MinerEndpoint.parse(h.endpoint());
            MinerStatus status = fleet.status(endpoint);
            Instant settledAt = h.heldSince().plus(config.shed().confirmTimeout());
            Instant last = lastReassert.get(h.endpoint());
            boolean due = last == null || last.plus(config.miner().failureCooldown()).isBefore(now);
            if (status != null && status.hashing() && settledAt.isBefore(now) && due
                    && status.last().at().isAfter(settledAt)) {
                LOG.warnf("held miner %s is hashing again; stopping it again", endpoint);
                lastReassert.put(h.endpoint(), now);
                commands.submit(endpoint, MinerAction.SLEEP);
            }
        }
    }

    /**
     * Whether a stopped miner's low reading is where its draw ends rather than a point on its ramp down: at its sleep
     * draw, or falling by less than the larger of its sleep draw and 1 % of its running draw per second since its
     * previous low reading (at least {@link #FALL_WINDOW} before). A miner that sleeps above its expected sleep draw is
     * thus confirmed too, and the SHED ack does not count a ramp's last watts as shed.
     */
    private boolean downForGood(MinerEndpoint miner, MinerReading reading, double runningW) {
        if (reading.powerW() <= 3 * sleepW) {
            return true;
        }
        MinerReading before = lowSeen.get(miner);
        if (before == null) {
            lowSeen.put(miner, reading);
            return false;
        }
        double seconds = Duration.between(before.at(), reading.at()).toNanos() / 1e9;
        if (seconds < FALL_WINDOW.toNanos() / 1e9) {
            // Too close together to tell a ramp's tail from a miner at rest.
            return false;
        }
        if ((before.powerW() - reading.powerW()) / seconds <= Math.max(sleepW, 0.01 * runningW)) {
            return true;
        }
        lowSeen.put(miner, reading);
        return false;
    }

    /** Drops the miners whose lower draw is seen, reports those out of time, and reads the rest again soon. */
    private void confirmPowerDown(Instant now) {
        if (confirming.isEmpty()) {
            return;
        }
        Map<String, HeldMiner> held = book.view().held().stream()
                .collect(Collectors.toMap(HeldMiner::endpoint, h -> h, (a, b) -> b));
        List<HoldRecord> doubted = new ArrayList<>();
        List<HoldRecord> untrimmed = new ArrayList<>();
        for (Iterator<Map.Entry<MinerEndpoint, Instant>> it = confirming.entrySet().iterator(); it.hasNext();) {
            Map.Entry<MinerEndpoint, Instant> entry = it.next();
            MinerEndpoint miner = entry.getKey();
            MinerStatus status = fleet.status(miner);
            HeldMiner h = held.get(miner.toString());
            double running = h == null ? 0 : h.runningW();
            if (h != null && h.trimmed()) {
                if (status != null && status.reachable() && status.last().at().isAfter(h.heldSince())
                        && status.powerW() <= h.targetW() * (1 + TARGET_TOLERANCE)) {
                    it.remove();
                } else if (!now.isBefore(entry.getValue())) {
                    issues.add(miner + " still drew " + Math.round(status == null ? 0 : status.powerW())
                            + " W after " + config.shed().confirmTimeout().toSeconds() + " s on a target of "
                            + Math.round(h.targetW()) + " W");
                    it.remove();
                    // Its trim is not real: it is set back to its full draw (and released once it runs so), and
                    // the next step sheds elsewhere.
                    LOG.warnf("miner %s accepted a power target and does not hold it; setting it back", miner);
                    commands.distrust(miner);
                    untrimmed.add(HoldRecord.wake(miner.toString(), now));
                    commands.submit(miner, MinerAction.fullPower((int) Math.ceil(Math.max(running,
                            status == null ? 0 : status.peakRunningW()))));
                }
            } else if (status != null && status.reachable() && !status.hashing()
                    && status.powerW() <= Math.max(3 * sleepW, 0.05 * running)) {
                if (downForGood(miner, status.last(), running)) {
                    it.remove();
                    lowSeen.remove(miner);
                }
            } else if (!now.isBefore(entry.getValue())) {
                issues.add(miner + " still drew " + Math.round(status == null ? 0 : status.powerW()) + " W after "
                        + config.shed().confirmTimeout().toSeconds() + " s");
                it.remove();
                if (status != null && status.reachable() && status.hashing()) {
                    // It accepted the sleep and kept hashing: its reduction is not real. Back to pending, so the
                    // next step replaces it, and its readings settle it should it fall asleep after all.
                    LOG.warnf("miner %s accepted a sleep and is still hashing; replacing it", miner);
                    commands.distrust(miner);
                    doubted.add(HoldRecord.intend(new PendingSleep(miner.toString(), running, now)));
                }
            }
        }
        lowSeen.keySet().retainAll(confirming.keySet());
        // An intent replaces the hold (one change per miner), so a restart still knows to check the miner.
        List<HoldRecord> changes = new ArrayList<>(untrimmed);
        doubted.forEach(d -> {
            changes.add(HoldRecord.release(d.endpoint()));
            changes.add(d);
        });
        book.change(changes);
        Instant at = clock.instant();
        if (!confirming.isEmpty() && !at.isBefore(nextConfirmRead)) {
            nextConfirmRead = at.plus(CONFIRM_POLL);
            fleet.refresh(confirming.keySet());
        }
    }
}
