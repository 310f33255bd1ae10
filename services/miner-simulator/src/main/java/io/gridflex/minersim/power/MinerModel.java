package io.gridflex.minersim.power;

/**
 * The miner hardware the simulator can stand in for, with nameplate figures at stock settings. Sleep draw is what the
 * control board and its network interface keep drawing once the hashboards and the PSU output are off.
 */
public enum MinerModel {

    S19XP("Antminer S19 XP", 3010.0, 140.0),
    S19JPRO("Antminer S19j Pro", 3068.0, 104.0),
    S21("Antminer S21", 3500.0, 200.0),
    S21PRO("Antminer S21 Pro", 3510.0, 234.0),
    M50S("WhatsMiner M50S", 3276.0, 126.0),
    M60S("WhatsMiner M60S", 3422.0, 186.0);

    /** Lowest power target a tuner accepts, as a share of nominal: below it the boards cannot hash stably. */
    private static final double MIN_TARGET_SHARE = 0.35;
    /** Highest power target a tuner accepts, as a share of nominal: the PSU's headroom. */
    private static final double MAX_TARGET_SHARE = 1.15;

    /** Control board only: between 15 and 20 W on every model above. */
    public static final double SLEEP_WATTS = 18.0;

    private final String displayName;
    private final double runningWatts;
    private final double hashrateThs;

    MinerModel(String displayName, double runningWatts, double hashrateThs) {
        this.displayName = displayName;
        this.runningWatts = runningWatts;
        this.hashrateThs = hashrateThs;
    }

    /** The name the miner reports as its {@code Type}. */
    public String displayName() {
        return displayName;
    }

    public double runningWatts() {
        return runningWatts;
    }

    public double hashrateThs() {
        return hashrateThs;
    }

    public double sleepWatts() {
        return SLEEP_WATTS;
    }

    /** Lowest exact power target (Braiins) this model accepts, in W. */
    public int minPowerTargetW() {
        return (int) Math.ceil(runningWatts * MIN_TARGET_SHARE);
    }

    /** Highest exact power target (Braiins) this model accepts, in W. */
    public int maxPowerTargetW() {
        return (int) Math.floor(runningWatts * MAX_TARGET_SHARE);
    }

    /** The brand the miner reports: the part of the display name before the model. */
    public String brand() {
        return displayName.substring(0, displayName.indexOf(' '));
    }
}
