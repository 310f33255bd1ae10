package io.gridflex.settlement.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.SiteCommand.Action;

class ParticipationRulesTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant END = Instant.parse("2026-03-02T11:00:00Z");

    @Test
    void aFirstShedStartsTheParticipation() {
        CommandDecision decision = ParticipationRules.apply(Optional.empty(), shed(1, 250.5));

        Participation participation = applied(decision);
        assertThat(participation.shedKw()).isEqualTo(new BigDecimal("250.500000"));
        assertThat(participation.start()).isEqualTo(START);
        assertThat(participation.effectiveEnd()).isEqualTo(END);
        assertThat(participation.lastCommandId()).isEqualTo("vtn/e1#1@site-1");
    }

    @Test
    void aResentShedIsADuplicate() {
        Participation held = applied(ParticipationRules.apply(Optional.empty(), shed(1, 250)));

        assertThat(ParticipationRules.apply(Optional.of(held), shed(1, 250)))
                .isEqualTo(new CommandDecision.Ignore("duplicate",
                        "event vtn/e1 site site-1: command vtn/e1#1@site-1 already held"));
    }

    @Test
    void aHigherRevisionReplacesTheShed() {
        Participation held = applied(ParticipationRules.apply(Optional.empty(), shed(1, 250)));

        Participation next = applied(ParticipationRules.apply(Optional.of(held), shed(2, 400)));

        assertThat(next.revision()).isEqualTo(2);
        assertThat(next.shedKw()).isEqualTo(new BigDecimal("400.000000"));
    }

    @Test
    void aLowerRevisionIsStale() {
        Participation held = applied(ParticipationRules.apply(Optional.empty(), shed(3, 250)));

        CommandDecision decision = ParticipationRules.apply(Optional.of(held), shed(2, 400));

        assertThat(decision).isInstanceOf(CommandDecision.Ignore.class);
        assertThat(((CommandDecision.Ignore) decision).reason()).isEqualTo("stale-revision");
    }

    @Test
    void aCancelEndsTheParticipationAtItsIssueTime() {
        Participation held = applied(ParticipationRules.apply(Optional.empty(), shed(1, 250)));
        Instant issued = START.plusSeconds(600);

        Participation cancelled = applied(ParticipationRules.apply(Optional.of(held), cancel(1, issued)));

        assertThat(cancelled.cancelledAt()).isEqualTo(issued);
        assertThat(cancelled.effectiveEnd()).isEqualTo(issued);
        assertThat(cancelled.shedKw()).isEqualTo(held.shedKw());
    }

    @Test
    void aCancelBeforeTheStartLeavesAnEmptyParticipation() {
        Participation held = applied(ParticipationRules.apply(Optional.empty(), shed(1, 250)));

        Participation cancelled = applied(
                ParticipationRules.apply(Optional.of(held), cancel(1, START.minusSeconds(60))));

        assertThat(cancelled.effectiveEnd()).isEqualTo(START);
    }

    @Test
    void aCancelAfterTheEndChangesNothingInTheWindow() {
        Participation held = applied(ParticipationRules.apply(Optional.empty(), shed(1, 250)));

        Participation cancelled = applied(
                ParticipationRules.apply(Optional.of(held), cancel(1, END.plusSeconds(60))));

        assertThat(cancelled.effectiveEnd()).isEqualTo(END);
    }

    @Test
    void aSecondCancelKeepsTheFirst() {
        Participation held = applied(ParticipationRules.apply(Optional.empty(), shed(1, 250)));
        Participation cancelled = applied(
                ParticipationRules.apply(Optional.of(held), cancel(1, START.plusSeconds(60))));

        CommandDecision decision = ParticipationRules.apply(Optional.of(cancelled), cancel(2, START.plusSeconds(120)));

        assertThat(((CommandDecision.Ignore) decision).reason()).isEqualTo("duplicate");
    }

    @Test
    void aShedResentAfterItsCancelDoesNotBringTheSiteBack() {
        Participation held = applied(ParticipationRules.apply(Optional.empty(), shed(1, 250)));
        Participation cancelled = applied(
                ParticipationRules.apply(Optional.of(held), cancel(1, START.plusSeconds(60))));

        CommandDecision decision = ParticipationRules.apply(Optional.of(cancelled), shed(1, 250));

        assertThat(((CommandDecision.Ignore) decision).reason()).isEqualTo("cancelled");
    }

    @Test
    void aReplannedShedAfterACancelLiftsIt() {
        Participation held = applied(ParticipationRules.apply(Optional.empty(), shed(1, 250)));
        Participation cancelled = applied(
                ParticipationRules.apply(Optional.of(held), cancel(1, START.plusSeconds(60))));

        Participation replanned = applied(ParticipationRules.apply(Optional.of(cancelled), shed(2, 100)));

        assertThat(replanned.cancelled()).isFalse();
        assertThat(replanned.effectiveEnd()).isEqualTo(END);
    }

    @Test
    void aCancelWithoutAShedIsIgnored() {
        CommandDecision decision = ParticipationRules.apply(Optional.empty(), cancel(1, START));

        assertThat(((CommandDecision.Ignore) decision).reason()).isEqualTo("cancel-without-shed");
    }

    @Test
    void aShedThatEndsBeforeItStartsIsIgnored() {
        SiteCommand backwards = new SiteCommand("vtn/e1#1@site-1", "site-1", "vtn/e1", 1, Action.SHED, 250, END,
                START, START);

        CommandDecision decision = ParticipationRules.apply(Optional.empty(), backwards);

        assertThat(((CommandDecision.Ignore) decision).reason()).isEqualTo("invalid-window");
    }

    private static Participation applied(CommandDecision decision) {
        assertThat(decision).isInstanceOf(CommandDecision.Apply.class);
        return ((CommandDecision.Apply) decision).participation();
    }

    private static SiteCommand shed(long revision, double kw) {
        return new SiteCommand(SiteCommand.commandId("vtn/e1", revision, "site-1"), "site-1", "vtn/e1", revision,
                Action.SHED, kw, START, END, START.minusSeconds(30));
    }

    private static SiteCommand cancel(long revision, Instant issuedAt) {
        return new SiteCommand(SiteCommand.commandId("vtn/e1", revision, "site-1") + "-cancel", "site-1", "vtn/e1",
                revision, Action.CANCEL, 0, START, END, issuedAt);
    }
}
