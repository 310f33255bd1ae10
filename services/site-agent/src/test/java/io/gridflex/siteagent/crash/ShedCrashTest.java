package io.gridflex.siteagent.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridflex.messages.MessageCodec;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MinerModel;
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
 * An agent killed with {@code kill -9} in the middle of stopping miners never leaves a miner asleep after its
 * schedule ends: another JVM executes a shed of 50 of 100 simulated miners and is killed once the first of them are
 * asleep, while its commands are still out; an agent restarted from the same state directory after the schedule's
 * end brings back every miner that is asleep, and knows every one of them.
 */
class ShedCrashTest {

    private static final String SITE = "crash-site";
    /** 100 S19 XP at 3010 W, 2990 W off each when asleep: 150 kW is 51 miners. */
    private static final int MINERS = 100;
    private static final double SHED_KW = 150;

    @TempDir
    Path dir;

    private SimulatedFleet fleet;

    static TestSiteConfig config(Path stateFile, List<String> miners) {
        return new TestSiteConfig(SITE, 400, miners, stateFile);
    }

    @BeforeEach
    void startFleet() {
        fleet = SimulatedFleet.builder(SITE).model(MinerModel.S19XP).count(MINERS).noise(0)
                .sleepRamp(Duration.ofMillis(200)).warmUp(Duration.ofMillis(300)).start();
    }

    @AfterEach
    void stopFleet() {
        fleet.close();
    }

    @ParameterizedTest(name = "killed once {0} miners are asleep")
    @ValueSource(ints = {1, 20})
    void aRestartedAgentBringsBackEveryMinerItsKilledPredecessorPutToSleep(int asleepAtKill)
            throws IOException, InterruptedException {
        Path stateFile = dir.resolve("state.json");
        Instant end = Instant.now().plusSeconds(20);
        int killedWith = shedAndKill(stateFile, end, asleepAtKill);
        int asleepAfterKill = asleep();
        assertThat(asleepAfterKill).as("the kill fell in the middle of the shed").isBetween(1, MINERS - 1);

        // The restarted agent: same state directory, and the schedule is over by the time it looks.
        Clock afterEnd = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), end.plusSeconds(1)));
        TestSiteConfig config = config(stateFile, fleet.endpoints());
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        ScheduleBook book = new ScheduleBook(config, afterEnd,
                new AckPublisher(new RecordingLink(), new MessageCodec(), metrics), metrics);
        assertThat(book.view().held().size() + book.view().pending().size())
                .as("every miner asleep is known to the restarted agent (%d were asleep at the kill)", killedWith)
                .isGreaterThanOrEqualTo(asleep());
        MinerDrivers drivers = TestDrivers.of(config, afterEnd);
        FleetView view = new FleetView(config, drivers);
        SiteControllers.Stepper controller = SiteControllers.of(config, afterEnd, book, view, drivers, metrics);
        view.sampleAll();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            controller.step(afterEnd.instant());
            view.sampleAll();
            return asleep() == 0 && book.view().held().isEmpty() && book.view().pending().isEmpty();
        });
        assertThat(fleet.miners()).allMatch(SimulatedMiner::isAwake);
    }

    /** Runs {@link SheddingAgent} until at least {@code asleepAtKill} miners sleep, kills it; returns how many did. */
    private int shedAndKill(Path stateFile, Instant end, int asleepAtKill) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SheddingAgent.class.getName(), stateFile.toString(), String.join(",", fleet.endpoints()),
                Double.toString(SHED_KW), end.toString()).redirectErrorStream(true).start();
        int atKill;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null && !line.contains("schedule accepted");) {
                // The agent's log up to the schedule.
            }
            Thread drain = Thread.ofVirtual().start(() -> lines.lines().forEach(l -> {
            }));
            while (asleep() < asleepAtKill) {
                Thread.onSpinWait();
            }
            assertThat(process.toHandle().destroyForcibly()).isTrue();
            atKill = asleep();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            drain.join(Duration.ofSeconds(5));
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isEqualTo(137);
        return atKill;
    }

    private int asleep() {
        return (int) fleet.miners().stream().filter(m -> !m.isAwake()).count();
    }
}
