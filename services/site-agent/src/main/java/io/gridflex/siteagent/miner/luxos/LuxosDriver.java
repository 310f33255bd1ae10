package io.gridflex.siteagent.miner.luxos;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.siteagent.miner.Capabilities;
import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.HardwareId;
import io.gridflex.siteagent.miner.MinerDriver;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.cgminerapi.CgminerReplies;

/**
 * LuxOS miners: curtail sleep/wakeup through the miner's one session (kept open between commands), draw from
 * {@code power}, and power targets through the firmware's presets ({@link ProfileControl}): the highest profile rated
 * at or below the target, and back to the miner's own profile and thermal manager when it runs in full again.
 */
@ApplicationScoped
public class LuxosDriver implements MinerDriver {

    private static final Capabilities CAPABILITIES = new Capabilities(true, false, false, true, true);
    private static final Capabilities WITHOUT_PRESETS = new Capabilities(true, false, false, true, false);

    private final LuxosClient client;
    private final ProfileControl profiles;

    public LuxosDriver(DriverSettings settings) {
        this.client = new LuxosClient(settings.timeout(), settings.clock());
        this.profiles = new ProfileControl(client, settings.besideState(".luxos-profiles"));
    }

    @Override
    public Firmware firmware() {
        return Firmware.LUXOS;
    }

    @Override
    public Capabilities capabilities(MinerEndpoint miner) {
        return profiles.offers(miner) ? CAPABILITIES : WITHOUT_PRESETS;
    }

    @Override
    public MinerReading read(MinerEndpoint miner) throws MinerException {
        return client.read(miner);
    }

    @Override
    public void sleep(MinerEndpoint miner) throws MinerException {
        client.curtail(miner, "sleep");
    }

    @Override
    public void wake(MinerEndpoint miner) throws MinerException {
        client.curtail(miner, "wakeup");
    }

    /** The highest profile rated at or below {@code watts}, with the thermal manager off. */
    @Override
    public void powerTarget(MinerEndpoint miner, int watts) throws MinerException {
        profiles.trimTo(miner, watts);
    }

    /** Back to the profile (and thermal manager) the miner had before its trim. */
    @Override
    public void runInFull(MinerEndpoint miner, int fullW) throws MinerException {
        profiles.runInFull(miner, fullW);
    }

    /** What trimmed miners ran follows them to their new endpoints. */
    @Override
    public void relocated(Map<MinerEndpoint, MinerEndpoint> moves) {
        profiles.relocated(moves);
    }

    @Override
    public void prepare(MinerEndpoint miner) {
        try {
            client.prepare(miner);
        } catch (MinerException e) {
            // The command will open a session itself.
        }
    }

    /** {@code config} → {@code CONFIG[0].MACAddr}. */
    @Override
    public Optional<String> hardwareId(MinerEndpoint miner) {
        try {
            JsonNode config = CgminerReplies.section(miner, client.request(miner, "config", null), "config", "CONFIG");
            return HardwareId.ofMac(config.path("MACAddr").asText(null));
        } catch (MinerException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean identifies(MinerEndpoint miner) {
        try {
            client.powerW(miner);
            return true;
        } catch (MinerException e) {
            return false;
        }
    }
}
