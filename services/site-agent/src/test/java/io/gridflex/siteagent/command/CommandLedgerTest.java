package io.gridflex.siteagent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.SiteCommand.Action;

class CommandLedgerTest {

    private static final String SITE = "site-a";
    private static final Instant NOW = Instant.parse("2025-01-07T12:00:00Z");

    private final CommandLedger ledger = new CommandLedger(SITE, Duration.ofSeconds(5));

    private static SiteCommand shed(String event, long revision, double kw, Instant start, Instant end) {
        return new SiteCommand(SiteCommand.commandId(event, revision, SITE), SITE, event, revision, Action.SHED, kw,
                start, end, NOW);
    }

    private static SiteCommand shed(String event, long revision, double kw) {
        return shed(event, revision, kw, NOW.plusSeconds(60), NOW.plusSeconds(3600));
    }

    private static SiteCommand cancel(String event, long revision) {
        return new SiteCommand(SiteCommand.commandId(event, revision, SITE), SITE, event, revision, Action.CANCEL, 0,
                NOW.plusSeconds(60), NOW.plusSeconds(3600), NOW);
    }

    @Test
    void aValidShedBecomesTheActiveCommand() {
        Decision decision = ledger.offer(shed("ev1", 0, 12), NOW);

        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        assertThat(((Decision.Accepted) decision).superseded()).isNull();
        assertThat(ledger.active()).get().satisfies(a -> {
            assertThat(a.commandId()).isEqualTo("ev1#0@site-a");
            assertThat(a.phase()).isEqualTo(ActiveCommand.Phase.PENDING);
            assertThat(a.acceptedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void anotherSitesCommandIsIgnored() {
        SiteCommand foreign = new SiteCommand("ev1#0@site-b", "site-b", "ev1", 0, Action.SHED, 5, NOW, NOW
                .plusSeconds(60), NOW);

        Decision decision = ledger.offer(foreign, NOW);

        assertThat(decision).isInstanceOfSatisfying(Decision.Ignored.class,
                d -> assertThat(d.why()).isEqualTo(Decision.Why.FOREIGN_SITE));
        assertThat(ledger.active()).isEmpty();
    }

    @Test
    void aDuplicateIsIgnoredEvenAfterTheCommandFinished() {
        SiteCommand command = shed("ev1", 0, 12);
        ledger.offer(command, NOW);
        ledger.advance(command.commandId(), ActiveCommand.Phase.SHED);

        Decision again = ledger.offer(command, NOW.plusSeconds(1));
        assertThat(again).isInstanceOfSatisfying(Decision.Ignored.class,
                d -> assertThat(d.why()).isEqualTo(Decision.Why.DUPLICATE));
        assertThat(ledger.active().orElseThrow().phase()).isEqualTo(ActiveCommand.Phase.SHED);

        ledger.finish(command.commandId());
        assertThat(ledger.offer(command, NOW.plusSeconds(2))).isInstanceOf(Decision.Ignored.class);
        assertThat(ledger.active()).isEmpty();
    }

    @Test
    void aHigherRevisionSupersedesAndALowerOneIsIgnored() {
        ledger.offer(shed("ev1", 1, 12), NOW);

        Decision higher = ledger.offer(shed("ev1", 2, 20), NOW);
        assertThat(higher).isInstanceOfSatisfying(Decision.Accepted.class,
                d -> assertThat(d.superseded().commandId()).isEqualTo("ev1#1@site-a"));
        assertThat(ledger.active().orElseThrow().command().shedKw()).isEqualTo(20);

        Decision lower = ledger.offer(shed("ev1", 0, 5), NOW);
        assertThat(lower).isInstanceOfSatisfying(Decision.Ignored.class,
                d -> assertThat(d.why()).isEqualTo(Decision.Why.STALE_REVISION));
        assertThat(ledger.active().orElseThrow().commandId()).isEqualTo("ev1#2@site-a");
    }

    @Test
    void anExpiredCommandIsRejected() {
        Decision decision = ledger.offer(shed("ev1", 0, 12, NOW.minusSeconds(600), NOW.minusSeconds(1)), NOW);

        assertThat(decision).isInstanceOfSatisfying(Decision.Rejected.class,
                d -> assertThat(d.reason()).contains("expired"));
        assertThat(ledger.active()).isEmpty();
    }

    @Test
    void aCommandEndingBeforeItStartsIsRejected() {
        Decision decision = ledger.offer(shed("ev1", 0, 12, NOW.plusSeconds(600), NOW.plusSeconds(600)), NOW);

        assertThat(decision).isInstanceOfSatisfying(Decision.Rejected.class,
                d -> assertThat(d.reason()).contains("not after start"));
    }

    @Test
    void aCommandFromTooFarInTheFutureIsRejected() {
        SiteCommand future = new SiteCommand("ev1#0@site-a", SITE, "ev1", 0, Action.SHED, 5, NOW, NOW.plusSeconds(600),
                NOW.plusSeconds(30));

        assertThat(ledger.offer(future, NOW)).isInstanceOfSatisfying(Decision.Rejected.class,
                d -> assertThat(d.reason()).contains("ahead of the site clock"));
    }

    @Test
    void aStartInThePastWithAnEndInTheFutureIsAccepted() {
        Decision decision = ledger.offer(shed("ev1", 0, 12, NOW.minusSeconds(120), NOW.plusSeconds(600)), NOW);

        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        assertThat(ledger.active().orElseThrow().isShedding(NOW)).isTrue();
    }

    @Test
    void aCancelReplacesItsEventsCommandAndIsOverAtOnce() {
        ledger.offer(shed("ev1", 0, 12), NOW);

        Decision decision = ledger.offer(cancel("ev1", 1), NOW);

        assertThat(decision).isInstanceOfSatisfying(Decision.Accepted.class,
                d -> assertThat(d.superseded().commandId()).isEqualTo("ev1#0@site-a"));
        ActiveCommand active = ledger.active().orElseThrow();
        assertThat(active.isCancel()).isTrue();
        assertThat(active.isOver(NOW)).isTrue();
        assertThat(active.isShedding(NOW.plusSeconds(120))).isFalse();
    }

    @Test
    void aCancelWithNothingOfItsEventActiveIsRejected() {
        ledger.offer(shed("ev1", 0, 12), NOW);

        assertThat(ledger.offer(cancel("ev2", 1), NOW)).isInstanceOfSatisfying(Decision.Rejected.class,
                d -> assertThat(d.reason()).contains("nothing to cancel"));
        assertThat(ledger.active().orElseThrow().commandId()).isEqualTo("ev1#0@site-a");
    }

    @Test
    void anotherEventsCommandSupersedesTheActiveOne() {
        ledger.offer(shed("ev1", 0, 12), NOW);

        Decision decision = ledger.offer(shed("ev2", 0, 4), NOW);

        assertThat(decision).isInstanceOfSatisfying(Decision.Accepted.class,
                d -> assertThat(d.superseded().commandId()).isEqualTo("ev1#0@site-a"));
    }

    @Test
    void phaseChangesApplyOnlyToTheActiveCommand() {
        ledger.offer(shed("ev1", 0, 12), NOW);
        ledger.offer(shed("ev1", 1, 15), NOW);

        assertThat(ledger.advance("ev1#0@site-a", ActiveCommand.Phase.SHED)).isFalse();
        assertThat(ledger.finish("ev1#0@site-a")).isFalse();
        assertThat(ledger.advance("ev1#1@site-a", ActiveCommand.Phase.SHED)).isTrue();
        assertThat(ledger.active().orElseThrow().phase()).isEqualTo(ActiveCommand.Phase.SHED);
    }

    @Test
    void heldMinersAreTrackedUntilReleased() {
        ledger.hold(new HeldMiner("127.0.0.1:1", 3000, NOW, null));
        ledger.hold(new HeldMiner("127.0.0.1:2", 3100, NOW, null));
        ledger.markWoken("127.0.0.1:1", NOW.plusSeconds(5));

        assertThat(ledger.held()).filteredOn(HeldMiner::isAsleep).extracting(HeldMiner::endpoint)
                .containsExactly("127.0.0.1:2");
        ledger.release("127.0.0.1:1");
        assertThat(ledger.held()).extracting(HeldMiner::endpoint).containsExactly("127.0.0.1:2");
    }

    @Test
    void aRestoredLedgerRemembersItsCommandHeldMinersAndHistory() {
        SiteCommand command = shed("ev1", 3, 12);
        ledger.offer(command, NOW);
        ledger.advance(command.commandId(), ActiveCommand.Phase.SHED);
        ledger.hold(new HeldMiner("127.0.0.1:1", 3000, NOW, null));

        CommandLedger restarted = CommandLedger.restore(SITE, Duration.ofSeconds(5), ledger.snapshot());

        assertThat(restarted.active()).isEqualTo(ledger.active());
        assertThat(restarted.held()).isEqualTo(ledger.held());
        assertThat(restarted.offer(command, NOW)).isInstanceOf(Decision.Ignored.class);
        assertThat(restarted.offer(shed("ev1", 2, 5), NOW)).isInstanceOfSatisfying(Decision.Ignored.class,
                d -> assertThat(d.why()).isEqualTo(Decision.Why.STALE_REVISION));
    }

    @Test
    void historyIsBoundedAndForgetsTheOldestFirst() {
        for (int i = 0; i < CommandLedger.REMEMBERED_COMMANDS + 10; i++) {
            ledger.offer(shed("ev" + i, 0, 1), NOW);
        }

        AgentState state = ledger.snapshot();
        assertThat(state.recentCommandIds()).hasSize(CommandLedger.REMEMBERED_COMMANDS);
        assertThat(state.recentCommandIds()).doesNotContain("ev0#0@site-a").contains("ev521#0@site-a");
        assertThat(state.eventRevisions()).hasSize(CommandLedger.REMEMBERED_EVENTS).containsKey("ev521")
                .doesNotContainKey("ev0");
    }
}
