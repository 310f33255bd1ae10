package io.gridflex.siteagent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.minersim.fleet.CurtailEvent;
import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MinerModel;

/**
 * How fast one agent sheds a big site: {@code gridflex.bench.miners} (5,000) simulated S19 XP miners, a schedule
 * asking for {@code gridflex.bench.share} (0.5) of their draw from an instant a few seconds ahead, and the agent in a
 * JVM of its own ({@link BenchAgent}, {@code -Xmx} {@code gridflex.bench.xmx}, 128m: the heap the chart gives an agent). Prints, never checks:
 * <ul>
 * <li>the delay from the segment's start to each sleep command reaching its miner (p50, p99, max);</li>
 * <li>when the fleet's exact draw had fallen by 95 % of the target (the miners' own ramp is 2 s);</li>
 * <li>when the SHED ack was made, and what it says was shed;</li>
 * <li>the agent's resident memory (peak VmRSS) and its CPU time per control step.</li>
 * </ul>
 * Run with {@code deploy/local/bench.sh --site-agent} (about 2 minutes).
 */
@Tag("benchmark")
class ShedBenchmark {

    private static final int MINERS = Integer.getInteger("gridflex.bench.miners", 5000);
    private static final double SHARE = Double.parseDouble(System.getProperty("gridflex.bench.share", "0.5"));
    /**
     * A mixed fleet, e.g. {@code luxos:2000,braiins:1000,whatsminer:1000,bosminer:500,antminer:500} (counts adding up
     * to {@code gridflex.bench.miners}); LuxOS only when not given.
     */
    private static final String MIX = System.getProperty("gridflex.bench.mix");
    private static final String XMX = System.getProperty("gridflex.bench.xmx", "128m");
    /** How often the agent reads every miner (the meter's sample interval), in ms. */
    private static final long SAMPLE_EVERY_MS = Long.getLong("gridflex.bench.sample-every-ms", 1000);
    private static final Duration LEAD = Duration.ofSeconds(15);
    private static final long TICKS_PER_SECOND = 100;
    private static final Path AGENT_LOG = Path.of("target", "shed-benchmark-agent.log");

    @TempDir
    Path dir;

