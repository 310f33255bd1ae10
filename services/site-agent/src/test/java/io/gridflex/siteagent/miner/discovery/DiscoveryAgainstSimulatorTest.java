package io.gridflex.siteagent.miner.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gridflex.messages.MessageCodec;
import io.gridflex.minersim.fleet.MinerAddress;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.RecordingLink;
import io.gridflex.siteagent.SiteLogins;
import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.InventoryEntry;
import io.gridflex.siteagent.miner.MinerCredentials;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerStatus;
import io.gridflex.siteagent.miner.antminer.AntminerDriver;
import io.gridflex.siteagent.miner.bosminer.BosminerDriver;
import io.gridflex.siteagent.miner.braiins.BraiinsDriver;
import io.gridflex.siteagent.miner.cgminer.CgminerDriver;
import io.gridflex.siteagent.miner.discovery.InventoryChange.Kind;
import io.gridflex.siteagent.miner.luxos.LuxosDriver;
import io.gridflex.siteagent.miner.whatsminer.WhatsminerDriver;
import io.gridflex.siteagent.miner.whatsminer2.WhatsminerV2Driver;
import io.gridflex.siteagent.schedule.AckPublisher;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Scanning against the simulator's independent firmwares: a mixed fleet on per-miner loopback addresses inside a /22
 * of its own (LuxOS, Whatsminer API v2, bosminer and cgminer all on 4028; Braiins OS and Antminer on 18080, since
 * port 80 needs root; Whatsminer API v3 on 4433), and single miners whose firmware changes under the agent.
 */
class DiscoveryAgainstSimulatorTest {

    private static final int HTTP_PORT = 18080;
    private static final Map<String, Integer> PORTS = Map.of("braiins", HTTP_PORT, "antminer", HTTP_PORT);
    /** A /16 of its own under 127.x, so that tests running side by side do not share addresses. */
    private static final int SECOND = ThreadLocalRandom.current().nextInt(30, 250);
    /** The mixed fleet's /22 and the changing miner's address, in different /24s of that /16. */
    private static final int THIRD = 4 * ThreadLocalRandom.current().nextInt(0, 60);
    private static final String BLOCK = "127." + SECOND + "." + THIRD + ".0/22";
    private static final String CHANGING = "127." + SECOND + "." + (THIRD + 4 + ThreadLocalRandom.current()
            .nextInt(0, 4)) + "." + ThreadLocalRandom.current().nextInt(1, 255);
    /** Where a miner that changes address goes: the /24 after the changing miner's block. */
    private static final String MOVED_TO = "127." + SECOND + "." + (THIRD + 8) + "."
            + ThreadLocalRandom.current().nextInt(1, 255);

    /** Every firmware the simulator speaks, three miners each. */
    private static final int FIRMWARES = io.gridflex.minersim.fleet.Firmware.values().length;
    private static final int PER_FIRMWARE = 3;
    private static final int MINERS = PER_FIRMWARE * FIRMWARES;

    private static final SiteLogins SECRETS = SiteLogins.madeUp();
    private static SimulatedFleet fleet;
    private static DriverSettings settings;
    private final List<SimulatedFleet> single = new ArrayList<>();

    @BeforeAll
    static void startFleet() {
        Map<io.gridflex.minersim.fleet.Firmware, Integer> mix = new LinkedHashMap<>();
        for (io.gridflex.minersim.fleet.Firmware firmware : io.gridflex.minersim.fleet.Firmware.values()) {
            mix.put(firmware, PER_FIRMWARE);
        }
        // Miners spread over the block, not only at its start: a gap, then the rest on the next /24 and beyond.
        fleet = simulated("mixed", mix, "127." + SECOND + "." + (THIRD + 1) + ".250");
        settings = new DriverSettings(Duration.ofSeconds(2), Clock.systemUTC(), MinerCredentials.of(SECRETS.logins()));
    }

    private static SimulatedFleet simulated(String site, Map<io.gridflex.minersim.fleet.Firmware, Integer> mix,
            String base) {
        return SECRETS.on(SimulatedFleet.builder(site).model(MinerModel.S19XP).firmwares(mix).addressPerMiner(base)
                .firmwarePort(io.gridflex.minersim.fleet.Firmware.BRAIINS, HTTP_PORT)
                .firmwarePort(io.gridflex.minersim.fleet.Firmware.ANTMINER, HTTP_PORT)
                .noise(0).warmUp(Duration.ofMillis(300)).sleepRamp(Duration.ofMillis(200))).start();
    }

