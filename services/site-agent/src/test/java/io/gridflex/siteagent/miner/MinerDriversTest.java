package io.gridflex.siteagent.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.miner.bosminer.BosminerDriver;
import io.gridflex.siteagent.miner.luxos.LuxosDriver;

/** The inventory: static entries checked at start-up, scanned ones added and changed, never a static one. */
class MinerDriversTest {

    private static final DriverSettings SETTINGS = new DriverSettings(Duration.ofSeconds(1), Clock.systemUTC(),
            MinerCredentials.none());

    private static MinerDrivers drivers(List<String> miners, boolean scanning) {
        TestSiteConfig config = new TestSiteConfig("s", 100, miners, TestSiteConfig.freshStateFile(),
                scanning
                        ? TestSiteConfig.TestScan.of(List.of("10.0.4.0/24"), Map.of())
                        : TestSiteConfig.TestScan.off());
        return new MinerDrivers(config, List.of(new LuxosDriver(SETTINGS), new BosminerDriver(SETTINGS)));
    }

    @Test
    void anEmptyStaticListFailsStartUpOnlyWithoutScanning() {
        assertThatThrownBy(() -> drivers(List.of(), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gridflex.site.miners is empty and gridflex.site.scan.enabled is false");
        MinerDrivers scanned = drivers(List.of(), true);
        assertThat(scanned.endpoints()).isEmpty();
        assertThat(scanned.complete()).isFalse();
        assertThat(drivers(List.of("10.0.4.1"), false).complete()).isTrue();
    }

    @Test
    void aBadStaticEntryStillFailsStartUpWithScanningOn() {
        assertThatThrownBy(() -> drivers(List.of("braiins://10.0.4.1"), true))
                .hasMessageContaining("no driver for braiins");
        assertThatThrownBy(() -> drivers(List.of("10.0.4.1", "luxos://10.0.4.1:4028"), true))
                .hasMessageContaining("lists 10.0.4.1:4028 twice");
        assertThatThrownBy(() -> drivers(List.of("10.0.4.1/x"), true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scannedMinersAreAddedAndChangeFirmwareButAStaticOneNever() {
        MinerDrivers drivers = drivers(List.of("10.0.4.1"), true);
        MinerEndpoint fixed = new MinerEndpoint("10.0.4.1", 4028);
        MinerEndpoint found = new MinerEndpoint("10.0.4.2", 4028);
        long before = drivers.generation();

        assertThat(drivers.putScanned(new InventoryEntry(Firmware.BOSMINER, found, OptionalDouble.empty()))).isEmpty();
        assertThat(drivers.generation()).isNotEqualTo(before);
        assertThat(drivers.endpoints()).containsExactly(fixed, found);
        assertThat(drivers.driver(found).firmware()).isEqualTo(Firmware.BOSMINER);
        assertThat(drivers.isStatic(found)).isFalse();

        assertThat(drivers.putScanned(new InventoryEntry(Firmware.LUXOS, found, OptionalDouble.empty())))
                .map(InventoryEntry::firmware).contains(Firmware.BOSMINER);
        assertThat(drivers.driver(found).firmware()).isEqualTo(Firmware.LUXOS);
        assertThat(drivers.endpoints()).containsExactly(fixed, found);

        assertThatThrownBy(() -> drivers
                .putScanned(new InventoryEntry(Firmware.BOSMINER, fixed, OptionalDouble.empty())))
                .hasMessageContaining("a scan never changes it");
        assertThat(drivers.driver(fixed).firmware()).isEqualTo(Firmware.LUXOS);
        assertThatThrownBy(() -> drivers.putScanned(new InventoryEntry(Firmware.WHATSMINER,
                new MinerEndpoint("10.0.4.3", 4433), OptionalDouble.empty()))).hasMessageContaining("no driver");
    }

    @Test
    void scannedMinersAreRememberedAcrossARestart() {
        Path state = TestSiteConfig.freshStateFile();
        TestSiteConfig config = new TestSiteConfig("s", 100, List.of("10.0.4.1"), state,
                TestSiteConfig.TestScan.of(List.of("10.0.4.0/24"), Map.of()));
        MinerDrivers first = new MinerDrivers(config, List.of(new LuxosDriver(SETTINGS), new BosminerDriver(SETTINGS)));
        MinerEndpoint found = new MinerEndpoint("10.0.4.2", 4028);
        first.putScanned(new InventoryEntry(Firmware.BOSMINER, found, OptionalDouble.of(3250)));

        MinerDrivers restarted = new MinerDrivers(config,
                List.of(new LuxosDriver(SETTINGS), new BosminerDriver(SETTINGS)));

        assertThat(restarted.endpoints()).containsExactly(new MinerEndpoint("10.0.4.1", 4028), found);
        assertThat(restarted.driver(found).firmware()).isEqualTo(Firmware.BOSMINER);
        assertThat(restarted.nominalW(found)).isEqualTo(3250);
        assertThat(restarted.isStatic(found)).isFalse();
    }

    @Test
    void theFleetViewTracksWhatTheInventoryGains() {
        MinerDrivers drivers = drivers(List.of("10.0.4.1"), true);
        TestSiteConfig config = new TestSiteConfig("s", 100, List.of("10.0.4.1"), TestSiteConfig.freshStateFile());
        FleetView view = new FleetView(config, drivers);
        assertThat(view.snapshot()).hasSize(1);

        MinerEndpoint found = new MinerEndpoint("10.0.4.2", 4028);
        drivers.putScanned(new InventoryEntry(Firmware.BOSMINER, found, OptionalDouble.of(3100)));

        assertThat(view.status(found)).isNotNull().satisfies(s -> {
            assertThat(s.reachable()).isFalse();
            assertThat(s.last()).isNull();
            assertThat(s.powerW()).isEqualTo(3100);
        });
        assertThat(view.snapshot()).extracting(MinerStatus::endpoint)
                .containsExactly(new MinerEndpoint("10.0.4.1", 4028), found);
        assertThat(view.endpoints()).containsExactly(new MinerEndpoint("10.0.4.1", 4028), found);
    }
}
