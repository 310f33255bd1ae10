package io.gridflex.minersim.service;

import java.util.ArrayList;
import java.util.List;

import io.gridflex.minersim.fleet.MinerAddress;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.meter.MeterReading;
import io.gridflex.minersim.meter.RegisterMap;
import io.gridflex.minersim.meter.SiteMeter;
import io.gridflex.minersim.power.MinerState;

/** What the REST API shows of the fleets. */
public final class FleetViews {

    private FleetViews() {
    }

    /** A site and where its miners can be reached. */
    public record FleetSummary(String siteId, String model, List<MinerEndpoint> miners) {
    }

    /** Where a miner is and what it speaks: enough to write a site agent's inventory. */
    public record MinerEndpoint(String id, String endpoint, String firmware, String host, int port) {
    }

    /** A site's miners with their live figures, and the site's totals; {@code meter} is null without one. */
    public record FleetDetail(String siteId, String model, double powerKw, double energyKwh, int minersTotal,
            int minersRunning, List<MinerDetail> miners, MeterView meter) {
    }

    /**
     * @param energyWh exact energy since the simulator started, the figure metering is checked against
     * @param misbehaviour the fault the miner shows (NONE, HANG, GARBAGE, REFUSE_CREDENTIALS, SLOW, IGNORE_SHED)
     * @param writeAccess whether the miner's API takes write commands (Whatsminer API v2 refuses them when off)
     */
    public record MinerDetail(String id, String endpoint, String model, MinerState state, double powerW,
            double energyWh, double hashrateThs, String firmware, String host, int port, String misbehaviour,
            long replyDelayMs, boolean apiOffline, boolean quirky, boolean writeAccess) {
    }

    /** The site meter: where it listens, how its registers are laid out, and the exact truth they hold now. */
    public record MeterView(String host, int port, RegisterMap registers, MeterReading reading) {
    }

    static FleetSummary summary(SimulatedFleet fleet) {
        List<MinerEndpoint> miners = new ArrayList<>();
        for (MinerAddress a : fleet.addresses()) {
            miners.add(new MinerEndpoint(a.minerId(), a.endpoint(), a.firmware().name(), a.host(), a.port()));
        }
        return new FleetSummary(fleet.siteId(), fleet.model().name(), miners);
    }

    static MinerDetail miner(SimulatedFleet fleet, int i) {
        SimulatedMiner miner = fleet.miner(i);
        MinerAddress a = fleet.address(i);
        return new MinerDetail(miner.id(), a.endpoint(), miner.model().name(), miner.state(), miner.powerW(),
                miner.energyWh(), miner.hashrateThs(), miner.firmware().name(), a.host(), a.port(),
                miner.misbehaviour().name(), miner.replyDelay().toMillis(), miner.isApiOffline(), miner.isQuirky(),
                miner.hasWriteAccess());
    }

    static MeterView meter(SiteMeter meter) {
        return new MeterView(meter.host(), meter.port(), meter.registerMap(), meter.read());
    }

    static FleetDetail detail(SimulatedFleet fleet, SiteMeter meter) {
        List<MinerDetail> miners = new ArrayList<>();
        double powerW = 0;
        double energyWh = 0;
        int running = 0;
        for (int i = 0; i < fleet.miners().size(); i++) {
            MinerDetail detail = miner(fleet, i);
            powerW += detail.powerW();
            energyWh += detail.energyWh();
            if (detail.state() == MinerState.RUNNING) {
                running++;
            }
            miners.add(detail);
        }
        return new FleetDetail(fleet.siteId(), fleet.model().name(), powerW / 1000.0, energyWh / 1000.0,
                miners.size(), running, miners, meter == null ? null : meter(meter));
    }
}