    @AfterAll
    static void stopFleet() {
        fleet.close();
    }

    @AfterEach
    void stopSingleMiners() {
        single.forEach(SimulatedFleet::close);
    }

    /** The agent's parts as it wires them: drivers, the fleet view, its book, and discovery over the given ranges. */
    private record Agent(MinerDrivers drivers, FleetView view, ScheduleBook book, Discovery discovery) {
    }

    private static Agent agent(List<String> staticMiners, List<String> ranges) {
        return agent(staticMiners, ranges, TestSiteConfig.freshStateFile());
    }

    /** An agent on {@code stateFile}: a restarted one knows what its predecessor scanned and held. */
    private static Agent agent(List<String> staticMiners, List<String> ranges, Path stateFile) {
        TestSiteConfig config = new TestSiteConfig("scan", 1000, staticMiners, stateFile,
                TestSiteConfig.TestScan.of(ranges, PORTS));
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        ScheduleBook book = new ScheduleBook(config, Clock.systemUTC(),
                new AckPublisher(new RecordingLink(), new MessageCodec(), metrics), metrics);
        MinerDrivers drivers = new MinerDrivers(config, List.of(new LuxosDriver(settings), new BraiinsDriver(settings),
                new BosminerDriver(settings), new WhatsminerDriver(settings), new WhatsminerV2Driver(settings),
                new AntminerDriver(settings), new CgminerDriver(settings)));
        FleetView view = new FleetView(config, drivers);
        return new Agent(drivers, view, book, new Discovery(config, drivers, view, book, metrics, settings));
    }

    private static Firmware firmware(MinerAddress address) {
        return Firmware.ofKey(address.firmware().name());
    }

    private static Map<MinerEndpoint, Firmware> inventory(MinerDrivers drivers) {
        return drivers.entries().stream()
                .collect(Collectors.toMap(InventoryEntry::endpoint, InventoryEntry::firmware));
    }

    private SimulatedFleet startSingle(io.gridflex.minersim.fleet.Firmware firmware) {
        return startSingle(firmware, CHANGING);
    }

    /** One miner at {@code address}: the same unit (id, MAC address) whatever the address. */
    private SimulatedFleet startSingle(io.gridflex.minersim.fleet.Firmware firmware, String address) {
        SimulatedFleet miner = simulated("changing-" + firmware.name().toLowerCase(), Map.of(firmware, 1), address);
        single.add(miner);
        return miner;
    }

    @Test
    void aScanOfTheBlockFindsEveryMinerWithItsFirmwareAndNothingElse() throws InterruptedException {
        Agent agent = agent(List.of(), List.of(BLOCK));
        assertThat(agent.drivers().endpoints()).isEmpty();

        long started = System.nanoTime();
        List<InventoryChange> changes = agent.discovery().scanNow();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("scanned %s (1024 addresses, %d miners of %d firmwares) in %d ms%n", BLOCK,
                fleet.miners().size(), FIRMWARES, millis);

        Map<MinerEndpoint, Firmware> expected = fleet.addresses().stream()
                .collect(Collectors.toMap(a -> MinerEndpoint.parse(a.endpoint()),
                        DiscoveryAgainstSimulatorTest::firmware));
        assertThat(expected).hasSize(MINERS);
        assertThat(inventory(agent.drivers())).isEqualTo(expected);
        expected.forEach((miner, firmware) -> assertThat(agent.drivers().driver(miner).firmware())
                .as("driver of %s", miner).isEqualTo(firmware));
        assertThat(changes).hasSize(MINERS).allMatch(c -> c.kind() == Kind.NEW);
        assertThat(agent.drivers().isStatic(expected.keySet().iterator().next())).isFalse();

        // Scanning again changes nothing.
        assertThat(agent.discovery().scanNow()).isEmpty();
        assertThat(inventory(agent.drivers())).isEqualTo(expected);
    }

