package io.gridflex.siteagent.bench;

import static io.gridflex.siteagent.Schedules.event;
import static io.gridflex.siteagent.Schedules.schedule;
import static io.gridflex.siteagent.Schedules.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import io.gridflex.messages.MessageCodec;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.RecordingLink;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.TestDrivers;
import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.execution.SiteControllers;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.schedule.AckPublisher;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The agent's control loop and meter in a process of their own, for {@link ShedBenchmark} to measure from outside:
 * its inventory in {@code args[1]} (one miner a line), its state in {@code args[0]}, a schedule shedding
 * {@code args[2]} kW from {@code args[3]} to {@code args[4]}, reading every miner every {@code args[5]} ms (1,000 if not given). The controller steps every 250 ms and the meter reads every
 * miner every second, each on its own thread, with the service's default timeouts, as in the service. Prints {@code ready} once every miner was read,
 * each ack as {@code ack <epoch ms> <json>}, {@code cycles <n> <CPU ns of the control steps>} every second, and each control step of 50 ms or
 * more as {@code slow-step <epoch ms> <ms>}.
 */
public final class BenchAgent {

    private BenchAgent() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> miners = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
        SiteConfig config = ProductionSettings
                .of(new TestSiteConfig("bench-site", 1_000_000, miners, Path.of(args[0])));
        Clock clock = Clock.systemUTC();
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        RecordingLink link = new RecordingLink(json -> print("ack " + System.currentTimeMillis() + " " + json));
        ScheduleBook book = new ScheduleBook(config, clock, new AckPublisher(link, new MessageCodec(), metrics),
                metrics);
        // Every firmware's driver, with the simulated miners' default logins: an inventory line names its firmware.
        Properties logins = new Properties();
        logins.setProperty("braiins.username", "root");
        logins.setProperty("braiins.password", "root");
        logins.setProperty("whatsminer.username", "super");
        logins.setProperty("whatsminer.password", "super");
        logins.setProperty("antminer.username", "root");
        logins.setProperty("antminer.password", "root");
        MinerDrivers drivers = TestDrivers.every(config, clock, logins);
        FleetView fleet = new FleetView(config, drivers);
        SiteControllers.Stepper controller = SiteControllers.of(config, clock, book, fleet, drivers, metrics);
        fleet.sampleAll();
        print("ready");
        book.offer(schedule(config.id(), 1, clock.instant(), segment(Instant.parse(args[3]), Instant.parse(args[4]),
                event("bench", Double.parseDouble(args[2])))));
        long sampleEveryMillis = args.length > 5 ? Long.parseLong(args[5]) : 1000;
        AtomicLong cycles = new AtomicLong();
        AtomicLong stepCpuNanos = new AtomicLong();
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                fleet.sampleAll();
                pause(sampleEveryMillis);
            }
        });
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                pause(1000);
                print("cycles " + cycles.get() + " " + stepCpuNanos.get());
            }
        });
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        while (true) {
            long began = System.nanoTime();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            Duration next = controller.step(clock.instant());
            stepCpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpuBefore);
            long tookMs = (System.nanoTime() - began) / 1_000_000;
            if (tookMs >= 50) {
                print("slow-step " + System.currentTimeMillis() + " " + tookMs);
            }
            cycles.incrementAndGet();
            // As the service's loop does: the control interval, or just after a segment boundary when sooner.
            pause(next.toMillis());
        }
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
