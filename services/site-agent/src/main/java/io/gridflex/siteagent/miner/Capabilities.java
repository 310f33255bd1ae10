package io.gridflex.siteagent.miner;

/**
 * What a driver can do with one miner, so that planning uses each miner for what it offers. Firmware versions differ:
 * a driver may learn more (or less) about a miner after talking to it, and answers with what it knows now.
 *
 * @param sleep the miner can be put to sleep (or paused) and woken again by command
 * @param exactPowerTarget the miner accepts a power target in watts and holds it (fine trimming)
 * @param powerPercent the miner accepts a temporary power limit as a share of its nominal draw
 * @param reportsPower the miner's readings include its draw; without it the agent takes the draw from the site meter
 *        or a configured per-model value, and says so
 * @param presets the miner offers presets rated in watts (LuxOS profiles): a power target becomes the highest preset
 *        rated at or below it, so the miner draws about the target or a step less
 */
public record Capabilities(boolean sleep, boolean exactPowerTarget, boolean powerPercent, boolean reportsPower,
        boolean presets) {

    /** A miner the agent can only read: it cannot take part in a shed. */
    public static final Capabilities READ_ONLY = new Capabilities(false, false, false, false, false);

    /** A miner without presets. */
    public Capabilities(boolean sleep, boolean exactPowerTarget, boolean powerPercent, boolean reportsPower) {
        this(sleep, exactPowerTarget, powerPercent, reportsPower, false);
    }

    /** Whether the agent can shed any load on this miner. */
    public boolean canShed() {
        return sleep || exactPowerTarget || powerPercent || presets;
    }
}
