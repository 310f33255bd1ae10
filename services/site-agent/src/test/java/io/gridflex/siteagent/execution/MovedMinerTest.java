package io.gridflex.siteagent.execution;

import static io.gridflex.siteagent.Schedules.event;
import static io.gridflex.siteagent.Schedules.schedule;
import static io.gridflex.siteagent.Schedules.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.ScheduleAck.Status;
import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.RecordingLink;
import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.meter.MeterPoller;
import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerCommands;
import io.gridflex.siteagent.miner.MinerCredentials;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.miner.antminer.AntminerDriver;
import io.gridflex.siteagent.miner.bosminer.BosminerDriver;
import io.gridflex.siteagent.miner.braiins.BraiinsDriver;
import io.gridflex.siteagent.miner.cgminer.CgminerDriver;
import io.gridflex.siteagent.miner.discovery.Discovery;
import io.gridflex.siteagent.miner.discovery.InventoryChange;
import io.gridflex.siteagent.miner.luxos.LuxosDriver;
import io.gridflex.siteagent.miner.whatsminer.WhatsminerDriver;
import io.gridflex.siteagent.miner.whatsminer2.WhatsminerV2Driver;
import io.gridflex.siteagent.schedule.AckPublisher;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A scanned site whose miners all change address (new DHCP leases) while the agent is down in the middle of a shed:
 * the restarted agent finds each unit at its new address by its MAC address, takes what it held there, and wakes the
 * miners it had put to sleep once the schedule no longer needs them, where before it woke nothing.
 */
class MovedMinerTest {

    private static final int HTTP_PORT = 18080;
    private static final String SITE = "moving-site";
    private static final int SECOND = ThreadLocalRandom.current().nextInt(30, 250);
    private static final int THIRD = 2 * ThreadLocalRandom.current().nextInt(0, 120);
    private static final String BEFORE = "127." + SECOND + "." + THIRD + ".1";
    private static final String AFTER = "127." + SECOND + "." + (THIRD + 1) + ".101";

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private final RecordingLink acksOut = new RecordingLink();
    private TestSiteConfig config;
    private SimulatedFleet fleet;
    private ScheduleBook book;
    private FleetView view;
    private Discovery discovery;
    private SiteController controller;

    private static SimulatedFleet fleet(String base) {
        Map<Firmware, Integer> mix = new LinkedHashMap<>();
        mix.put(Firmware.LUXOS, 4);
        mix.put(Firmware.WHATSMINER, 2);
        mix.put(Firmware.BRAIINS, 2);
        return SimulatedFleet.builder(SITE).model(MinerModel.S19XP).firmwares(mix).addressPerMiner(base)
                .firmwarePort(Firmware.BRAIINS, HTTP_PORT).password(Firmware.BRAIINS, "b-secret")
                .password(Firmware.WHATSMINER, "w-secret").noise(0).sleepRamp(Duration.ofMillis(200))
                .warmUp(Duration.ofMillis(300)).start();
    }

    /** Starts an agent on the site's state: a restarted one carries on with what its predecessor scanned and held. */
    private void startAgent() {
        config = new TestSiteConfig(SITE, 1000, List.of(), dir.resolve("state.json"), TestSiteConfig.TestScan
                .of(List.of("127." + SECOND + "." + THIRD + ".0/23"), Map.of("braiins", HTTP_PORT)));
        Properties logins = new Properties();
        logins.setProperty("braiins.username", "root");
        logins.setProperty("braiins.password", "b-secret");
        logins.setProperty("whatsminer.username", "super");
        logins.setProperty("whatsminer.password", "w-secret");
        Clock clock = Clock.systemUTC();
        DriverSettings settings = new DriverSettings(config.miner().timeout(), clock, MinerCredentials.of(logins));
        MinerDrivers drivers = new MinerDrivers(config, List.of(new LuxosDriver(settings), new BraiinsDriver(settings),
                new BosminerDriver(settings), new WhatsminerDriver(settings), new WhatsminerV2Driver(settings),
                new AntminerDriver(settings), new CgminerDriver(settings)));
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        book = new ScheduleBook(config, clock, new AckPublisher(acksOut, codec, metrics), metrics);
        view = new FleetView(config, drivers);
        discovery = new Discovery(config, drivers, view, book, metrics, settings);
        controller = new SiteController(config, clock, book, view, new MinerCommands(drivers, metrics, clock, config),
                new OtherLoad(), MeterPoller.none(clock), metrics);
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void minersHeldAsleepThatMovedWhileTheAgentWasDownAreWokenAtTheirNewAddresses() throws InterruptedException {
        fleet = fleet(BEFORE);
        startAgent();
        assertThat(discovery.scanNow()).hasSize(8).allMatch(c -> c.kind() == InventoryChange.Kind.NEW);
        view.sampleAll();
        double full = fleet.powerW();
        Instant t = Instant.now().minusSeconds(1);
        book.offer(schedule(SITE, 1, Instant.now(), segment(t, t.plusSeconds(600), event("ev-move", 9))));
        stepUntil(() -> !acks(Status.SHED).isEmpty());
        Set<String> asleep = fleet.miners().stream().filter(m -> !m.isAwake()).map(SimulatedMiner::id)
                .collect(Collectors.toSet());
        assertThat(asleep).hasSizeGreaterThanOrEqualTo(2);
        int heldBefore = book.view().held().size();

        // The agent stops; every miner gets a new address and keeps its state (asleep stays asleep).
        fleet.close();
        fleet = fleet(AFTER);
        fleet.miners().stream().filter(m -> asleep.contains(m.id())).forEach(SimulatedMiner::sleep);
        startAgent();
        assertThat(book.view().held()).extracting(HeldMiner::endpoint).allMatch(e -> e.startsWith(BEFORE
                .substring(0, BEFORE.lastIndexOf('.') + 1)));

        List<InventoryChange> changes = discovery.scanNow();

        assertThat(changes).hasSize(8).allMatch(c -> c.kind() == InventoryChange.Kind.MOVED);
        Set<String> newEndpoints = fleet.addresses().stream().map(a -> a.endpoint()).collect(Collectors.toSet());
        // Every miner stopped or trimmed before is held at its new address.
        assertThat(book.view().held()).hasSize(heldBefore).extracting(HeldMiner::endpoint)
                .allMatch(newEndpoints::contains);

        // The event is cancelled: the sleeping units are woken where they are now.
        book.offer(schedule(SITE, 2, Instant.now()));
        stepUntil(() -> fleet.miners().stream().allMatch(SimulatedMiner::isAwake) && !acks(Status.RESTORED).isEmpty());
        assertThat(book.view().held()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.powerW() >= full - 1);
    }

    private void stepUntil(BooleanSupplier done) {
        SiteControllers.stepUntil(controller, view, done);
    }

    private List<ScheduleAck> acks(Status status) {
        return acksOut.acks(status);
    }
}
