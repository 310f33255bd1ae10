package io.gridflex.minersim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long 5,000 mixed miners on per-miner addresses take to start and how much heap they hold. A figure to read, not
 * an assertion: run with {@code -Dminersim.bench=true -Dtest=FleetScaleBenchmarkTest}.
 */
@EnabledIfSystemProperty(named = "minersim.bench", matches = "true")
class FleetScaleBenchmarkTest {

    private static final int MINERS = 5_000;

    @Test
    void fiveThousandMixedMinersOnTheirOwnAddresses() {
        Map<Firmware, Integer> mix = new EnumMap<>(Firmware.class);
        for (Firmware firmware : Firmware.values()) {
            mix.put(firmware, MINERS / Firmware.values().length);
        }
        mix.merge(Firmware.LUXOS, MINERS - mix.values().stream().mapToInt(Integer::intValue).sum(), Integer::sum);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long start = System.nanoTime();
        try (SimulatedFleet fleet = SimulatedFleet.builder("bench").firmwares(mix).addressPerMiner("127.60.0.1")
                .firmwarePort(Firmware.BRAIINS, 18080).firmwarePort(Firmware.ANTMINER, 18080).start()) {
            long startedMillis = (System.nanoTime() - start) / 1_000_000;
            System.gc();
            long heapAfter = memory.getHeapMemoryUsage().getUsed();
            int platformThreads = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
            System.out.printf("fleet of %d mixed miners on per-miner addresses: started in %d ms, heap +%.1f MB"
                    + " (%.1f KB per miner), platform threads +%d%n", MINERS, startedMillis,
                    (heapAfter - heapBefore) / 1e6, (heapAfter - heapBefore) / 1e3 / MINERS, platformThreads);
            assertThat(fleet.isListening()).isTrue();
            assertThat(fleet.miners()).hasSize(MINERS);
            long closeStart = System.nanoTime();
            fleet.close();
            System.out.printf("closed in %d ms%n", (System.nanoTime() - closeStart) / 1_000_000);
        }
    }
}
