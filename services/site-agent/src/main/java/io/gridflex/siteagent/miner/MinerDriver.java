package io.gridflex.siteagent.miner;

import java.util.Map;
import java.util.Optional;

/**
 * Speaks one firmware's control API. One driver instance serves every miner of its firmware at the site: it keeps
 * per-miner protocol state (sessions, tokens, what each miner's version supports) itself, thread-safely, since the
 * agent calls it from many virtual threads at once, at most one call per miner at a time.
 * <p>
 * Every method blocks for at most the configured request timeout per round trip and fails with a
 * {@link MinerException} naming the miner; none ever logs or returns a credential. A success reply is not proof: the
 * agent verifies every shed by reading power back (or on the site meter), so drivers report what the miner said and
 * nothing more.
 */
public interface MinerDriver {

    Firmware firmware();

    /** What the agent can do with this miner, as far as the driver knows now. */
    Capabilities capabilities(MinerEndpoint miner);

    /**
     * Reads the miner's draw and hashrate, in as few round trips as its firmware allows. A firmware that does not
     * report power returns {@link MinerReading#withoutPower}.
     */
    MinerReading read(MinerEndpoint miner) throws MinerException;

    /** Puts the miner to sleep (curtail, pause, service stop, sleep mode): its draw falls to its control board's. */
    void sleep(MinerEndpoint miner) throws MinerException;

    /** Wakes a sleeping miner: it ramps back to its full draw. */
    void wake(MinerEndpoint miner) throws MinerException;

    /**
     * Asks the miner to hold about {@code watts}: exactly where the firmware takes watts, otherwise the nearest share
     * or preset. Fails with {@link MinerException#UNSUPPORTED} where neither exists.
     */
    default void powerTarget(MinerEndpoint miner, int watts) throws MinerException {
        throw new MinerException(miner + ": " + firmware().key() + " offers no power target",
                MinerException.UNSUPPORTED);
    }

    /**
     * Runs a miner this agent trimmed in full again: back to the setting it had before its first trim where the
     * firmware can return to one, else a power target of {@code fullW} (the draw it had then). By default the power
     * target.
     */
    default void runInFull(MinerEndpoint miner, int fullW) throws MinerException {
        powerTarget(miner, fullW);
    }

    /**
     * Units now answer at other endpoints (old → new; scanning followed them by their hardware identity): what the
     * driver remembers of them, such as the setting a trimmed miner is to go back to, follows them. Does nothing by
     * default.
     */
    default void relocated(Map<MinerEndpoint, MinerEndpoint> moves) {
    }

    /**
     * Gets ready to command the miner soon, so that the command itself is one round trip: a session opened or
     * renewed, a login token refreshed, a salt fetched. Called ahead of a shed the schedule announces; does nothing
     * where the firmware needs nothing. Never throws: a miner that is not ready is made ready by the command.
     */
    default void prepare(MinerEndpoint miner) {
    }

    /**
     * Whether this firmware answers at {@code miner}: one cheap identifying request, for scanning address ranges and
     * noticing that a miner changed firmware. Never throws; false when nothing or something else answers.
     */
    boolean identifies(MinerEndpoint miner);

    /**
     * The unit's hardware identity ({@link HardwareId}: its MAC address) as its firmware reports it, so that a miner
     * found at another address is known as the same unit. One request, made when scanning finds the miner. Never
     * throws; empty where the firmware reports none, or the miner does not answer.
     */
    default Optional<String> hardwareId(MinerEndpoint miner) {
        return Optional.empty();
    }
}
