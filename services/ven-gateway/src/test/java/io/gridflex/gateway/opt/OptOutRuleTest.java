package io.gridflex.gateway.opt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.DispatchStatus;
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

    private static DispatchStatus status(State state, double requestedKw, double committedKw, double shortfallKw) {
        return new DispatchStatus("vtn/e1", "p", 2, state, requestedKw, committedKw, null, shortfallKw, false,
                "sites offline", Instant.now());
    }
}
