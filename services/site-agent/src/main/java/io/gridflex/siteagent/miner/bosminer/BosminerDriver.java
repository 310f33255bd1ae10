package io.gridflex.siteagent.miner.bosminer;

import java.time.Clock;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

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
import io.gridflex.siteagent.miner.cgminerapi.JoinedRead;

/**
 * Legacy Braiins OS (bosminer) through its cgminer-compatible API on TCP 4028, no authentication:
 * <ul>
 * <li>sleep {@code {"command":"pause"}}, wake {@code {"command":"resume"}}</li>
 * <li>read {@code tunerstatus+summary} (or the two apart, on a miner refusing the joined command):
 * {@code TUNERSTATUS[0].ApproximateMinerPowerConsumption} (W) and {@code SUMMARY[0]} {@code "MHS 5s"} (or
 * {@code "GHS 5s"}, ...)</li>
 * <li>identify {@code {"command":"version"}}: a {@code VERSION[0]} naming BOSminer (a key or value containing
 * "bos")</li>
 * </ul>
 * A miner whose version refuses {@code tunerstatus} is read from {@code summary} alone, without power, from then on;
 * its capabilities say it reports none. No power target: bosminer changes it only by rewriting its config and
 * restarting, far too slow for demand response.
 */
@ApplicationScoped
public class BosminerDriver implements MinerDriver {

    private static final Logger LOG = Logger.getLogger(BosminerDriver.class);
    private static final Capabilities WITH_POWER = new Capabilities(true, false, false, true);
    private static final Capabilities WITHOUT_POWER = new Capabilities(true, false, false, false);

    private final CgminerTransport transport;
    private final JoinedRead reading;
    private final Clock clock;
    private final Set<MinerEndpoint> withoutTuner = ConcurrentHashMap.newKeySet();

    public BosminerDriver(DriverSettings settings) {
        this.transport = new CgminerTransport(settings.timeout());
        this.reading = new JoinedRead(transport, "tunerstatus", "summary");
        this.clock = settings.clock();
    }

    @Override
    public Firmware firmware() {
        return Firmware.BOSMINER;
    }

    @Override
    public Capabilities capabilities(MinerEndpoint miner) {
        return withoutTuner.contains(miner) ? WITHOUT_POWER : WITH_POWER;
    }

    @Override
    public MinerReading read(MinerEndpoint miner) throws MinerException {
        if (!withoutTuner.contains(miner)) {
            JsonNode reply;
            try {
                reply = reading.read(miner);
            } catch (MinerException e) {
                if (CgminerTransport.isTransportFailure(e) || !reading.separately(miner)
                        || e.getMessage() == null || !e.getMessage().contains(": tunerstatus failed")) {
                    throw e;
                }
                withoutTuner.add(miner);
                LOG.infof("miner %s refuses tunerstatus (%s); reading it without power from now on", miner,
                        e.getMessage());
                return withoutPower(miner);
            }
            JsonNode tuner = CgminerReplies.section(miner, reply, "tunerstatus", "TUNERSTATUS");
            double ghs = CgminerReplies.hashrateGhs(miner,
                    CgminerReplies.section(miner, reply, "summary", "SUMMARY"));
            OptionalDouble watts = CgminerReplies.number(tuner, "ApproximateMinerPowerConsumption");
            if (watts.isEmpty()) {
                throw new MinerException(miner + ": tunerstatus lacks ApproximateMinerPowerConsumption",
                        MinerException.NO_CODE);
            }
            return new MinerReading(watts.getAsDouble(), ghs, clock.instant());
        }
        return withoutPower(miner);
    }

    private MinerReading withoutPower(MinerEndpoint miner) throws MinerException {
        JsonNode summary = CgminerReplies.section(miner, transport.command(miner, "summary", null), "summary",
                "SUMMARY");
        return MinerReading.withoutPower(CgminerReplies.hashrateGhs(miner, summary), clock.instant());
    }

    @Override
    public void sleep(MinerEndpoint miner) throws MinerException {
        transport.command(miner, "pause", null);
    }

    @Override
    public void wake(MinerEndpoint miner) throws MinerException {
        transport.command(miner, "resume", null);
    }

    @Override
    public boolean identifies(MinerEndpoint miner) {
        try {
            JsonNode version = CgminerReplies.section(miner, transport.command(miner, "version", null), "version",
                    "VERSION");
            return CgminerReplies.mentions(version, "bos");
        } catch (MinerException | RuntimeException e) {
            return false;
        }
    }
}
