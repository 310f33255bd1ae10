package io.gridflex.siteagent.miner.cgminer;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.siteagent.miner.Capabilities;
import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.MinerDriver;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.cgminerapi.CgminerReplies;
import io.gridflex.siteagent.miner.cgminerapi.CgminerTransport;

/**
 * Plain cgminer/bmminer API (TCP 4028): readings only. {@code {"command":"summary"}} → {@code SUMMARY[0]}
 * {@code "GHS 5s"} (or {@code "MHS 5s"}, ...), no watts; {@code {"command":"version"}} identifies it by a
 * {@code VERSION[0]} naming CGMiner or BMMiner (and not LUXminer or BOSminer, which answer the same command). The base
 * API has no command that stops hashing, so such a miner takes no part in a shed.
 */
@ApplicationScoped
public class CgminerDriver implements MinerDriver {

    private final CgminerTransport transport;
    private final Clock clock;

    public CgminerDriver(DriverSettings settings) {
        this.transport = new CgminerTransport(settings.timeout());
        this.clock = settings.clock();
    }

    @Override
    public Firmware firmware() {
        return Firmware.CGMINER;
    }

    @Override
    public Capabilities capabilities(MinerEndpoint miner) {
        return Capabilities.READ_ONLY;
    }

    @Override
    public MinerReading read(MinerEndpoint miner) throws MinerException {
        JsonNode summary = CgminerReplies.section(miner, transport.command(miner, "summary", null), "summary",
                "SUMMARY");
        return MinerReading.withoutPower(CgminerReplies.hashrateGhs(miner, summary), clock.instant());
    }

    @Override
    public void sleep(MinerEndpoint miner) throws MinerException {
        throw unsupported(miner, "sleep");
    }

    @Override
    public void wake(MinerEndpoint miner) throws MinerException {
        throw unsupported(miner, "wake");
    }

    private static MinerException unsupported(MinerEndpoint miner, String verb) {
        return new MinerException(miner + ": cannot " + verb + " a plain cgminer/bmminer miner: its API has no command "
                + "that stops or starts hashing (read-only)", MinerException.UNSUPPORTED);
    }

    @Override
    public boolean identifies(MinerEndpoint miner) {
        try {
            JsonNode version = CgminerReplies.section(miner, transport.command(miner, "version", null), "version",
                    "VERSION");
            return (CgminerReplies.mentions(version, "cgminer") || CgminerReplies.mentions(version, "bmminer"))
                    && !CgminerReplies.mentions(version, "lux") && !CgminerReplies.mentions(version, "bos");
        } catch (MinerException | RuntimeException e) {
            return false;
        }
    }
}
