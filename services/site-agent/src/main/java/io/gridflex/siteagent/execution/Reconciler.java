package io.gridflex.siteagent.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerStatus;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.HoldRecord;
import io.gridflex.siteagent.schedule.PendingSleep;
import io.gridflex.siteagent.schedule.ScheduleBook;

/**
 * Settles the miners whose sleep command has no known outcome (the reply was lost, the command timed out after the
 * miner obeyed, or the agent died while its commands were out) by what the miners themselves say: a reading newer
 * than the intent that finds the miner asleep makes it held, so the agent brings it back when no schedule needs it;
 * one that still finds it hashing once it had time to stop drops the intent. A miner that does not answer stays
 * pending: unknown is not awake. Used by the controller's thread only.
 */
final class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final ScheduleBook book;
    private final FleetView fleet;
    private final double sleepW;
    private final Duration settleWithin;

    Reconciler(ScheduleBook book, FleetView fleet, double sleepW, Duration settleWithin) {
        this.book = book;
        this.fleet = fleet;
        this.sleepW = sleepW;
        this.settleWithin = settleWithin;
    }

    void settle(List<PendingSleep> pending, Instant now) {
        List<HoldRecord> changes = new ArrayList<>();
        for (PendingSleep p : pending) {
            MinerStatus status = fleet.status(MinerEndpoint.parse(p.endpoint()));
            if (status == null) {
                LOG.warnf("miner %s is no longer in the inventory; its pending sleep is dropped", p.endpoint());
                changes.add(HoldRecord.drop(p.endpoint()));
                continue;
            }
            if (!status.reachable() || status.last() == null || !status.last().at().isAfter(p.at())) {
                continue;
            }
            if (p.targetW() != null) {
                // A trim's outcome cannot be told from a reading (the miner hashes either way, and may still be
                // ramping to its target): it is held, so that the miner is set back to its full draw when no schedule
                // needs it; setting a miner that never took the target back to its full draw changes nothing.
                changes.add(HoldRecord.hold(new HeldMiner(p.endpoint(), p.runningW(), p.at(), null, p.targetW())));
                continue;
            }
            if (!status.hashing() && status.powerW() <= asleepAtMostW(p.runningW())) {
                LOG.infof("miner %s was told to sleep without a confirmed reply and is asleep: held", p.endpoint());
                changes.add(HoldRecord.hold(new HeldMiner(p.endpoint(), p.runningW(), p.at(), null)));
            } else if (status.hashing() && !now.isBefore(p.at().plus(settleWithin))) {
                changes.add(HoldRecord.drop(p.endpoint()));
            }
        }
        book.change(changes);
    }

    /** The most a miner draws asleep: a few times a control board, or a twentieth of its running draw. */
    private double asleepAtMostW(double runningW) {
        return Math.max(3 * sleepW, 0.05 * runningW);
    }
}
