package io.gridflex.gateway.opt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.DispatchStatus;
import io.gridflex.messages.DispatchStatus.ResourceShare;
import io.gridflex.messages.DispatchStatus.State;

class OptOutRuleTest {

    private static final OptOutRule NOTHING_DELIVERABLE = new OptOutRule(BigDecimal.ONE);
    private static final EventStanding OPTED_IN = new EventStanding("vtn/e1", "p", "e1", 2, "optIn", false, false,
            List.of("r1"));

    @Test
    void optsOutOnlyWhenNothingCanBeDeliveredByDefault() {
        assertThat(NOTHING_DELIVERABLE.judge(status(State.SCHEDULED, 1000, 0, 1000), OPTED_IN))
                .hasValueSatisfying(why -> assertThat(why).contains("short by 1000.0 of 1000.0 kW"));
        assertThat(NOTHING_DELIVERABLE.judge(status(State.ACTIVE, 1000, 0.1, 999.9), OPTED_IN)).isEmpty();
        assertThat(NOTHING_DELIVERABLE.judge(status(State.SCHEDULED, 1000, 600, 400), OPTED_IN)).isEmpty();
    }

    @Test
    void aLowerFractionOptsOutOfALargeShortfall() {
        OptOutRule half = new OptOutRule(new BigDecimal("0.5"));
        assertThat(half.judge(status(State.ACTIVE, 1000, 500, 500), OPTED_IN)).isPresent();
        assertThat(half.judge(status(State.ACTIVE, 1000, 600, 400), OPTED_IN)).isEmpty();
    }

    @Test
    void aFractionAboveOneNeverOptsOut() {
        assertThat(new OptOutRule(new BigDecimal("1.01")).judge(status(State.SCHEDULED, 1000, 0, 1000), OPTED_IN))
                .isEmpty();
    }

    @Test
    void anEventDispatchRefusedIsOptedOutEvenWithoutAFigure() {
        DispatchStatus refused = new DispatchStatus("vtn/e1", "p", 2, State.RECEIVED, 0, 0, null, 0, false,
                "program p is not registered with dispatch", Instant.now());
        assertThat(NOTHING_DELIVERABLE.judge(refused, OPTED_IN))
                .hasValueSatisfying(why -> assertThat(why).contains("nothing committed").contains("not registered"));
    }

    @Test
    void nothingChangesForAMeetableEndedTestOrOtherRevisionOrAnOptOutAlready() {
        assertThat(NOTHING_DELIVERABLE.judge(new DispatchStatus("vtn/e1", "p", 2, State.SCHEDULED, 1000, 1000, null,
                0, true, null, Instant.now()), OPTED_IN)).isEmpty();
        assertThat(NOTHING_DELIVERABLE.judge(status(State.CANCELLED, 1000, 0, 1000), OPTED_IN)).isEmpty();
        assertThat(NOTHING_DELIVERABLE.judge(status(State.COMPLETED, 1000, 0, 1000), OPTED_IN)).isEmpty();
        assertThat(NOTHING_DELIVERABLE.judge(status(State.SCHEDULED, 1000, 0, 1000),
                new EventStanding("vtn/e1", "p", "e1", 3, "optIn", false, false, List.of()))).isEmpty();
        assertThat(NOTHING_DELIVERABLE.judge(status(State.SCHEDULED, 1000, 0, 1000),
                new EventStanding("vtn/e1", "p", "e1", 2, "optOut", false, false, List.of()))).isEmpty();
        assertThat(NOTHING_DELIVERABLE.judge(status(State.SCHEDULED, 1000, 0, 1000),
                new EventStanding("vtn/e1", "p", "e1", 2, "optIn", true, false, List.of()))).isEmpty();
        assertThat(NOTHING_DELIVERABLE.judge(status(State.SCHEDULED, 1000, 0, 1000),
                new EventStanding("vtn/e1", "p", "e1", 2, "optIn", false, true, List.of()))).isEmpty();
    }

    @Test
    void aResourceTakingNoPartIsOptedOutAloneOnlyWhileTheFleetFallsShort() {
        EventStanding twoResources = new EventStanding("vtn/e1", "p", "e1", 2, "optIn", false, false,
                List.of("east", "west"));
        DispatchStatus westOut = withShares(status(State.SCHEDULED, 1000, 400, 600), new ResourceShare("east", 2, 400),
                new ResourceShare("west", 0, 0), new ResourceShare("north", 0, 0));

        assertThat(NOTHING_DELIVERABLE.resourcesTakingNoPart(westOut, twoResources)).containsExactly("west");
        assertThat(NOTHING_DELIVERABLE.judge(westOut, twoResources)).isEmpty();
        assertThat(OptOutRule.resourceReason(westOut, "west")).startsWith("resource west takes no part")
                .contains("short by 600.0 of 1000.0 kW");
    }

    @Test
    void noResourceIsOptedOutAloneWhenTheFleetMeetsTheEventOrTheWholeEventIsOptedOut() {
        EventStanding twoResources = new EventStanding("vtn/e1", "p", "e1", 2, "optIn", false, false,
                List.of("east", "west"));
        DispatchStatus met = withShares(new DispatchStatus("vtn/e1", "p", 2, State.SCHEDULED, 1000, 1000, null, 0,
                true, null, Instant.now()), new ResourceShare("east", 2, 1000), new ResourceShare("west", 0, 0));
        DispatchStatus nothing = withShares(status(State.SCHEDULED, 1000, 0, 1000), new ResourceShare("east", 0, 0),
                new ResourceShare("west", 0, 0));
        DispatchStatus bothTakePart = withShares(status(State.ACTIVE, 1000, 700, 300),
                new ResourceShare("east", 2, 400), new ResourceShare("west", 1, 300));

        assertThat(NOTHING_DELIVERABLE.resourcesTakingNoPart(met, twoResources)).isEmpty();
        assertThat(NOTHING_DELIVERABLE.resourcesTakingNoPart(nothing, twoResources)).isEmpty();
        assertThat(NOTHING_DELIVERABLE.judge(nothing, twoResources)).isPresent();
        assertThat(NOTHING_DELIVERABLE.resourcesTakingNoPart(bothTakePart, twoResources)).isEmpty();
        assertThat(NOTHING_DELIVERABLE.resourcesTakingNoPart(withShares(status(State.CANCELLED, 1000, 400, 600),
                new ResourceShare("west", 0, 0)), twoResources)).isEmpty();
    }

    private static DispatchStatus withShares(DispatchStatus status, ResourceShare... shares) {
        return new DispatchStatus(status.eventId(), status.program(), status.modificationNumber(), status.state(),
                status.requestedKw(), status.committedKw(), status.deliveredKw(), status.shortfallKw(),
                status.canMeet(), status.reason(), status.at(), List.of(shares));
    }

    private static DispatchStatus status(State state, double requestedKw, double committedKw, double shortfallKw) {
        return new DispatchStatus("vtn/e1", "p", 2, state, requestedKw, committedKw, null, shortfallKw, false,
                "sites offline", Instant.now());
    }
}
