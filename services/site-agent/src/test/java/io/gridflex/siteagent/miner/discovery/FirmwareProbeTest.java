package io.gridflex.siteagent.miner.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.discovery.FirmwareProbe.Port;

/** The order firmwares are tried in and what a probe decides, on a fake network. */
class FirmwareProbeTest {

    private static final String HOST = "10.0.4.17";

    /** A host with some ports open and the firmwares that really answer on them (a real driver says no to others). */
    private record FakeHost(Map<Integer, Port> ports, Map<Integer, Set<Firmware>> answers, List<String> asked) {

        FakeHost(Map<Integer, Port> ports, Map<Integer, Set<Firmware>> answers) {
            this(ports, answers, new ArrayList<>());
        }

        FirmwareProbe probe(ScanPlan plan) {
            return new FirmwareProbe(plan, (host, port) -> {
                asked.add("connect " + port);
                return ports.getOrDefault(port, Port.CLOSED);
            }, (firmware, endpoint) -> {
                asked.add(firmware.key() + " " + endpoint.port());
                return answers.getOrDefault(endpoint.port(), Set.of()).contains(firmware);
            });
        }
    }

    private static final ScanPlan ALL = ScanPlan.of(List.of(), Map.of());

    @Test
    void thePlanTriesTheMostSpecificFirmwareFirstOnEveryPort() {
        assertThat(ALL.on(4028)).extracting(ScanPlan.Probe::firmware).containsExactly(Firmware.LUXOS,
                Firmware.WHATSMINER_V2, Firmware.BOSMINER, Firmware.CGMINER);
        assertThat(ALL.on(80)).extracting(ScanPlan.Probe::firmware).containsExactly(Firmware.BRAIINS,
                Firmware.ANTMINER);
        assertThat(ALL.on(4433)).extracting(ScanPlan.Probe::firmware).containsExactly(Firmware.WHATSMINER);
        assertThat(ALL.ports()).containsExactly(4028, 80, 4433);
    }

    @Test
    void portsAreOverriddenAndFirmwaresChosenByConfiguration() {
        ScanPlan plan = ScanPlan.fromConfig(List.of("CGMiner", "braiins", "luxos"), Map.of("braiins", 18080));
        assertThat(plan.probes()).containsExactly(new ScanPlan.Probe(Firmware.LUXOS, 4028),
                new ScanPlan.Probe(Firmware.BRAIINS, 18080), new ScanPlan.Probe(Firmware.CGMINER, 4028));
        assertThat(plan.portOf(Firmware.ANTMINER)).isEqualTo(-1);
        assertThat(ScanPlan.fromConfig(List.of("whatsminer-v2"), Map.of("WHATSMINER_V2", 14028)).probes())
                .containsExactly(new ScanPlan.Probe(Firmware.WHATSMINER_V2, 14028));
        assertThatThrownBy(() -> ScanPlan.fromConfig(List.of("bitaxe"), Map.of()))
                .hasMessageContaining("unknown miner firmware 'bitaxe'");
        assertThatThrownBy(() -> ScanPlan.fromConfig(List.of(), Map.of("braiins", 0))).hasMessageContaining(
                "gridflex.site.scan.ports.braiins");
    }

    @Test
    void onASharedPortTheSpecificFirmwareWinsOverTheGenericOneThatAlsoAnswers() {
        // A LuxOS miner also speaks the base cgminer API: the plain cgminer driver would claim it too.
        FakeHost luxos = new FakeHost(Map.of(4028, Port.OPEN), Map.of(4028, Set.of(Firmware.LUXOS, Firmware.CGMINER)));
        assertThat(luxos.probe(ALL).probe(HOST, Optional.empty()))
                .contains(new Detected(Firmware.LUXOS, new MinerEndpoint(HOST, 4028)));
        FakeHost bos = new FakeHost(Map.of(4028, Port.OPEN), Map.of(4028, Set.of(Firmware.BOSMINER, Firmware.CGMINER)));
        assertThat(bos.probe(ALL).probe(HOST, Optional.empty())).map(Detected::firmware).contains(Firmware.BOSMINER);
        // A Whatsminer API v2 miner also answers the base API's reads, as a cgminer fork.
        FakeHost whatsminerV2 = new FakeHost(Map.of(4028, Port.OPEN),
                Map.of(4028, Set.of(Firmware.WHATSMINER_V2, Firmware.CGMINER)));
        assertThat(whatsminerV2.probe(ALL).probe(HOST, Optional.empty()))
                .contains(new Detected(Firmware.WHATSMINER_V2, new MinerEndpoint(HOST, 4028)));
        assertThat(whatsminerV2.asked()).containsSubsequence("luxos 4028", "whatsminer-v2 4028")
                .doesNotContain("bosminer 4028", "cgminer 4028");
        FakeHost cgminer = new FakeHost(Map.of(4028, Port.OPEN), Map.of(4028, Set.of(Firmware.CGMINER)));
        assertThat(cgminer.probe(ALL).probe(HOST, Optional.empty())).map(Detected::firmware)
                .contains(Firmware.CGMINER);
        FakeHost antminer = new FakeHost(Map.of(80, Port.OPEN), Map.of(80, Set.of(Firmware.ANTMINER)));
        assertThat(antminer.probe(ALL).probe(HOST, Optional.empty())).map(Detected::firmware)
                .contains(Firmware.ANTMINER);
        assertThat(antminer.asked()).containsSubsequence("braiins 80", "antminer 80");
    }

