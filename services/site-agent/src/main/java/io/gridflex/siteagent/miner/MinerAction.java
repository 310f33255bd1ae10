package io.gridflex.siteagent.miner;

import java.util.Locale;

/**
 * What the agent asks of a miner when it sheds or restores: sleep, wake, or hold a power target (fine trimming, and
 * bringing a trimmed miner back to its full draw).
 *
 * @param kind what to do
 * @param watts the power target, for {@link Kind#POWER_TARGET}; else 0
 */
public record MinerAction(Kind kind, int watts) {

    public enum Kind {
        SLEEP,
        WAKE,
        POWER_TARGET
    }

    public static final MinerAction SLEEP = new MinerAction(Kind.SLEEP, 0);
    public static final MinerAction WAKE = new MinerAction(Kind.WAKE, 0);

    public MinerAction {
        if (kind == Kind.POWER_TARGET ? watts <= 0 : watts != 0) {
            throw new IllegalArgumentException(kind + " with " + watts + " W");
        }
    }

    /** Hold about {@code watts}: exactly where the firmware takes watts, else the nearest share above. */
    public static MinerAction powerTarget(int watts) {
        return new MinerAction(Kind.POWER_TARGET, watts);
    }

    /** The verb for metrics, logs and acks ("did not sleep"): the same for every power target. */
    public String verb() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return kind == Kind.POWER_TARGET ? "power-target " + watts + " W" : verb();
    }

    void apply(MinerDriver driver, MinerEndpoint miner) throws MinerException {
        switch (kind) {
            case SLEEP -> driver.sleep(miner);
            case WAKE -> driver.wake(miner);
            case POWER_TARGET -> driver.powerTarget(miner, watts);
        }
    }
}
