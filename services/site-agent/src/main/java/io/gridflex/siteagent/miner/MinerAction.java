package io.gridflex.siteagent.miner;

import java.util.Locale;

/**
 * What the agent asks of a miner when it sheds or restores: sleep, wake, hold a power target (fine trimming), or run
 * a trimmed miner in full again.
 *
 * @param kind what to do
 * @param watts the power target, for {@link Kind#POWER_TARGET}; the draw it had before its trim, for
 *        {@link Kind#FULL_POWER}; else 0
 */
public record MinerAction(Kind kind, int watts) {

    public enum Kind {
        SLEEP,
        WAKE,
        POWER_TARGET,
        FULL_POWER
    }

    public static final MinerAction SLEEP = new MinerAction(Kind.SLEEP, 0);
    public static final MinerAction WAKE = new MinerAction(Kind.WAKE, 0);

    public MinerAction {
        if (kind == Kind.POWER_TARGET || kind == Kind.FULL_POWER ? watts <= 0 : watts != 0) {
            throw new IllegalArgumentException(kind + " with " + watts + " W");
        }
    }

    /** Hold about {@code watts}: exactly where the firmware takes watts, else the nearest share above. */
    public static MinerAction powerTarget(int watts) {
        return new MinerAction(Kind.POWER_TARGET, watts);
    }

    /**
     * Run a trimmed miner in full again: back to its own setting where its firmware can return to one, else a power
     * target of {@code fullW}, the draw it had before its trim.
     */
    public static MinerAction fullPower(int fullW) {
        return new MinerAction(Kind.FULL_POWER, fullW);
    }

    /** The verb for metrics, logs and acks ("did not sleep"): the same for every power target. */
    public String verb() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return kind == Kind.POWER_TARGET || kind == Kind.FULL_POWER ? verb() + " " + watts + " W" : verb();
    }

    void apply(MinerDriver driver, MinerEndpoint miner) throws MinerException {
        switch (kind) {
            case SLEEP -> driver.sleep(miner);
            case WAKE -> driver.wake(miner);
            case POWER_TARGET -> driver.powerTarget(miner, watts);
            case FULL_POWER -> driver.runInFull(miner, watts);
        }
    }
}
