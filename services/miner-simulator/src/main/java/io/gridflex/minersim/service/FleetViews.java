package io.gridflex.minersim.service;

import java.util.ArrayList;
import java.util.List;

import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MinerState;

/** What the REST API shows of the fleets. */
public final class FleetViews {

    private FleetViews() {
    }

    /** A site and where its miners can be reached. */
    public record FleetSummary(String siteId, String model, List<MinerEndpoint> miners) {
    }

    public record MinerEndpoint(String id, String endpoint) {
    }

    /** A site's miners with their live figures, and the site's totals. */
    public record FleetDetail(String siteId, String model, double powerKw, double energyKwh, int minersTotal,
            int minersRunning, List<MinerDetail> miners) {
    }

    /**
     * @param energyWh exact energy since the simulator started, the figure metering is checked against
     */
    public record MinerDetail(String id, String endpoint, String model, MinerState state, double powerW,
            double energyWh, double hashrateThs) {
    }

    static FleetSummary summary(SimulatedFleet fleet) {
        List<MinerEndpoint> miners = new ArrayList<>();
        for (int i = 0; i < fleet.miners().size(); i++) {
            miners.add(new MinerEndpoint(fleet.miner(i).id(), fleet.endpoint(i)));
        }
        return new FleetSummary(fleet.siteId(), fleet.model().name(), miners);
    }

    static FleetDetail detail(SimulatedFleet fleet) {
        List<MinerDetail> miners = new ArrayList<>();
        double powerW = 0;
        double energyWh = 0;
        int running = 0;
        for (int i = 0; i < fleet.miners().size(); i++) {
            SimulatedMiner miner = fleet.miner(i);
            MinerState state = miner.state();
            double minerPower = miner.powerW();
            double minerEnergy = miner.energyWh();
            powerW += minerPower;
            energyWh += minerEnergy;
            if (state == MinerState.RUNNING) {
                running++;
            }
            miners.add(new MinerDetail(miner.id(), fleet.endpoint(i), miner.model().name(), state, minerPower,
                    minerEnergy, miner.hashrateThs()));
        }
        return new FleetDetail(fleet.siteId(), fleet.model().name(), powerW / 1000.0, energyWh / 1000.0,
                miners.size(), running, miners);
    }
}
