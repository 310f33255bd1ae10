package io.gridflex.siteagent.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.minersim.fleet.MinerAddress;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.siteagent.SiteLogins;
import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.miner.antminer.AntminerDriver;
import io.gridflex.siteagent.miner.bosminer.BosminerDriver;
import io.gridflex.siteagent.miner.braiins.BraiinsDriver;
import io.gridflex.siteagent.miner.cgminer.CgminerDriver;
import io.gridflex.siteagent.miner.luxos.LuxosDriver;
import io.gridflex.siteagent.miner.whatsminer.WhatsminerDriver;
import io.gridflex.siteagent.miner.whatsminer2.WhatsminerV2Driver;

/**
 * Every driver against the simulator's independent implementation of its firmware: a mixed fleet, each miner on its
 * own loopback address and its firmware's port (HTTP on 18080, since port 80 needs root), logins from a credentials
 * file. Reading, identifying, sleeping, waking, power targets and refused credentials, over real sockets.
 */
class DriversAgainstSimulatorTest {

    private static final int HTTP_PORT = 18080;
    private static SimulatedFleet fleet;
    private static MinerDrivers drivers;
    private static DriverSettings settings;

    @BeforeAll
    static void startFleet() {
        Map<io.gridflex.minersim.fleet.Firmware, Integer> mix = new LinkedHashMap<>();
        for (io.gridflex.minersim.fleet.Firmware firmware : io.gridflex.minersim.fleet.Firmware.values()) {
            mix.put(firmware, 2);
        }
        // A /16 of its own, so that tests running side by side do not share addresses.
        String base = "127." + ThreadLocalRandom.current().nextInt(30, 250) + "."
                + ThreadLocalRandom.current().nextInt(0, 250) + ".1";
        SiteLogins secrets = SiteLogins.madeUp();
        fleet = secrets.on(SimulatedFleet.builder("mixed").model(MinerModel.S19XP).firmwares(mix).addressPerMiner(base)
                .firmwarePort(io.gridflex.minersim.fleet.Firmware.BRAIINS, HTTP_PORT)
                .firmwarePort(io.gridflex.minersim.fleet.Firmware.ANTMINER, HTTP_PORT)
                .noise(0).sleepRamp(Duration.ofMillis(200)).warmUp(Duration.ofMillis(300))).start();
        settings = new DriverSettings(Duration.ofSeconds(2), Clock.systemUTC(), MinerCredentials.of(secrets.logins()));
        drivers = drivers(settings);
    }

    private static MinerDrivers drivers(DriverSettings settings) {
        List<String> inventory = fleet.addresses().stream().map(DriversAgainstSimulatorTest::entry).toList();
        TestSiteConfig config = new TestSiteConfig("mixed", 1000, inventory, Path.of("unused.json"));
        return new MinerDrivers(config, List.of(new LuxosDriver(settings), new BraiinsDriver(settings),
                new BosminerDriver(settings), new WhatsminerDriver(settings), new WhatsminerV2Driver(settings),
                new AntminerDriver(settings), new CgminerDriver(settings)));
    }

    private static String entry(MinerAddress address) {
        return Firmware.ofKey(address.firmware().name()).key() + "://" + address.endpoint()
                + (address.firmware() == io.gridflex.minersim.fleet.Firmware.ANTMINER ? "?nominal-w=3010" : "");
    }

    @AfterAll
    static void stopFleet() {
        fleet.close();
    }

    private static MinerEndpoint endpoint(int i) {
        return MinerEndpoint.parse(fleet.address(i).endpoint());
    }