    @Test
    void shedHalfOfABigSite() throws IOException, InterruptedException {
        long startingFleet = System.nanoTime();
        SimulatedFleet.Builder builder = SimulatedFleet.builder("bench-site").model(MinerModel.S19XP).count(MINERS)
                .noise(0.015).sleepRamp(Duration.ofSeconds(2)).warmUp(Duration.ofSeconds(10));
        if (MIX != null) {
            // Each miner on its own loopback address, on its firmware's port (HTTP on 18080: 80 may not be bound).
            builder.firmwares(mix(MIX)).addressPerMiner("127.3.0.1").firmwarePort(Firmware.BRAIINS, 18080)
                    .firmwarePort(Firmware.ANTMINER, 18080);
        }
        try (SimulatedFleet fleet = builder.start()) {
            print("fleet of %d miners (%s) listening after %d ms; the agent reads them all every %d ms", MINERS,
                    MIX == null ? "LuxOS" : MIX, (System.nanoTime() - startingFleet) / 1_000_000, SAMPLE_EVERY_MS);
            Path inventory = dir.resolve("inventory.txt");
            Files.write(inventory, fleet.addresses().stream().map(a -> a.firmware().name().toLowerCase(Locale.ROOT)
                    + "://" + a.endpoint() + (a.firmware() == Firmware.ANTMINER ? "?nominal-w=3010" : "")).toList());
            double fleetW = fleet.powerW();
            double targetKw = Math.round(fleetW * SHARE / 1000);
            List<String> acks = new CopyOnWriteArrayList<>();
            List<String> slowSteps = new CopyOnWriteArrayList<>();
            AtomicLong cycles = new AtomicLong();
            AtomicLong stepCpuNanos = new AtomicLong();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            // The segment starts LEAD after launch: time for the agent to start and read every miner first.
            long launched = System.nanoTime();
            Instant start = Instant.now().plus(LEAD);
            Process process = new ProcessBuilder(java.toString(), "-Xmx" + XMX, "-cp",
                    System.getProperty("java.class.path"), BenchAgent.class.getName(),
                    dir.resolve("state.json").toString(), inventory.toString(), Double.toString(targetKw),
                    start.toString(), start.plus(Duration.ofMinutes(30)).toString(), Long.toString(SAMPLE_EVERY_MS))
                    .redirectError(AGENT_LOG.toFile()).start();
            print("the agent's log: %s", AGENT_LOG.toAbsolutePath());
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            try {
                String line;
                while ((line = lines.readLine()) != null && !line.equals("ready")) {
                    // Nothing printed before ready matters.
                }
                long readyMs = (System.nanoTime() - launched) / 1_000_000;
                print("agent read all %d miners %d ms after its JVM was launched (the segment starts %s later)",
                        MINERS, readyMs, Duration.between(Instant.now(), start));
                BufferedReader output = lines;
                Thread reader = Thread.ofVirtual().start(() -> output.lines().forEach(l -> {
                    if (l.startsWith("ack ")) {
                        acks.add(l);
                    } else if (l.startsWith("slow-step ")) {
                        slowSteps.add(l);
                    } else if (l.startsWith("cycles ")) {
                        String[] parts = l.substring(7).strip().split(" ");
                        cycles.set(Long.parseLong(parts[0]));
                        stepCpuNanos.set(Long.parseLong(parts[1]));
                    }
                }));
                long peakRssKb = 0;
                while (Instant.now().isBefore(start)) {
                    peakRssKb = Math.max(peakRssKb, rssKb(process.pid()));
                    Thread.sleep(100);
                }
                long cpuAtStart = cpuTicks(process.pid());
                long cyclesAtStart = cycles.get();
                long stepCpuAtStart = stepCpuNanos.get();
                Instant fell = null;
                Instant deadline = start.plusSeconds(30);
                while (Instant.now().isBefore(deadline)) {
                    double reducedW = fleetW - fleet.powerW();
                    if (fell == null && reducedW >= 0.95 * targetKw * 1000) {
                        fell = Instant.now();
                    }
                    peakRssKb = Math.max(peakRssKb, rssKb(process.pid()));
                    if (fell != null && acks.stream().anyMatch(a -> a.contains("\"SHED\""))) {
                        break;
                    }
                    Thread.sleep(20);
                }
                Thread.sleep(3000);
                long cpu = cpuTicks(process.pid()) - cpuAtStart;
                long steps = cycles.get() - cyclesAtStart;
                long stepCpu = stepCpuNanos.get() - stepCpuAtStart;
                report(fleet, start, targetKw, fell, acks, peakRssKb, cpu, steps);
                print("the control thread's own CPU: %.1f ms per step (mean over the %d steps of the shed)",
                        steps == 0 ? 0 : stepCpu / 1e6 / steps, steps);
                slowSteps.stream().filter(l -> Long.parseLong(l.split(" ")[1]) >= start.toEpochMilli() - 1000)
                        .forEach(l -> print("control step of %s ms, %d ms after the segment's start",
                                l.split(" ")[2], Long.parseLong(l.split(" ")[1]) - start.toEpochMilli()));
                reader.interrupt();
            } finally {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private void report(SimulatedFleet fleet, Instant start, double targetKw, Instant fell, List<String> acks,
            long peakRssKb, long cpuTicks, long steps) {
        List<Long> delays = new ArrayList<>();
        for (SimulatedMiner miner : fleet.miners()) {
            for (CurtailEvent event : miner.curtailLog()) {
                if (event.action().equals("sleep")) {
                    delays.add(Duration.between(start, event.at()).toMillis());
                }
            }
        }
        delays.sort(Long::compare);
        print("target %.0f kW of %.0f kW: %d miners told to sleep", targetKw, fleet.powerW() / 1000 + targetKw,
                delays.size());
        if (!delays.isEmpty()) {
            print("segment start -> sleep command at the miner: min %d ms, p50 %d ms, p99 %d ms, max %d ms",
                    delays.getFirst(), pct(delays, 0.5), pct(delays, 0.99), delays.getLast());
        }
        if (MIX != null) {
            Map<Firmware, List<Long>> byFirmware = new LinkedHashMap<>();
            for (SimulatedMiner miner : fleet.miners()) {
                for (CurtailEvent event : miner.curtailLog()) {
                    if (event.action().equals("sleep")) {
                        byFirmware.computeIfAbsent(miner.firmware(), f -> new ArrayList<>())
                                .add(Duration.between(start, event.at()).toMillis());
                    }
                }
            }
            byFirmware.forEach((firmware, list) -> {
                list.sort(Long::compare);
                print("  %s: %d miners, min %d ms, p50 %d ms, p99 %d ms, max %d ms", firmware, list.size(),
                        list.getFirst(), pct(list, 0.5), pct(list, 0.99), list.getLast());
            });
        }
        print("segment start -> fleet draw down by 95%% of the target: %s (sleep ramp 2 s)",
                fell == null ? "not within 30 s" : Duration.between(start, fell).toMillis() + " ms");
        acks.stream().filter(a -> a.contains("\"SHED\"")).findFirst().ifPresentOrElse(a -> {
            String[] parts = a.split(" ", 3);
            long at = Long.parseLong(parts[1]);
            print("segment start -> SHED ack: %d ms; %s", at - start.toEpochMilli(),
                    parts[2].replaceAll(".*\"shedKw\":([0-9.]+).*\"targetKw\":([0-9.]+).*\"reason\":\"([^\"]{0,300}).*",
                            "shed $1 kW of $2 kW: $3"));
        }, () -> print("no SHED ack within 30 s"));
        print("agent peak resident memory %d MB (-Xmx%s); its CPU time (control steps, reading every miner each second)"
                + " %.1f ms per control step over %d steps", peakRssKb / 1024,
                XMX, steps == 0 ? 0 : cpuTicks * 1000.0 / TICKS_PER_SECOND / steps, steps);
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /** utime + stime of the process, in clock ticks. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void print(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }

    private static Map<Firmware, Integer> mix(String spec) {
        Map<Firmware, Integer> mix = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split(":");
            mix.put(Firmware.valueOf(kv[0].strip().toUpperCase(Locale.ROOT)), Integer.parseInt(kv[1].strip()));
        }
        return mix;
    }
}
