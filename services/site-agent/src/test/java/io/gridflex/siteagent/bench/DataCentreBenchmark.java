package io.gridflex.siteagent.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.messages.MessageCodec;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.meter.DataCentreProfile;
import io.gridflex.minersim.meter.MeterReading;
import io.gridflex.minersim.meter.RegisterMap;
import io.gridflex.minersim.meter.SiteMeter;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.ConfigOverrides;
import io.gridflex.siteagent.RecordingLink;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.TestDrivers;
import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.execution.OtherLoad;
import io.gridflex.siteagent.execution.SiteControllers;
import io.gridflex.siteagent.meter.DataType;
import io.gridflex.siteagent.meter.MeterPoller;
import io.gridflex.siteagent.meter.MeterSettings;
import io.gridflex.siteagent.meter.RegisterSpec;
import io.gridflex.siteagent.meter.RegisterType;
import io.gridflex.siteagent.meter.WordOrder;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.schedule.AckPublisher;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Following a data centre: {@code gridflex.bench.miners} (100) S19 XP miners share a connection of
 * {@code gridflex.bench.limit-kw} (900 kW) with a data centre whose draw is a base of {@code gridflex.bench.dc-base-kw}
 * (500 kW) with AI-training spikes of up to {@code gridflex.bench.dc-spike-kw} (200 kW) lasting
 * {@code gridflex.bench.dc-spike} (20 s) every {@code gridflex.bench.dc-period} (60 s), as the site's simulated Modbus
 * meter reports it. The agent (meter read every second, a control step every 250 ms, miners' sleep ramp 2 s and
 * warm-up 8 s) runs for {@code gridflex.bench.duration} (30 min); every second the site's true import is sampled.
 * {@code gridflex.bench.headroom-kw} (0) is the import the agent keeps free for the spikes,
 * {@code gridflex.bench.peak-window} (0s) the window whose highest data-centre load it plans with. Prints the share of seconds
 * under the limit, the worst excess and how long excesses last, and the share of the
 * mining the limit allowed that was mined. Run with {@code deploy/local/bench.sh --data-centre}.
 */
@Tag("benchmark")
class DataCentreBenchmark {

    private static final int MINERS = Integer.getInteger("gridflex.bench.miners", 100);
    private static final double LIMIT_KW = Double.parseDouble(System.getProperty("gridflex.bench.limit-kw", "900"));
    private static final double BASE_KW = Double.parseDouble(System.getProperty("gridflex.bench.dc-base-kw", "500"));
    private static final double SPIKE_KW = Double.parseDouble(System.getProperty("gridflex.bench.dc-spike-kw", "200"));
    private static final Duration SPIKE = Duration.parse("PT" + System.getProperty("gridflex.bench.dc-spike", "20s"));
    private static final Duration PERIOD = Duration.parse("PT" + System.getProperty("gridflex.bench.dc-period", "60s"));
    private static final double HEADROOM_KW = Double
            .parseDouble(System.getProperty("gridflex.bench.headroom-kw", "0"));
    private static final Duration PEAK_WINDOW = Duration
            .parse("PT" + System.getProperty("gridflex.bench.peak-window", "5m"));
    private static final Duration RUN = Duration.parse("PT" + System.getProperty("gridflex.bench.duration", "30m"));

    @TempDir
    Path dir;

    @Test
    void followTheDataCentre() throws InterruptedException {
        try (SimulatedFleet fleet = SimulatedFleet.builder("dc-bench").model(MinerModel.S19XP).count(MINERS)
                .noise(0.015).sleepRamp(Duration.ofSeconds(2)).warmUp(Duration.ofSeconds(8)).start()) {
            SiteMeter meter = SiteMeter.forFleet(fleet, new DataCentreProfile(BASE_KW, SPIKE_KW, SPIKE, PERIOD, 11),
                    RegisterMap.defaults(), "127.0.0.1", 0);
            SiteConfig config = ConfigOverrides.override(SiteConfig.class, ProductionSettings
                    .of(new TestSiteConfig("dc-bench", LIMIT_KW, fleet.endpoints(), dir.resolve("state.json"))),
                    Map.of("importHeadroomKw", HEADROOM_KW, "otherLoadPeakWindow", PEAK_WINDOW));
            Clock clock = Clock.systemUTC();
            OtherLoad otherLoad = new OtherLoad();
            MeterSettings settings = new MeterSettings("127.0.0.1", meter.port(), RegisterMap.defaults().unitId(),
                    Duration.ofSeconds(1), Optional.of(spec(0)), Optional.of(spec(2)), Optional.of(spec(4)), spec(6));
            MeterPoller poller = new MeterPoller(true, () -> settings, Duration.ofSeconds(1), clock, otherLoad);
            poller.begin();
            AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
            ScheduleBook book = new ScheduleBook(config, clock,
                    new AckPublisher(new RecordingLink(), new MessageCodec(), metrics), metrics);
            MinerDrivers drivers = TestDrivers.of(config, clock);
            FleetView view = new FleetView(config, drivers);
            SiteControllers.Stepper controller = SiteControllers.of(config, clock, book, view, drivers, otherLoad,
                    poller, metrics);
            view.sampleAll();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    view.sampleAll();
                    pause(1000);
                }
            });
            Thread control = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    controller.step(clock.instant());
                    pause(250);
                }
            });
            try {
                measure(meter, fleet);
            } finally {
                control.interrupt();
                sampler.interrupt();
                poller.stop();
                meter.close();
            }
        }
    }

    private static void measure(SiteMeter meter, SimulatedFleet fleet) throws InterruptedException {
        double fleetKw = fleet.powerW() / 1000;
        Instant end = Instant.now().plus(RUN);
        long seconds = 0;
        long over = 0;
        long longestExcess = 0;
        long excess = 0;
        double worstKw = 0;
        double minedKwh = 0;
        double allowedKwh = 0;
        while (Instant.now().isBefore(end)) {
            Thread.sleep(1000);
            MeterReading truth = meter.read();
            seconds++;
            double importKw = truth.siteKw();
            if (importKw > LIMIT_KW + 0.001) {
                over++;
                excess++;
                longestExcess = Math.max(longestExcess, excess);
                worstKw = Math.max(worstKw, importKw - LIMIT_KW);
            } else {
                excess = 0;
            }
            minedKwh += truth.miningKw() / 3600;
            allowedKwh += Math.max(0, Math.min(fleetKw, LIMIT_KW - truth.dataCentreKw())) / 3600;
        }
        print("import headroom %.0f kW, other load's peak window %s", HEADROOM_KW, PEAK_WINDOW);
        print("%d s sampled: import under the %.0f kW limit in %.2f %% of seconds (target >= 99 %%)", seconds, LIMIT_KW,
                100.0 * (seconds - over) / seconds);
        print("worst excess %.1f kW; longest run over the limit %d s", worstKw, longestExcess);
        print("mined %.1f kWh of the %.1f kWh the limit allowed (%.1f %%)", minedKwh, allowedKwh,
                allowedKwh == 0 ? 0 : 100 * minedKwh / allowedKwh);
    }

    private static RegisterSpec spec(int address) {
        return new RegisterSpec("r" + address, address, RegisterType.HOLDING, DataType.FLOAT32, WordOrder.BIG_ENDIAN,
                1);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void print(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
