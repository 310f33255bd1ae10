package io.gridflex.siteagent.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.messages.CommandAck;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteCommand;
import io.gridflex.minersim.fleet.CurtailEvent;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.RecordingEmitter;
import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.command.AckPublisher;
import io.gridflex.siteagent.command.ActiveCommand;
import io.gridflex.siteagent.command.AgentState;
import io.gridflex.siteagent.command.CommandBook;
import io.gridflex.siteagent.command.CommandLedger;
import io.gridflex.siteagent.command.HeldMiner;
import io.gridflex.siteagent.command.StateFile;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.LuxosClient;
import io.gridflex.siteagent.miner.MinerCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The controller driving real (simulated) miners over TCP, wired by hand so each test can start it from a given
 * persisted state, as a restarted pod would, and run its steps one by one.
 */
class SiteControllerTest {

    private static final String SITE = "ctl-site";

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private final MessageCodec codec = new MessageCodec();
    private final RecordingEmitter acksOut = new RecordingEmitter();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SimulatedFleet fleet;
    private TestSiteConfig config;
    private CommandBook book;
    private FleetView view;
    private SiteController controller;

    @BeforeEach
    void startFleet() {
        fleet = SimulatedFleet.builder(SITE).model(MinerModel.S19XP).count(4).noise(0)
                .sleepRamp(Duration.ofMillis(200)).warmUp(Duration.ofMillis(300)).start();
        config = new TestSiteConfig(SITE, 100, fleet.endpoints(), dir.resolve("state.json"));
    }

    @AfterEach
    void stopFleet() {
        fleet.close();
    }

    private void startAgent() {
        AgentMetrics metrics = new AgentMetrics(registry);
        book = new CommandBook(config, clock, new AckPublisher(acksOut, codec, metrics), metrics);
        LuxosClient client = new LuxosClient(config.miner().timeout(), clock);
        view = new FleetView(config, client);
        controller = new SiteController(config, clock, book, view, new MinerCommands(client, metrics, clock, config),
                metrics);
        view.sampleAll();
    }

    private List<CommandAck> acks() {
        return acksOut.payloads().stream().map(p -> codec.decode(CommandAck.class, p)).toList();
    }

    private List<CommandAck.Status> statuses(String commandId) {
        return acks().stream().filter(a -> a.commandId().equals(commandId)).map(CommandAck::status).toList();
    }

    private SiteCommand shed(double kw, Instant start, Instant end) {
        return new SiteCommand(SiteCommand.commandId("ev", 1, SITE), SITE, "ev", 1, SiteCommand.Action.SHED, kw,
                start, end, start);
    }

    /** Writes the state a previous agent left: the command in phase SHED, miners 0 and 1 asleep and held. */
    private SiteCommand persistShedInProgress(Instant start, Instant end) {
        SiteCommand command = shed(5.9, start, end);
        CommandLedger previous = new CommandLedger(SITE, Duration.ofSeconds(5));
        previous.offer(command, start);
        previous.advance(command.commandId(), ActiveCommand.Phase.SHED);
        for (int i = 0; i < 2; i++) {
            fleet.miner(i).sleep();
            previous.hold(new HeldMiner(fleet.endpoint(i), 3010, start, null));
        }
        new StateFile(config.stateFile()).save(previous.snapshot());
        return command;
    }

    @Test
    void aRestartedAgentKeepsExecutingACommandStillValid() {
        Instant now = clock.instant();
        SiteCommand command = persistShedInProgress(now.minusSeconds(30), now.plusSeconds(600));

        startAgent();
        for (int i = 0; i < 5; i++) {
            controller.step(clock.instant());
        }

        assertThat(book.view().active()).get().extracting(ActiveCommand::commandId).isEqualTo(command.commandId());
        assertThat(fleet.miner(0).isAwake()).isFalse();
        assertThat(fleet.miner(1).isAwake()).isFalse();
        // Nothing stopped twice, nothing else stopped, nothing re-acknowledged.
        assertThat(fleet.miners()).allSatisfy(m -> assertThat(m.curtailLog()).hasSizeLessThanOrEqualTo(1));
        assertThat(fleet.miner(2).isAwake()).isTrue();
        assertThat(fleet.miner(3).isAwake()).isTrue();
        assertThat(acks()).isEmpty();
    }

    @Test
    void aRestartedAgentWhoseCommandExpiredMeanwhileRestoresTheSite() {
        Instant now = clock.instant();
        SiteCommand command = persistShedInProgress(now.minusSeconds(600), now.minusSeconds(5));

        startAgent();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            controller.step(clock.instant());
            view.sampleAll();
            return statuses(command.commandId()).contains(CommandAck.Status.RESTORED);
        });

        assertThat(statuses(command.commandId())).containsExactly(CommandAck.Status.RESTORING,
                CommandAck.Status.RESTORED);
        assertThat(fleet.miners()).allMatch(SimulatedMiner::isAwake);
        assertThat(book.view().active()).isEmpty();
        assertThat(book.view().held()).isEmpty();
        assertThat(new StateFile(config.stateFile()).load().active()).isNull();
    }

    @Test
    void aMinerThatDoesNotAnswerIsRetriedReportedAndReplaced() {
        startAgent();
        // Ties on draw go to the lowest endpoint: that is the miner the planner picks first.
        int first = fleet.endpoints().indexOf(fleet.endpoints().stream().min(Comparator.naturalOrder()).orElseThrow());
        SimulatedMiner broken = fleet.miner(first);
        broken.setApiOffline(true);
        Instant now = clock.instant();
        SiteCommand command = shed(5.9, now.minusSeconds(1), now.plusSeconds(600));
        book.offer(command);

        controller.step(clock.instant());

        assertThat(statuses(command.commandId())).containsExactly(CommandAck.Status.ACCEPTED,
                CommandAck.Status.SHED);
        CommandAck shed = acks().getLast();
        assertThat(shed.reason()).contains(fleet.endpoint(first)).contains("did not stop");
        assertThat(shed.shedKw()).isGreaterThanOrEqualTo(5.9);
        assertThat(broken.isAwake()).isTrue();
        assertThat(fleet.miners().stream().filter(m -> !m.isAwake())).hasSize(2);
        assertThat(registry.get("gridflex.site.miner.failures").tag("miner", fleet.endpoint(first)).counter()
                .count()).isEqualTo(1.0);
        assertThat(fleet.miners()).allSatisfy(m -> assertThat(m.curtailLog()).extracting(CurtailEvent::action)
                .doesNotContain("wakeup"));
        AgentState persisted = new StateFile(config.stateFile()).load();
        assertThat(persisted.held()).hasSize(2).noneMatch(h -> h.endpoint().equals(fleet.endpoint(first)));
    }
}