    @Test
    void everyFirmwareIsReadAndReportsPowerWhereItCan() throws MinerException {
        for (int i = 0; i < fleet.miners().size(); i++) {
            MinerEndpoint miner = endpoint(i);
            MinerDriver driver = drivers.driver(miner);
            MinerReading reading = driver.read(miner);
            SimulatedMiner simulated = fleet.miner(i);
            assertThat(reading.hashing()).as("%s %s hashes", driver.firmware(), miner).isTrue();
            assertThat(reading.hashrateGhs() / 1000).as("%s hashrate in TH/s", driver.firmware())
                    .isCloseTo(simulated.hashrateThs(), within(simulated.hashrateThs() * 0.05));
            if (driver.capabilities(miner).reportsPower()) {
                assertThat(reading.powerReported()).isTrue();
                assertThat(reading.powerW()).as("%s draw", driver.firmware()).isCloseTo(simulated.powerW(),
                        within(simulated.powerW() * 0.05));
            } else {
                assertThat(reading.powerReported()).as("%s reports no power", driver.firmware()).isFalse();
            }
        }
    }

    @Test
    void eachDriverIdentifiesItsOwnFirmwareAndNoOther() {
        for (int i = 0; i < fleet.miners().size(); i++) {
            MinerEndpoint miner = endpoint(i);
            Firmware own = drivers.entry(miner).firmware();
            for (MinerDriver driver : List.of(drivers.driver(miner))) {
                assertThat(driver.identifies(miner)).as("%s identifies %s", driver.firmware(), miner).isTrue();
            }
            for (Firmware other : Firmware.values()) {
                MinerDriver driver = driverOf(other);
                if (other != own && sharesPort(own, other)) {
                    assertThat(driver.identifies(miner)).as("%s must not claim the %s miner %s", other, own, miner)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void everyFirmwareThatReportsItsMacAddressGivesTheUnitsOwnNormalised() {
        List<Firmware> withoutMac = List.of(Firmware.CGMINER, Firmware.BOSMINER);
        for (int i = 0; i < fleet.miners().size(); i++) {
            MinerEndpoint miner = endpoint(i);
            MinerDriver driver = drivers.driver(miner);
            if (withoutMac.contains(driver.firmware())) {
                assertThat(driver.hardwareId(miner)).as("%s has no MAC in its API", driver.firmware()).isEmpty();
            } else {
                // The simulator prints it in upper case (LuxOS in lower case); the agent keeps one form.
                assertThat(driver.hardwareId(miner)).as("%s %s", driver.firmware(), miner)
                        .contains(fleet.miner(i).mac().toLowerCase(Locale.ROOT));
            }
        }
        assertThat(fleet.miners()).extracting(SimulatedMiner::mac).doesNotHaveDuplicates();
    }

    @Test
    void everyFirmwareThatCanShedSleepsAndWakes() throws MinerException {
        for (int i = 0; i < fleet.miners().size(); i++) {
            MinerEndpoint miner = endpoint(i);
            MinerDriver driver = drivers.driver(miner);
            SimulatedMiner simulated = fleet.miner(i);
            if (!driver.capabilities(miner).sleep()) {
                assertThatThrownBy(() -> driver.sleep(miner)).isInstanceOf(MinerException.class)
                        .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNSUPPORTED));
                assertThat(simulated.isAwake()).isTrue();
                continue;
            }
            driver.sleep(miner);
            assertThat(simulated.isAwake()).as("%s %s asleep", driver.firmware(), miner).isFalse();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                MinerReading reading = driver.read(miner);
                assertThat(reading.hashing()).as("%s stopped hashing", driver.firmware()).isFalse();
            });
            driver.wake(miner);
            assertThat(simulated.isAwake()).as("%s %s awake", driver.firmware(), miner).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> driver.read(miner).hashing());
        }
    }

    @Test
    void braiinsTakesAnExactPowerTarget() throws MinerException {
        int i = indexOf(io.gridflex.minersim.fleet.Firmware.BRAIINS);
        MinerEndpoint miner = endpoint(i);
        assertThat(drivers.driver(miner).capabilities(miner).exactPowerTarget()).isTrue();
        drivers.driver(miner).powerTarget(miner, 2200);
        assertThat(fleet.miner(i).powerLevelW()).isEqualTo(2200);
        drivers.driver(miner).powerTarget(miner, 3010);
        assertThat(fleet.miner(i).powerLevelW()).isEqualTo(3010);
    }

    @Test
    void luxosTakesTheHighestProfileAtOrBelowATargetAndGoesBackToItsOwn() throws MinerException {
        int i = indexOf(io.gridflex.minersim.fleet.Firmware.LUXOS);
        MinerEndpoint miner = endpoint(i);
        MinerDriver driver = drivers.driver(miner);
        SimulatedMiner simulated = fleet.miner(i);
        assertThat(driver.capabilities(miner).presets()).isTrue();
        assertThat(simulated.atmEnabled()).isTrue();

        // The S19 XP's profiles step by a sixteenth of its 3010 W: 2300 W lies between 390MHz (2258 W) and 415MHz.
        driver.powerTarget(miner, 2300);
        assertThat(simulated.profile()).isEqualTo("390MHz");
        assertThat(simulated.powerLevelW()).isEqualTo(2258);
        assertThat(simulated.atmEnabled()).as("the thermal manager would move it off the profile").isFalse();
        driver.powerTarget(miner, 1700);
        assertThat(simulated.profile()).isEqualTo("315MHz");
        assertThat(simulated.powerLevelW()).isEqualTo(1693);

        driver.runInFull(miner, 3010);
        assertThat(simulated.profile()).isEqualTo("default");
        assertThat(simulated.powerLevelW()).isEqualTo(3010);
        assertThat(simulated.atmEnabled()).isTrue();
        assertThat(simulated.curtailLog()).extracting(e -> e.action()).endsWith("atm off", "profile 390MHz",
                "profile 315MHz", "profile default", "atm on");

        // Below its lowest profile (1505 W) no profile can hold the target: refused, and nothing changes.
        assertThatThrownBy(() -> driver.powerTarget(miner, 1400)).isInstanceOf(MinerException.class)
                .hasMessageContaining("1505 W")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNSUPPORTED));
        assertThat(simulated.profile()).isEqualTo("default");
        assertThat(simulated.atmEnabled()).isTrue();
    }

    @Test
    void aRestartedLuxosDriverRunsATrimmedMinerOnTheProfileNearestItsFormerDrawWithItsThermalManagerOn()
            throws MinerException {
        int i = indexOf(io.gridflex.minersim.fleet.Firmware.LUXOS) + 1;
        assertThat(fleet.address(i).firmware()).isEqualTo(io.gridflex.minersim.fleet.Firmware.LUXOS);
        MinerEndpoint miner = endpoint(i);
        SimulatedMiner simulated = fleet.miner(i);
        new LuxosDriver(settings).powerTarget(miner, 2000);
        assertThat(simulated.profile()).isEqualTo("340MHz");
        assertThat(simulated.atmEnabled()).isFalse();

        // The agent restarted: what the miner ran before is forgotten; the draw it had then is in its hold.
        new LuxosDriver(settings).runInFull(miner, 2950);

        assertThat(simulated.profile()).isEqualTo("default");
        assertThat(simulated.powerLevelW()).isEqualTo(3010);
        assertThat(simulated.atmEnabled()).isTrue();
    }

    @Test
    void aRestartedLuxosDriverWithItsStateBringsATrimmedMinerBackToItsOwnProfileAndThermalManager(@TempDir Path dir)
            throws Exception {
        int i = indexOf(io.gridflex.minersim.fleet.Firmware.LUXOS) + 1;
        MinerEndpoint miner = endpoint(i);
        SimulatedMiner simulated = fleet.miner(i);
        // Its owner runs it on 440MHz with ATM off.
        simulated.setAtmEnabled(false);
        simulated.setProfile("440MHz", 2634);
        DriverSettings kept = new DriverSettings(settings.timeout(), settings.clock(), settings.credentials(),
                Optional.of(dir.resolve("state.json")));
        try {
            new LuxosDriver(kept).powerTarget(miner, 2000);
            assertThat(simulated.profile()).isEqualTo("340MHz");
            assertThat(Files.readString(dir.resolve("state.json.luxos-profiles"))).contains("440MHz");

            // The agent restarted: the file says where the miner came from.
            new LuxosDriver(kept).runInFull(miner, 3010);

            assertThat(simulated.profile()).isEqualTo("440MHz");
            assertThat(simulated.atmEnabled()).as("off, as its owner had it").isFalse();
            assertThat(Files.readString(dir.resolve("state.json.luxos-profiles"))).isEqualTo("{}");
        } finally {
            simulated.setAtmEnabled(true);
            simulated.setProfile("default", 3010);
        }
    }

    @Test
    void whatTrimmedLuxosMinersRanFollowsThemWhenTheySwapAddresses(@TempDir Path dir) throws Exception {
        int i = indexOf(io.gridflex.minersim.fleet.Firmware.LUXOS);
        int j = i + 1;
        SimulatedMiner tuned = fleet.miner(i);
        SimulatedMiner stock = fleet.miner(j);
        tuned.setAtmEnabled(false);
        tuned.setProfile("440MHz", 2634);
        DriverSettings kept = new DriverSettings(settings.timeout(), settings.clock(), settings.credentials(),
                Optional.of(dir.resolve("state.json")));
        try {
            LuxosDriver driver = new LuxosDriver(kept);
            driver.powerTarget(endpoint(i), 2000);
            driver.powerTarget(endpoint(j), 2300);

            // Scanning found each unit at the other's address; the agent then restarted.
            driver.relocated(Map.of(endpoint(i), endpoint(j), endpoint(j), endpoint(i)));
            LuxosDriver restarted = new LuxosDriver(kept);
            restarted.runInFull(endpoint(j), 3010);
            restarted.runInFull(endpoint(i), 3010);

            // What answers at j now is the tuned unit: it gets its 440MHz and ATM off back, and the stock one its own.
            assertThat(stock.profile()).isEqualTo("440MHz");
            assertThat(stock.atmEnabled()).isFalse();
            assertThat(tuned.profile()).isEqualTo("default");
            assertThat(tuned.atmEnabled()).isTrue();
        } finally {
            for (SimulatedMiner m : List.of(tuned, stock)) {
                m.setAtmEnabled(true);
                m.setProfile("default", 3010);
            }
        }
    }

    @Test
    void braiinsRunsATrimmedMinerInFullOnItsOwnTargetOrAfterARestartOnTheDrawItHad() throws MinerException {
        int i = indexOf(io.gridflex.minersim.fleet.Firmware.BRAIINS) + 1;
        assertThat(fleet.address(i).firmware()).isEqualTo(io.gridflex.minersim.fleet.Firmware.BRAIINS);
        MinerEndpoint miner = endpoint(i);
        SimulatedMiner simulated = fleet.miner(i);
        // Its owner runs it at 2800 W; the agent measured 2950 W while it hashed (readings differ from targets).
        simulated.setPowerLevel(2800);
        try {
            MinerDriver driver = new BraiinsDriver(settings);
            driver.powerTarget(miner, 2000);
            driver.powerTarget(miner, 1800);
            assertThat(simulated.powerLevelW()).isEqualTo(1800);
            driver.runInFull(miner, 2950);
            assertThat(simulated.powerLevelW()).as("its own target, not the draw measured").isEqualTo(2800);

            new BraiinsDriver(settings).powerTarget(miner, 2000);
            new BraiinsDriver(settings).runInFull(miner, 2950);
            assertThat(simulated.powerLevelW()).as("restarted: the draw it had").isEqualTo(2950);
        } finally {
            simulated.setPowerLevel(3010);
        }
    }

    @Test
    void whatsminerV2TakesAPowerShareRoundedUp() throws MinerException {
        int i = indexOf(io.gridflex.minersim.fleet.Firmware.WHATSMINER_V2);
        MinerEndpoint miner = endpoint(i);
        MinerDriver driver = drivers.driver(miner);
        assertThat(driver.capabilities(miner).powerPercent()).isTrue();
        driver.read(miner);
        // 2200 W of the S19 XP's 3010 W is 73.1 %: 74 % holds at least that much.
        driver.powerTarget(miner, 2200);
        assertThat(fleet.miner(i).powerLevelW()).isCloseTo(3010 * 0.74, within(0.01));
        driver.powerTarget(miner, 3010);
        assertThat(fleet.miner(i).powerLevelW()).isEqualTo(3010);
    }

    @Test
    void whatsminerV2WithWriteAccessDisabledSaysSoAndKeepsHashing() {
        int i = indexOf(io.gridflex.minersim.fleet.Firmware.WHATSMINER_V2);
        MinerEndpoint miner = endpoint(i);
        fleet.miner(i).setWriteAccess(false);
        try {
            assertThatThrownBy(() -> drivers.driver(miner).sleep(miner)).isInstanceOf(MinerException.class)
                    .hasMessageContaining("write access is disabled")
                    .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(45));
            assertThat(fleet.miner(i).isAwake()).isTrue();
        } finally {
            fleet.miner(i).setWriteAccess(true);
        }
    }

    @Test
    void refusedCredentialsAreAnAuthorizationFailureAndNeverShown() {
        Properties wrong = new Properties();
        wrong.setProperty("braiins.username", "root");
        wrong.setProperty("braiins.password", "not-the-password");
        wrong.setProperty("whatsminer.username", "super");
        wrong.setProperty("whatsminer.password", "not-the-password");
        wrong.setProperty("whatsminer-v2.password", "not-the-password");
        wrong.setProperty("antminer.username", "root");
        wrong.setProperty("antminer.password", "not-the-password");
        MinerDrivers refused = drivers(
                new DriverSettings(Duration.ofSeconds(2), Clock.systemUTC(), MinerCredentials.of(wrong)));
        for (io.gridflex.minersim.fleet.Firmware firmware : List.of(io.gridflex.minersim.fleet.Firmware.BRAIINS,
                io.gridflex.minersim.fleet.Firmware.WHATSMINER, io.gridflex.minersim.fleet.Firmware.WHATSMINER_V2,
                io.gridflex.minersim.fleet.Firmware.ANTMINER)) {
            int i = indexOf(firmware);
            MinerEndpoint miner = endpoint(i);
            assertThatThrownBy(() -> refused.driver(miner).sleep(miner)).isInstanceOf(MinerException.class)
                    .satisfies(e -> {
                        assertThat(((MinerException) e).code()).as("%s", firmware)
                                .isEqualTo(MinerException.UNAUTHORIZED);
                        assertThat(e.getMessage()).doesNotContain("not-the-password");
                    });
            assertThat(fleet.miner(i).isAwake()).as("%s stays awake", firmware).isTrue();
        }
    }

    private static int indexOf(io.gridflex.minersim.fleet.Firmware firmware) {
        for (int i = 0; i < fleet.addresses().size(); i++) {
            if (fleet.address(i).firmware() == firmware) {
                return i;
            }
        }
        throw new IllegalStateException("no " + firmware);
    }

    private static MinerDriver driverOf(Firmware firmware) {
        return switch (firmware) {
            case LUXOS -> new LuxosDriver(settings);
            case BRAIINS -> new BraiinsDriver(settings);
            case BOSMINER -> new BosminerDriver(settings);
            case WHATSMINER -> new WhatsminerDriver(settings);
            case WHATSMINER_V2 -> new WhatsminerV2Driver(settings);
            case ANTMINER -> new AntminerDriver(settings);
            case CGMINER -> new CgminerDriver(settings);
        };
    }

    /** Only drivers of firmwares on the same port can be confused with each other. */
    private static boolean sharesPort(Firmware a, Firmware b) {
        int portA = a == Firmware.BRAIINS || a == Firmware.ANTMINER ? HTTP_PORT : a.defaultPort();
        int portB = b == Firmware.BRAIINS || b == Firmware.ANTMINER ? HTTP_PORT : b.defaultPort();
        return portA == portB;
    }
}
