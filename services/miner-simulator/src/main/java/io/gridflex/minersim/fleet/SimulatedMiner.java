package io.gridflex.minersim.fleet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

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
    private final Firmware firmware;
    private final List<CurtailEvent> curtailLog = new ArrayList<>();
    private volatile boolean apiOffline;
    private volatile Misbehaviour misbehaviour = Misbehaviour.NONE;
    private volatile Duration replyDelay = Duration.ofSeconds(2);
    private volatile boolean quirky;
    private volatile boolean writeAccess = true;
    private String profile = "default";
    private boolean atmEnabled = true;

    /** A LuxOS miner. */
    public SimulatedMiner(String id, MinerModel model, InstantSource clock, MinerPowerModel power) {
        this(id, model, Firmware.LUXOS, clock, power);
    }

    public SimulatedMiner(String id, MinerModel model, Firmware firmware, InstantSource clock, MinerPowerModel power) {
        this.id = id;
        this.model = model;
        this.firmware = firmware;
        this.clock = clock;
        this.power = power;
        this.bootedAt = clock.instant();
    }

    /** The firmware whose API this miner serves. */
    public Firmware firmware() {
        return firmware;
    }

    public String id() {
        return id;
    }

    /**
     * The unit's MAC address, upper case with colons as most firmwares print it: locally administered, derived from
     * its id, so a miner started again under the same id (at another address, say) is the same unit.
     */
    public String mac() {
        String hex = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "")
                .toUpperCase(Locale.ROOT);
        StringBuilder mac = new StringBuilder("02");
        for (int i = 0; i < 10; i += 2) {
            mac.append(':').append(hex, i, i + 2);
        }
        return mac.toString();
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

    /**
     * Puts the miner to sleep; false when it already was. A miner that {@link Misbehaviour#IGNORE_SHED ignores sheds}
     * answers true, logs {@code sleep-ignored} and keeps drawing.
     */
    public synchronized boolean sleep() {
        if (misbehaviour == Misbehaviour.IGNORE_SHED && power.isAwake()) {
            curtailLog.add(new CurtailEvent(clock.instant(), "sleep-ignored"));
            return true;
        }
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

    /**
     * Sets the draw the miner holds while awake (an exact power target, a power percentage or a low-power mode) and
     * ramps to it if awake. A lower level on a miner that ignores sheds is acknowledged (true) and logged as
     * {@code power-target-ignored} without effect.
     *
     * @param watts the awake draw, within {@link MinerModel#minPowerTargetW()} and {@link MinerModel#maxPowerTargetW()}
     *        for exact targets; the caller checks the range its API allows
     */
    public synchronized boolean setPowerLevel(double watts) {
        if (misbehaviour == Misbehaviour.IGNORE_SHED && watts < power.levelW()) {
            curtailLog.add(new CurtailEvent(clock.instant(), "power-target-ignored"));
            return true;
        }
        power.setLevel(watts);
        curtailLog.add(new CurtailEvent(clock.instant(), "power-target " + Math.round(watts)));
        return true;
    }

    /**
     * Switches to a firmware preset (a LuxOS profile) rated at {@code watts}: the miner holds that draw while awake,
     * as {@link #setPowerLevel} does, and reports the preset's name as its current one. A lower preset on a miner
     * that ignores sheds is reported as set (its name changes) and logged as {@code profile-ignored}: the miner
     * acknowledges it and keeps drawing.
     */
    public synchronized void setProfile(String name, double watts) {
        profile = name;
        if (misbehaviour == Misbehaviour.IGNORE_SHED && watts < power.levelW()) {
            curtailLog.add(new CurtailEvent(clock.instant(), "profile-ignored " + name));
            return;
        }
        power.setLevel(watts);
        curtailLog.add(new CurtailEvent(clock.instant(), "profile " + name));
    }

    /** The preset the miner runs (LuxOS {@code config} {@code Profile}): {@code default} unless changed. */
    public synchronized String profile() {
        return profile;
    }

    /**
     * Whether the firmware's own thermal manager (LuxOS ATM) may move the miner between presets; on by default, as
     * LuxOS ships it. The simulator does not run it: its only effect is that a preset cannot be chosen while it is on.
     */
    public synchronized boolean atmEnabled() {
        return atmEnabled;
    }

    public synchronized void setAtmEnabled(boolean enabled) {
        if (enabled != atmEnabled) {
            curtailLog.add(new CurtailEvent(clock.instant(), "atm " + (enabled ? "on" : "off")));
        }
        atmEnabled = enabled;
    }

    /** The draw the miner holds while awake, in W without noise: the model's nominal unless changed. */
    public synchronized double powerLevelW() {
        return power.levelW();
    }

    /** The fault this miner shows; {@link Misbehaviour#NONE} by default. */
    public Misbehaviour misbehaviour() {
        return misbehaviour;
    }

    public void setMisbehaviour(Misbehaviour misbehaviour) {
        this.misbehaviour = misbehaviour == null ? Misbehaviour.NONE : misbehaviour;
    }

    /** How long a {@link Misbehaviour#SLOW slow} miner waits before each answer; 2 s by default. */
    public Duration replyDelay() {
        return replyDelay;
    }

    public void setReplyDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a reply delay cannot be negative: " + delay);
        }
        this.replyDelay = delay;
    }

    /** Whether the miner's cgminer-family replies carry the quirks a tolerant parser must accept. */
    public boolean isQuirky() {
        return quirky;
    }

    public void setQuirky(boolean quirky) {
        this.quirky = quirky;
    }

    /**
     * Whether the miner's API accepts write commands. Whatsminer API v2 miners refuse them (code 45) until their owner
     * enables API write access; the simulator's miners have it on unless a test turns it off. APIs without such a
     * switch ignore it.
     */
    public boolean hasWriteAccess() {
        return writeAccess;
    }

    public void setWriteAccess(boolean writeAccess) {
        this.writeAccess = writeAccess;
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
