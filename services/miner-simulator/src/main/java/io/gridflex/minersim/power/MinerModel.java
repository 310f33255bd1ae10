package io.gridflex.minersim.power;

/**
 * The miner hardware the simulator can stand in for, with nameplate figures at stock settings. Sleep draw is what the
 * control board and its network interface keep drawing once the hashboards and the PSU output are off.
 */
public enum MinerModel {

    S19XP("Antminer S19 XP", 3010.0, 140.0),
    S19JPRO("Antminer S19j Pro", 3068.0, 104.0),
    S21("Antminer S21", 3500.0, 200.0),
    S21PRO("Antminer S21 Pro", 3510.0, 234.0);

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
}