    @Test
    void theFleetViewTracksScannedMinersAndReadsThem() throws InterruptedException {
        Agent agent = agent(List.of(), List.of(BLOCK));
        assertThat(agent.view().sampleAll()).isEmpty();
        // The controller waits for a reading of every miner: before the first scan, that is not known.
        assertThat(agent.view().sampledOnce()).isFalse();

        agent.discovery().scanNow();

        assertThat(agent.view().snapshot()).hasSize(MINERS).allSatisfy(s -> assertThat(s.last()).isNull());
        List<MinerStatus> read = agent.view().sampleAll();
        assertThat(read).hasSize(MINERS).allSatisfy(s -> {
            assertThat(s.reachable()).as("%s answers", s.endpoint()).isTrue();
            assertThat(s.hashing()).as("%s hashes", s.endpoint()).isTrue();
        });
        assertThat(agent.view().sampledOnce()).isTrue();
        assertThat(agent.view().status(MinerEndpoint.parse(fleet.address(0).endpoint())).reachable()).isTrue();
        assertThat(agent.view().endpoints()).containsExactlyInAnyOrderElementsOf(agent.drivers().endpoints());
    }

    @Test
    void startedItScansOnItsOwnThreadWhileTheFleetIsReadAndTheControllerWaitsForIt() {
        Agent agent = agent(List.of(), List.of(BLOCK));
        try {
            agent.discovery().start();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                // The sampler's side, concurrently with the scan: never an error, and the controller may act only
                // once a reading began after the first scan.
                agent.view().sampleAll();
                assertThat(agent.view().sampledOnce()).isTrue();
                assertThat(agent.view().snapshot()).hasSize(MINERS).allMatch(MinerStatus::reachable);
            });
        } finally {
            agent.discovery().stop();
        }
    }

    @Test
    void staticEntriesWinForTheAddressesTheyNameAndScannedMinersAreAdded() throws InterruptedException {
        MinerAddress luxos = fleet.addresses().stream()
                .filter(a -> a.firmware() == io.gridflex.minersim.fleet.Firmware.LUXOS).findFirst().orElseThrow();
        // The operator says cgminer (read-only) for this LuxOS miner: the scan must not overrule it.
        String pinned = "cgminer://" + luxos.endpoint() + "?nominal-w=3000";
        Agent agent = agent(List.of(pinned), List.of(BLOCK));

        List<InventoryChange> changes = agent.discovery().scanNow();

        MinerEndpoint endpoint = MinerEndpoint.parse(luxos.endpoint());
        assertThat(agent.drivers().isStatic(endpoint)).isTrue();
        assertThat(agent.drivers().driver(endpoint).firmware()).isEqualTo(Firmware.CGMINER);
        assertThat(agent.drivers().nominalW(endpoint)).isEqualTo(3000);
        assertThat(agent.drivers().endpoints()).hasSize(MINERS).startsWith(endpoint);
        assertThat(changes).hasSize(MINERS - 1).noneMatch(c -> c.miner().equals(endpoint));
    }

    @Test
    void aMinerReflashedOnTheSamePortGetsTheNewDriverAtTheNextScanAndAGoneOneIsKept() throws Exception {
        startSingle(io.gridflex.minersim.fleet.Firmware.BOSMINER);
        Agent agent = agent(List.of(), List.of(CHANGING));
        MinerEndpoint miner = new MinerEndpoint(CHANGING, 4028);

        assertThat(agent.discovery().scanNow()).extracting(InventoryChange::kind).containsExactly(Kind.NEW);
        assertThat(agent.drivers().driver(miner).firmware()).isEqualTo(Firmware.BOSMINER);

        single.removeFirst().close();
        startSingle(io.gridflex.minersim.fleet.Firmware.LUXOS);
        List<InventoryChange> changes = agent.discovery().scanNow();

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.FIRMWARE_CHANGED);
            assertThat(c.miner()).isEqualTo(miner);
            assertThat(c.before()).isEqualTo(Firmware.BOSMINER);
            assertThat(c.after()).isEqualTo(Firmware.LUXOS);
        });
        assertThat(agent.drivers().driver(miner).firmware()).isEqualTo(Firmware.LUXOS);
        assertThat(agent.drivers().driver(miner).read(miner).powerReported()).isTrue();
        assertThat(agent.drivers().endpoints()).containsExactly(miner);

        // Gone for good: reported once, kept in the inventory with its driver.
        single.removeFirst().close();
        assertThat(agent.discovery().scanNow()).extracting(InventoryChange::kind).containsExactly(Kind.GONE);
        assertThat(agent.discovery().scanNow()).isEmpty();
        assertThat(agent.discovery().gone()).containsExactly(miner);
        assertThat(agent.drivers().endpoints()).containsExactly(miner);
        assertThat(agent.view().snapshot()).extracting(MinerStatus::endpoint).containsExactly(miner);

        startSingle(io.gridflex.minersim.fleet.Firmware.LUXOS);
        assertThat(agent.discovery().scanNow()).extracting(InventoryChange::kind).containsExactly(Kind.RETURNED);
        assertThat(agent.discovery().gone()).isEmpty();
        assertThat(agent.discovery().changes()).extracting(InventoryChange::kind).containsExactly(Kind.NEW,
                Kind.FIRMWARE_CHANGED, Kind.GONE, Kind.RETURNED);
    }

    @Test
    void aScannedMinerThatKeepsFailingIsIdentifiedAgainBeforeTheNextScan() throws Exception {
        startSingle(io.gridflex.minersim.fleet.Firmware.LUXOS);
        Agent agent = agent(List.of(), List.of(CHANGING));
        MinerEndpoint miner = new MinerEndpoint(CHANGING, 4028);
        agent.discovery().scanNow();
        assertThat(agent.drivers().driver(miner).firmware()).isEqualTo(Firmware.LUXOS);
        assertThat(agent.view().sampleAll()).singleElement().satisfies(s -> assertThat(s.reachable()).isTrue());

        single.removeFirst().close();
        startSingle(io.gridflex.minersim.fleet.Firmware.BOSMINER);
        // The LuxOS driver's reads fail on bosminer; nothing happens before the third failure in a row.
        agent.view().sampleAll();
        agent.view().sampleAll();
        assertThat(agent.view().status(miner).failures()).isEqualTo(2);
        assertThat(agent.discovery().recheckFailing()).isEmpty();
        agent.view().sampleAll();

        assertThat(agent.discovery().recheckFailing()).extracting(InventoryChange::kind)
                .containsExactly(Kind.FIRMWARE_CHANGED);
        assertThat(agent.drivers().driver(miner).firmware()).isEqualTo(Firmware.BOSMINER);
        assertThat(agent.view().sampleAll()).singleElement().satisfies(s -> assertThat(s.reachable()).isTrue());
    }

    @Test
    void aUnitFoundAtAnotherAddressIsMovedThereWithWhatTheAgentHoldsOfIt() throws Exception {
        for (io.gridflex.minersim.fleet.Firmware firmware : List.of(io.gridflex.minersim.fleet.Firmware.LUXOS,
                io.gridflex.minersim.fleet.Firmware.BRAIINS, io.gridflex.minersim.fleet.Firmware.WHATSMINER,
                io.gridflex.minersim.fleet.Firmware.WHATSMINER_V2, io.gridflex.minersim.fleet.Firmware.ANTMINER)) {
            Path stateFile = TestSiteConfig.freshStateFile();
            SimulatedFleet before = startSingle(firmware);
            Agent agent = agent(List.of(), List.of(CHANGING, MOVED_TO), stateFile);
            agent.discovery().scanNow();
            MinerEndpoint old = MinerEndpoint.parse(before.address(0).endpoint());
            String mac = before.miner(0).mac().toLowerCase(Locale.ROOT);
            assertThat(agent.drivers().entry(old).hardwareId()).as(firmware.name()).contains(mac);
            // The agent put it to sleep.
            agent.book().hold(new HeldMiner(old.toString(), 3250, Instant.now(), null));

            // Its lease changed: the same unit (same id, same MAC) answers at another address.
            single.remove(before);
            before.close();
            SimulatedFleet after = startSingle(firmware, MOVED_TO);
            MinerEndpoint moved = MinerEndpoint.parse(after.address(0).endpoint());
            List<InventoryChange> changes = agent.discovery().scanNow();

            assertThat(changes).as(firmware.name()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(Kind.MOVED);
                assertThat(c.miner()).isEqualTo(moved);
                assertThat(c.detail()).contains(mac, old.toString());
            });
            assertThat(agent.drivers().endpoints()).containsExactly(moved);
            assertThat(agent.drivers().entry(moved).hardwareId()).contains(mac);
            assertThat(agent.view().snapshot()).extracting(MinerStatus::endpoint).containsExactly(moved);
            assertThat(agent.book().view().held()).extracting(HeldMiner::endpoint).containsExactly(moved.toString());
            assertThat(agent.discovery().gone()).isEmpty();
            // Known as moved after a restart: the scanned inventory has it at its new address only.
            assertThat(agent(List.of(), List.of(CHANGING, MOVED_TO), stateFile).drivers().endpoints())
                    .containsExactly(moved);
            assertThat(agent.discovery().scanNow()).isEmpty();
            single.remove(after);
            after.close();
        }
    }

    @Test
    void anAgentRestartedBetweenWritingTheNewAddressAndMovingTheHoldMovesItAgain() throws Exception {
        Path stateFile = TestSiteConfig.freshStateFile();
        SimulatedFleet before = startSingle(io.gridflex.minersim.fleet.Firmware.LUXOS);
        Agent first = agent(List.of(), List.of(CHANGING, MOVED_TO), stateFile);
        first.discovery().scanNow();
        MinerEndpoint old = MinerEndpoint.parse(before.address(0).endpoint());
        first.book().hold(new HeldMiner(old.toString(), 3250, Instant.now(), null));
        single.remove(before);
        before.close();
        SimulatedFleet after = startSingle(io.gridflex.minersim.fleet.Firmware.LUXOS, MOVED_TO);
        MinerEndpoint moved = MinerEndpoint.parse(after.address(0).endpoint());
        // The crash: the new address was written (the unit known at both), the hold not yet moved.
        first.drivers().putScanned(first.drivers().entry(old).at(moved,
                io.gridflex.siteagent.miner.Firmware.LUXOS));

        Agent restarted = agent(List.of(), List.of(CHANGING, MOVED_TO), stateFile);
        assertThat(restarted.drivers().endpoints()).containsExactlyInAnyOrder(old, moved);
        assertThat(restarted.book().view().held()).extracting(HeldMiner::endpoint).containsExactly(old.toString());
        restarted.discovery().scanNow();

        assertThat(restarted.drivers().endpoints()).containsExactly(moved);
        assertThat(restarted.book().view().held()).extracting(HeldMiner::endpoint)
                .containsExactly(moved.toString());
    }

    @Test
    void anotherUnitAtAKnownAddressIsReportedAndTheOneThatLeftIsFollowedWhenFound() throws Exception {
        SimulatedFleet before = startSingle(io.gridflex.minersim.fleet.Firmware.LUXOS);
        Agent agent = agent(List.of(), List.of(CHANGING, MOVED_TO));
        agent.discovery().scanNow();
        MinerEndpoint address = MinerEndpoint.parse(before.address(0).endpoint());
        String mac = before.miner(0).mac().toLowerCase(Locale.ROOT);
        agent.book().hold(new HeldMiner(address.toString(), 3250, Instant.now(), null));
        single.remove(before);
        before.close();
        // A different unit takes the address; the one that was there is nowhere yet.
        SimulatedFleet stranger = simulated("stranger", Map.of(io.gridflex.minersim.fleet.Firmware.LUXOS, 1),
                CHANGING);
        single.add(stranger);

        assertThat(agent.discovery().scanNow()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.REPLACED);
            assertThat(c.miner()).isEqualTo(address);
            assertThat(c.detail()).contains(mac, stranger.miner(0).mac().toLowerCase(Locale.ROOT));
        });
        assertThat(agent.discovery().scanNow()).as("reported once").isEmpty();
        assertThat(agent.drivers().entry(address).hardwareId()).contains(mac);
        assertThat(agent.book().view().held()).extracting(HeldMiner::endpoint).containsExactly(address.toString());

        // The unit that left turns up elsewhere: its hold follows it, and the stranger is a new miner.
        SimulatedFleet moved = startSingle(io.gridflex.minersim.fleet.Firmware.LUXOS, MOVED_TO);
        List<InventoryChange> changes = agent.discovery().scanNow();

        MinerEndpoint movedTo = MinerEndpoint.parse(moved.address(0).endpoint());
        assertThat(changes).extracting(InventoryChange::kind, InventoryChange::miner)
                .containsExactlyInAnyOrder(tuple(Kind.MOVED, movedTo),
                        tuple(Kind.NEW, address));
        assertThat(agent.drivers().entry(address).hardwareId())
                .contains(stranger.miner(0).mac().toLowerCase(Locale.ROOT));
        assertThat(agent.drivers().entry(movedTo).hardwareId()).contains(mac);
        assertThat(agent.book().view().held()).extracting(HeldMiner::endpoint)
                .containsExactly(movedTo.toString());
    }
}
