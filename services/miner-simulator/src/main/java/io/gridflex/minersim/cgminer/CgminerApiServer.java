package io.gridflex.minersim.cgminer;

import java.util.Locale;

import io.gridflex.minersim.fleet.ApiOptions;
import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.net.OneRequestApiServer;

/**
 * The cgminer-style TCP API (port 4028 on real hardware) of a stock cgminer/bmminer miner or a legacy Braiins OS
 * (bosminer) one: one JSON request per connection ({@code {"command":"summary","parameter":""}}), one JSON answer
 * followed by a NUL byte, then the server closes. See {@link CgminerCommands} for the commands of each.
 */
public final class CgminerApiServer extends OneRequestApiServer {

    public CgminerApiServer(SimulatedMiner miner, String host, int port, ApiOptions options) {
        super(name(miner), miner, host, port, options, new CgminerCommands(miner), true);
    }

    private static String name(SimulatedMiner miner) {
        if (miner.firmware() != Firmware.CGMINER && miner.firmware() != Firmware.BOSMINER) {
            throw new IllegalArgumentException("a cgminer API serves cgminer or bosminer miners, not "
                    + miner.firmware());
        }
        return miner.firmware().name().toLowerCase(Locale.ROOT) + "-" + miner.id();
    }
}