    @Test
    void aMinerWithSeveralApisIsDrivenOverTheMostCapableOne() {
        // Braiins OS answers REST on 80 and, as bosminer, on 4028.
        FakeHost braiins = new FakeHost(Map.of(4028, Port.OPEN, 80, Port.OPEN),
                Map.of(4028, Set.of(Firmware.BOSMINER, Firmware.CGMINER), 80, Set.of(Firmware.BRAIINS)));
        assertThat(braiins.probe(ALL).probe(HOST, Optional.empty()))
                .contains(new Detected(Firmware.BRAIINS, new MinerEndpoint(HOST, 80)));
        // Unless the scan does not look for Braiins OS.
        ScanPlan noRest = ScanPlan.of(List.of(Firmware.BOSMINER, Firmware.CGMINER), Map.of());
        assertThat(braiins.probe(noRest).probe(HOST, Optional.empty())).map(Detected::firmware)
                .contains(Firmware.BOSMINER);
    }

    @Test
    void onlyOpenPortsAreAskedAndEachPortIsConnectedOnce() {
        FakeHost whatsminer = new FakeHost(Map.of(4433, Port.OPEN), Map.of(4433, Set.of(Firmware.WHATSMINER)));
        assertThat(whatsminer.probe(ALL).probe(HOST, Optional.empty())).map(Detected::firmware)
                .contains(Firmware.WHATSMINER);
        assertThat(whatsminer.asked()).containsExactly("connect 4028", "connect 80", "connect 4433",
                "whatsminer 4433");
    }

    @Test
    void nothingIsFoundWhereNothingIdentifiesAndASilentHostIsLeftAtOnce() {
        FakeHost printer = new FakeHost(Map.of(80, Port.OPEN), Map.of());
        assertThat(printer.probe(ALL).probe(HOST, Optional.empty())).isEmpty();
        assertThat(printer.asked()).contains("braiins 80", "antminer 80");
        FakeHost absent = new FakeHost(Map.of(4028, Port.SILENT), Map.of());
        assertThat(absent.probe(ALL).probe(HOST, Optional.empty())).isEmpty();
        assertThat(absent.asked()).containsExactly("connect 4028");
    }

    @Test
    void aKnownMinerIsAskedAtItsEndpointFirstSoAFirmwareChangeOnThePortIsSeenThere() {
        // Known as bosminer on 4028, now LuxOS there; it also still answers Braiins REST on 80 (say, a leftover).
        FakeHost reflashed = new FakeHost(Map.of(4028, Port.OPEN, 80, Port.OPEN),
                Map.of(4028, Set.of(Firmware.LUXOS, Firmware.CGMINER), 80, Set.of(Firmware.BRAIINS)));
        MinerEndpoint known = new MinerEndpoint(HOST, 4028);
        assertThat(reflashed.probe(ALL).probe(HOST, Optional.of(known)))
                .contains(new Detected(Firmware.LUXOS, known));
        // Known at 80 but that port went quiet: the host is identified afresh.
        FakeHost moved = new FakeHost(Map.of(4028, Port.OPEN), Map.of(4028, Set.of(Firmware.LUXOS)));
        assertThat(moved.probe(ALL).probe(HOST, Optional.of(new MinerEndpoint(HOST, 80))))
                .contains(new Detected(Firmware.LUXOS, new MinerEndpoint(HOST, 4028)));
        assertThat(moved.asked()).containsOnlyOnce("connect 80");
    }
}
