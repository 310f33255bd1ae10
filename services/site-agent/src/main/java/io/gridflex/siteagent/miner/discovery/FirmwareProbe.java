package io.gridflex.siteagent.miner.discovery;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.MinerEndpoint;

/**
 * Decides what answers at one address: a cheap TCP connect to each port of the {@link ScanPlan} (once per port),
 * then the drivers' identifying requests on the open ports, in the plan's preference order, the first to identify
 * winning, whose driver is then asked for the unit's hardware identity. The network
 * is behind two small interfaces so that the decision is tested without one.
 */
public final class FirmwareProbe {

    /** What a TCP connect to a port found. */
    public enum Port {
        /** Something accepted the connection. */
        OPEN,
        /** Refused at once: the host is there, nothing listens on the port. */
        CLOSED,
        /** No answer within the timeout: most likely no host at all. */
        SILENT
    }

    /** Connects to a port, within the driver timeout. */
    @FunctionalInterface
    public interface PortCheck {

        Port check(String host, int port);
    }

    /** Asks a firmware's driver whether it is what answers at an endpoint ({@code MinerDriver#identifies}). */
    @FunctionalInterface
    public interface Identifier {

        boolean identifies(Firmware firmware, MinerEndpoint endpoint);
    }

    private final ScanPlan plan;
    private final PortCheck ports;
    private final Identifier identifier;
    private final BiFunction<Firmware, MinerEndpoint, Optional<String>> hardwareIds;

    /** A probe that does not ask for hardware identities. */
    public FirmwareProbe(ScanPlan plan, PortCheck ports, Identifier identifier) {
        this(plan, ports, identifier, (firmware, endpoint) -> Optional.empty());
    }

    /**
     * @param hardwareIds asks the identifying firmware's driver for the unit's hardware identity
     *        ({@code MinerDriver#hardwareId})
     */
    public FirmwareProbe(ScanPlan plan, PortCheck ports, Identifier identifier,
            BiFunction<Firmware, MinerEndpoint, Optional<String>> hardwareIds) {
        this.plan = plan;
        this.ports = ports;
        this.identifier = identifier;
        this.hardwareIds = hardwareIds;
    }

    public ScanPlan plan() {
        return plan;
    }

    /**
     * What answers at {@code host}. Where the miner is already known at {@code known}, the firmwares of that port are
     * tried there first, so that a miner that answers on several ports (Braiins OS on 80 and 4028) keeps its endpoint
     * and a firmware change on the same port is seen as one.
     */
    public Optional<Detected> probe(String host, Optional<MinerEndpoint> known) {
        Map<Integer, Port> checked = new HashMap<>();
        if (known.isPresent() && known.get().host().equals(host)) {
            Optional<Detected> there = tryPort(host, known.get().port(), checked);
            if (there.isPresent()) {
                return there;
            }
        }
        for (ScanPlan.Probe probe : plan.probes()) {
            Port state = checked.computeIfAbsent(probe.port(), p -> ports.check(host, p));
            if (state == Port.SILENT) {
                // A host that does not answer a connect at all is not there: its other ports would wait as long.
                return Optional.empty();
            }
            MinerEndpoint endpoint = new MinerEndpoint(host, probe.port());
            if (state == Port.OPEN && identifier.identifies(probe.firmware(), endpoint)) {
                return Optional.of(detected(probe.firmware(), endpoint));
            }
        }
        return Optional.empty();
    }

    private Optional<Detected> tryPort(String host, int port, Map<Integer, Port> checked) {
        if (plan.on(port).isEmpty()) {
            return Optional.empty();
        }
        Port state = checked.computeIfAbsent(port, p -> ports.check(host, p));
        return state == Port.OPEN ? identify(host, port) : Optional.empty();
    }

    private Optional<Detected> identify(String host, int port) {
        MinerEndpoint endpoint = new MinerEndpoint(host, port);
        for (ScanPlan.Probe probe : plan.on(port)) {
            if (identifier.identifies(probe.firmware(), endpoint)) {
                return Optional.of(detected(probe.firmware(), endpoint));
            }
        }
        return Optional.empty();
    }

    private Detected detected(Firmware firmware, MinerEndpoint endpoint) {
        return new Detected(firmware, endpoint, hardwareIds.apply(firmware, endpoint));
    }
}
