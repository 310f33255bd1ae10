package io.gridflex.dispatch.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.dispatch.allocation.ProportionalAllocator;
import io.gridflex.dispatch.allocation.SiteFlexibility;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrEvent.EventStatus;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.SiteCommand.Action;

class RevisionPlannerTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final List<SiteFlexibility> TWO_SITES = List.of(new SiteFlexibility("north", 300),
            new SiteFlexibility("south", 100));

    private final RevisionPlanner planner = new RevisionPlanner(new ProportionalAllocator());

    @Test
    void allocatesThePeakAndIssuesOneShedPerSiteForTheWholeEvent() {
        DrEvent event = event(3, EventStatus.FAR, false, 10, 200, 40);

        RevisionPlan plan = planner.plan(event, NOW, TWO_SITES, List.of());

        assertThat(plan.outcome()).isEqualTo(EventOutcome.ALLOCATED);
        assertThat(plan.allocation().requestedKw()).isEqualTo(200.0);
        assertThat(plan.commands()).containsExactly(
                new SiteCommand("vtn/e1#3@north", "north", "vtn/e1", 3, Action.SHED, 150, event.start(), event.end(),
                        NOW),
                new SiteCommand("vtn/e1#3@south", "south", "vtn/e1", 3, Action.SHED, 50, event.start(), event.end(),
                        NOW));
    }

    @Test
    void carriesTheShortfallWhenSitesCannotCoverThePeak() {
        RevisionPlan plan = planner.plan(event(0, EventStatus.NEAR, false, 500), NOW, TWO_SITES, List.of());

        assertThat(plan.allocation().allocatedKw()).isEqualTo(400.0);
        assertThat(plan.allocation().shortfallKw()).isEqualTo(100.0);
        assertThat(plan.commands()).extracting(SiteCommand::shedKw).containsExactly(300.0, 100.0);
    }

    @Test
    void cancelSendsCancelToEverySiteStillSheddingAndNothingElse() {
        RevisionPlan plan = planner.plan(event(4, EventStatus.CANCELLED, false, 200), NOW, TWO_SITES,
                List.of("south", "north"));

        assertThat(plan.outcome()).isEqualTo(EventOutcome.CANCELLED);
        assertThat(plan.allocation().shares()).isEmpty();
        assertThat(plan.commands()).extracting(SiteCommand::commandId, SiteCommand::action, SiteCommand::shedKw)
                .containsExactly(
                        tuple("vtn/e1#4@north", Action.CANCEL, 0.0),
                        tuple("vtn/e1#4@south", Action.CANCEL, 0.0));
    }

    @Test
    void earlyCompletionIsTreatedAsACancel() {
        RevisionPlan plan = planner.plan(event(2, EventStatus.COMPLETED, false, 200), NOW, TWO_SITES,
                List.of("north"));

        assertThat(plan.outcome()).isEqualTo(EventOutcome.COMPLETED);
        assertThat(plan.commands()).extracting(SiteCommand::action).containsExactly(Action.CANCEL);
    }

    @Test
    void testEventIssuesNoShedding() {
        RevisionPlan plan = planner.plan(event(0, EventStatus.FAR, true, 200), NOW, TWO_SITES, List.of());

        assertThat(plan.outcome()).isEqualTo(EventOutcome.TEST);
        assertThat(plan.allocation().requestedKw()).isEqualTo(200.0);
        assertThat(plan.allocation().allocatedDeciKw()).isZero();
        assertThat(plan.commands()).isEmpty();
    }

    @Test
    void realEventTurnedIntoATestCancelsTheSheddingSites() {
        RevisionPlan plan = planner.plan(event(5, EventStatus.ACTIVE, true, 200), NOW, TWO_SITES, List.of("north"));

        assertThat(plan.commands()).extracting(SiteCommand::commandId, SiteCommand::action)
                .containsExactly(tuple("vtn/e1#5@north", Action.CANCEL));
    }

    @Test
    void eventAlreadyOverIsRecordedWithoutCommandsEvenForSheddingSites() {
        DrEvent ended = new DrEvent("vtn/e1", "vtn", "e1", 1, "ctx", EventStatus.ACTIVE, NOW.minusSeconds(600),
                NOW, List.of(new DrInterval(NOW.minusSeconds(600), NOW, 100)), 0, false, NOW);

        RevisionPlan plan = planner.plan(ended, NOW, TWO_SITES, List.of("north"));

        assertThat(plan.outcome()).isEqualTo(EventOutcome.ENDED);
        assertThat(plan.commands()).isEmpty();
    }

    @Test
    void siteDroppedFromANewRevisionIsCancelled() {
        RevisionPlan plan = planner.plan(event(7, EventStatus.ACTIVE, false, 100), NOW,
                List.of(new SiteFlexibility("north", 300)), List.of("north", "south"));

        assertThat(plan.commands()).extracting(SiteCommand::siteId, SiteCommand::action, SiteCommand::shedKw)
                .containsExactly(
                        tuple("north", Action.SHED, 100.0),
                        tuple("south", Action.CANCEL, 0.0));
    }

    @Test
    void noFreshSitesMeansNoCommandsAndAFullShortfall() {
        RevisionPlan plan = planner.plan(event(1, EventStatus.FAR, false, 80), NOW, List.of(), List.of());

        assertThat(plan.outcome()).isEqualTo(EventOutcome.ALLOCATED);
        assertThat(plan.commands()).isEmpty();
        assertThat(plan.allocation().shortfallKw()).isEqualTo(80.0);
    }

    private static DrEvent event(long modificationNumber, EventStatus status, boolean test, double... reductionsKw) {
        Instant start = NOW.plus(Duration.ofMinutes(10));
        List<DrInterval> intervals = new ArrayList<>();
        Instant at = start;
        for (double kw : reductionsKw) {
            intervals.add(new DrInterval(at, at.plus(Duration.ofMinutes(15)), kw));
            at = at.plus(Duration.ofMinutes(15));
        }
        return new DrEvent("vtn/e1", "vtn", "e1", modificationNumber, "ctx", status, start, at, intervals, 0, test,
                NOW);
    }
}
