package io.gridflex.siteagent.miner.discovery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gridflex.siteagent.miner.Firmware;

/**
 * Which firmwares a scan looks for, on which ports, in which order. The order is the agent's preference: the most
 * specific dialect first, so that a port several firmwares share goes to the one that really answers (LuxOS,
 * Whatsminer API v2 and bosminer before the plain cgminer API they all extend on 4028; Braiins OS's REST API before stock Antminer CGI on
 * 80), and the most capable API first where one miner offers several (Braiins OS answers on 80 and as bosminer on
 * 4028: it is driven over REST, which takes exact power targets).
 *
 * @param probes each firmware to try with its port, in preference order
 */
public record ScanPlan(List<Probe> probes) {

    /** Preference order, most specific and most capable first; generic dialects last. */
    static final List<Firmware> PREFERENCE = List.of(Firmware.LUXOS, Firmware.BRAIINS, Firmware.WHATSMINER,
            Firmware.WHATSMINER_V2, Firmware.BOSMINER, Firmware.ANTMINER, Firmware.CGMINER);

    /** One firmware to try and the port its API is expected on. */
    public record Probe(Firmware firmware, int port) {
    }

    public ScanPlan {
        probes = List.copyOf(probes);
        if (probes.isEmpty()) {
            throw new IllegalArgumentException("a scan must look for at least one firmware");
        }
    }

    /**
     * The plan for the given firmwares (every one if empty), with ports overridden where a site (or a test without
     * root, for port 80) runs a firmware elsewhere.
     */
    public static ScanPlan of(Collection<Firmware> firmwares, Map<Firmware, Integer> ports) {
        Set<Firmware> wanted = firmwares.isEmpty() ? Set.of(Firmware.values()) : Set.copyOf(firmwares);
        List<Probe> probes = new ArrayList<>();
        for (Firmware firmware : PREFERENCE) {
            if (wanted.contains(firmware)) {
                int port = ports.getOrDefault(firmware, firmware.defaultPort());
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("gridflex.site.scan.ports." + firmware.key() + ": not a port: "
                            + port);
                }
                probes.add(new Probe(firmware, port));
            }
        }
        return new ScanPlan(probes);
    }

    /** Reads the configuration's names: firmware keys in any case, ports keyed by firmware. */
    public static ScanPlan fromConfig(List<String> firmwareKeys, Map<String, Integer> portsByKey) {
        List<Firmware> firmwares = firmwareKeys.stream().map(Firmware::ofKey).toList();
        Map<Firmware, Integer> ports = new EnumMap<>(Firmware.class);
        portsByKey.forEach((key, port) -> ports.put(Firmware.ofKey(key), port));
        return of(firmwares, ports);
    }

    /** The distinct ports to try, in the order of the first firmware on each. */
    public List<Integer> ports() {
        Set<Integer> ports = new LinkedHashSet<>();
        probes.forEach(p -> ports.add(p.port()));
        return List.copyOf(ports);
    }

    /** The probes on one port, in preference order. */
    public List<Probe> on(int port) {
        return probes.stream().filter(p -> p.port() == port).toList();
    }

    /** The port a firmware is looked for on, or -1 when the scan does not look for it. */
    public int portOf(Firmware firmware) {
        return probes.stream().filter(p -> p.firmware() == firmware).mapToInt(Probe::port).findFirst().orElse(-1);
    }
}
