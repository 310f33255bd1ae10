package io.gridflex.minersim.luxos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.gridflex.minersim.power.MinerModel;

/**
 * The presets a LuxOS miner offers ({@code profiles}): its stock setting {@code default} and frequency steps below
 * and above it, each with the draw and hashrate it is rated at. The simulator's are derived from the model's
 * nameplate: every step moves the draw by a sixteenth of the nominal, from half of it ({@code -8}) to 12.5 % above
 * ({@code +2}); hashrate falls less than the draw, as underclocked boards run more efficiently.
 */
final class LuxosProfiles {

    static final String DEFAULT = "default";
    private static final int LOWEST_STEP = -8;
    private static final int HIGHEST_STEP = 2;
    private static final double SHARE_PER_STEP = 1.0 / 16;
    private static final int DEFAULT_FREQUENCY_MHZ = 490;
    private static final int MHZ_PER_STEP = 25;

    /**
     * One preset as {@code profiles} lists it.
     *
     * @param name what {@code profileset} takes
     * @param step its distance from the stock setting, in frequency steps
     */
    record Profile(String name, int step, int frequencyMhz, double voltage, int watts, double hashrateThs) {
    }

    private LuxosProfiles() {
    }

    /** Every preset of {@code model}, lowest draw first. */
    static List<Profile> of(MinerModel model) {
        List<Profile> profiles = new ArrayList<>();
        for (int step = LOWEST_STEP; step <= HIGHEST_STEP; step++) {
            double share = 1 + step * SHARE_PER_STEP;
            int frequency = DEFAULT_FREQUENCY_MHZ + step * MHZ_PER_STEP;
            String name = step == 0 ? DEFAULT : frequency + "MHz";
            profiles.add(new Profile(name, step, frequency, Math.round((13.2 + 0.1 * step) * 10) / 10.0,
                    (int) Math.round(model.runningWatts() * share),
                    Math.round(model.hashrateThs() * Math.pow(share, 0.8) * 100) / 100.0));
        }
        return List.copyOf(profiles);
    }

    /** The preset called {@code name} (as LuxOS, any case), if {@code model} has one. */
    static Optional<Profile> named(MinerModel model, String name) {
        return of(model).stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }
}
