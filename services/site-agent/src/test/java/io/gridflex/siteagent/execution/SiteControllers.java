package io.gridflex.siteagent.execution;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.meter.MeterPoller;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerCommands;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.schedule.ScheduleBook;

/** A controller wired by hand, for tests outside its package that run its steps one by one. */
public final class SiteControllers {

    /** One control step at a time. */
    public interface Stepper {

        /** Runs one step; returns when the next is due (the controller's own loop waits that long). */
        Duration step(Instant now);
    }

    private SiteControllers() {
    }

    /** Runs control steps, reading the miners between them as the meter would, until {@code done} (at most 60 s). */
    static void stepUntil(SiteController controller, FleetView view, BooleanSupplier done) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            controller.step(Instant.now());
            view.sampleAll();
            return done.getAsBoolean();
        });
    }

    public static Stepper of(SiteConfig config, Clock clock, ScheduleBook book, FleetView fleet, MinerDrivers drivers,
            AgentMetrics metrics) {
        return of(config, clock, book, fleet, drivers, new OtherLoad(), metrics);
    }

    /** A controller that keeps the site's import under its limit given the site's non-mining load. */
    public static Stepper of(SiteConfig config, Clock clock, ScheduleBook book, FleetView fleet, MinerDrivers drivers,
            OtherLoad otherLoad, AgentMetrics metrics) {
        return of(config, clock, book, fleet, drivers, otherLoad, MeterPoller.none(clock), metrics);
    }

    /** A controller of a metered site: its SHED acknowledgements state what {@code meter} saw. */
    public static Stepper of(SiteConfig config, Clock clock, ScheduleBook book, FleetView fleet, MinerDrivers drivers,
            OtherLoad otherLoad, MeterPoller meter, AgentMetrics metrics) {
        SiteController controller = new SiteController(config, clock, book, fleet,
                new MinerCommands(drivers, metrics, clock, config), otherLoad, meter, metrics);
        return controller::step;
    }
}
