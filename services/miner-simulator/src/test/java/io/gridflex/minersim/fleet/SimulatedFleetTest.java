package io.gridflex.minersim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.minersim.power.MinerModel;
import io.gridflex.minersim.power.MinerState;
import io.gridflex.minersim.power.MutableClock;

class SimulatedFleetTest {

    @Test
    void startsEveryMinerOnItsOwnFreePortAndSumsTheSite() {
        try (SimulatedFleet fleet = SimulatedFleet.builder("site-x").model(MinerModel.S21).count(4).noise(0)
                .initiallySleeping(1).start()) {

            assertThat(fleet.endpoints()).hasSize(4).doesNotHaveDuplicates().allMatch(e -> e.startsWith("127.0.0.1:"));
            assertThat(fleet.miners()).extracting(SimulatedMiner::id)
                    .containsExactly("site-x-m01", "site-x-m02", "site-x-m03", "site-x-m04");
            assertThat(fleet.miner(3).state()).isEqualTo(MinerState.SLEEPING);
            assertThat(fleet.powerW()).isCloseTo(3 * 3500.0 + 18.0, within(1e-9));
            assertThat(fleet.minerAt(fleet.endpoint(2))).isSameAs(fleet.miner(2));
            assertThat(fleet.isListening()).isTrue();
        }
    }

    @Test
    void siteEnergyIsTheSumOfTheMinersExactCounters() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-07T12:00:00Z"));
        try (SimulatedFleet fleet = SimulatedFleet.builder("site-e").count(3).noise(0.02).clock(clock)
                .sleepRamp(Duration.ofSeconds(2)).start()) {
            clock.advance(Duration.ofSeconds(30));
            fleet.miner(0).sleep();
            clock.advance(Duration.ofMinutes(10));

            double sum = fleet.miners().stream().mapToDouble(SimulatedMiner::energyWh).sum();
            assertThat(fleet.energyWh()).isCloseTo(sum, within(1e-9));
            // Two miners ran 10.5 min, one ran 30 s then slept: between 2 and 3 miners' worth of 10.5 minutes.
            double perMiner = 3010.0 * 10.5 / 60;
            assertThat(fleet.energyWh()).isBetween(2 * perMiner * 0.95, 2.2 * perMiner * 1.05);
        }
    }

    @Test
    void explicitPortsAreUsedInOrder() throws IOException {
        int a;
        int b;
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            a = first.getLocalPort();
            b = second.getLocalPort();
        }
        try (SimulatedFleet fleet = SimulatedFleet.builder("site-p").ports(List.of(a, b)).start()) {
            assertThat(fleet.endpoints()).containsExactly("127.0.0.1:" + a, "127.0.0.1:" + b);
        }
    }

    @Test
    void aTakenPortFailsTheStartAndLeavesNothingListening() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> SimulatedFleet.builder("site-t").ports(List.of(0, port)).start())
                    .hasMessageContaining(String.valueOf(port));
        }
    }

    @Test
    void rejectsImpossibleFleets() {
        assertThatThrownBy(() -> SimulatedFleet.builder("s").count(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatedFleet.builder("s").count(2).initiallySleeping(3).start())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatedFleet.builder(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
