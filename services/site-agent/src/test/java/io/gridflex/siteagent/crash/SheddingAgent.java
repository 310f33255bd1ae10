package io.gridflex.siteagent.crash;

import static io.gridflex.siteagent.Schedules.event;
import static io.gridflex.siteagent.Schedules.schedule;
import static io.gridflex.siteagent.Schedules.segment;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.gridflex.messages.MessageCodec;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.RecordingLink;
import io.gridflex.siteagent.TestDrivers;
import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.execution.SiteControllers;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.schedule.AckPublisher;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * An agent in a process of its own, for a test to kill with {@code kill -9}: takes a schedule that sheds
 * {@code args[2]} kW until {@code args[3]} (an instant) and executes it against the miners {@code args[1]}
 * (comma-separated), its state in {@code args[0]}, without end.
 */
public final class SheddingAgent {

    private SheddingAgent() {
    }

    public static void main(String[] args) {
        TestSiteConfig config = ShedCrashTest.config(Path.of(args[0]), List.of(args[1].split(",")));
        Clock clock = Clock.systemUTC();
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        ScheduleBook book = new ScheduleBook(config, clock,
                new AckPublisher(new RecordingLink(), new MessageCodec(), metrics), metrics);
        MinerDrivers drivers = TestDrivers.of(config, clock);
        FleetView fleet = new FleetView(config, drivers);
        SiteControllers.Stepper controller = SiteControllers.of(config, clock, book, fleet, drivers, metrics);
        fleet.sampleAll();
        Instant now = clock.instant();
        book.offer(schedule(config.id(), 1, now,
                segment(now.minusSeconds(1), Instant.parse(args[3]), event("crash", Double.parseDouble(args[2])))));
        System.out.println("schedule accepted");
        System.out.flush();
        while (true) {
            controller.step(clock.instant());
            fleet.sampleAll();
        }
    }
}
