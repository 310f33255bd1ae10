package io.gridflex.minersim.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import io.gridflex.minersim.power.MinerModel;
import io.gridflex.minersim.power.MinerPowerModel;
import io.gridflex.minersim.power.MinerState;

/**
 * One simulated miner: its power model, its identity and the few counters its API reports. Thread-safe: the API
 * server, the REST view and tests read and drive it concurrently.
 */
public final class SimulatedMiner {

    private final String id;
    private final MinerModel model;
    private final InstantSource clock;
    private final MinerPowerModel power;
    private final Instant bootedAt;
    private final List<CurtailEvent> curtailLog = new ArrayList<>();
    private volatile boolean apiOffline;

    public SimulatedMiner(String id, MinerModel model, InstantSource clock, MinerPowerModel power) {
        this.id = id;
        this.model = model;
        this.clock = clock;
        this.power = power;
        this.bootedAt = clock.instant();
    }

    public String id() {
        return id;
    }

    public MinerModel model() {
        return model;
    }

    public InstantSource clock() {
        return clock;
    }

    public synchronized MinerState state() {
        return power.state();
    }

    /** Draw right now, in W. */
    public synchronized double powerW() {
        return power.powerW();
    }

    /** Exact energy drawn since the simulator started this miner, in Wh. */
    public synchronized double energyWh() {
        return power.energyWh();
    }

    /** Hashrate right now, in TH/s. */
    public synchronized double hashrateThs() {
        return model.hashrateThs() * power.hashingFraction();
    }

    /** Seconds since the miner (the simulated mining process) started. */
    public long elapsedSeconds() {
        return Math.max(0, Duration.between(bootedAt, clock.instant()).toSeconds());
    }

    /** Puts the miner to sleep; false when it already was. */
    public synchronized boolean sleep() {
        boolean changed = power.sleep();
        if (changed) {
            curtailLog.add(new CurtailEvent(clock.instant(), "sleep"));
        }
        return changed;
    }

    /** Wakes the miner up; false when it already was awake. */
    public synchronized boolean wakeUp() {
        boolean changed = power.wakeUp();
        if (changed) {
            curtailLog.add(new CurtailEvent(clock.instant(), "wakeup"));
        }
        return changed;
    }

    public synchronized boolean isAwake() {
        return power.isAwake();
    }

    /** Every curtail action the miner has carried out, oldest first. */
    public synchronized List<CurtailEvent> curtailLog() {
        return List.copyOf(curtailLog);
    }

    /**
     * Simulates a miner whose API stopped answering (crashed daemon, network fault): connections are accepted and
     * closed without a reply. The miner keeps drawing power as before.
     */
    public void setApiOffline(boolean offline) {
        this.apiOffline = offline;
    }

    public boolean isApiOffline() {
        return apiOffline;
    }
}
