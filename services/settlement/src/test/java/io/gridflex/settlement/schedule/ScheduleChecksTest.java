package io.gridflex.settlement.schedule;

import static io.gridflex.settlement.schedule.Revisions.T;
import static io.gridflex.settlement.schedule.Revisions.at;
import static io.gridflex.settlement.schedule.Revisions.event;
import static io.gridflex.settlement.schedule.Revisions.revision;
import static io.gridflex.settlement.schedule.Revisions.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.support.messaging.RejectReason;

class ScheduleChecksTest {

    @Test
    void aWellFormedRevisionPasses() {
        assertThat(ScheduleChecks.problem(revision(1, 0, segment(0, 30, event("vtn/e1", "100")),
                segment(30, 60, event("vtn/e1", "100"), event("vtn/e2", "50"))))).isEmpty();
        assertThat(ScheduleChecks.problem(revision(2, 0))).isEmpty();
    }

    @Test
    void aSegmentThatDoesNotEndAfterItStartsIsRefused() {
        assertThat(ScheduleChecks.problem(revision(1, 0, segment(30, 30, event("vtn/e1", "100")))))
                .map(ScheduleChecks.Problem::reason).hasValue(RejectReason.INVALID);
    }

    @Test
    void aSegmentShorterThanAMicrosecondIsRefusedAsStored() {
        // The database keeps microseconds: 400 ns would become an empty segment.
        SiteSchedule wire = new SiteSchedule("site-1", 1, T, List.of(new ScheduleSegment(T.plusNanos(100),
                T.plusNanos(500), 10, null,
                List.of(new ScheduleSegment.Contribution("vtn/e1", "p", ScheduleSegment.Kind.EVENT, 10, null)))));

        assertThat(ScheduleChecks.problem(Revision.of(wire)))
                .map(ScheduleChecks.Problem::reason).hasValue(RejectReason.INVALID);
    }

    @Test
    void overlappingOrUnorderedSegmentsAreRefused() {
        assertThat(ScheduleChecks.problem(revision(1, 0, segment(0, 40, event("vtn/e1", "100")),
                segment(30, 60, event("vtn/e1", "100")))))
                .map(ScheduleChecks.Problem::reason).hasValue(RejectReason.INVALID);
        assertThat(ScheduleChecks.problem(revision(1, 0, segment(30, 60, event("vtn/e1", "100")),
                segment(0, 10, event("vtn/e1", "100")))))
                .map(ScheduleChecks.Problem::reason).hasValue(RejectReason.INVALID);
    }

    @Test
    void aShedThatIsNotTheSumOfItsContributionsIsRefusedBeyondAWatt() {
        Segment off = new Segment(at(0), at(60), new BigDecimal("150.002"), null,
                List.of(event("vtn/e1", "100"), event("vtn/e2", "50")));
        Segment rounding = new Segment(at(0), at(60), new BigDecimal("100.000001"), null,
                List.of(event("vtn/e1", "33.333333"), event("vtn/e2", "33.333333"), event("vtn/e3", "33.333334")));

        assertThat(ScheduleChecks.problem(revision(1, 0, off))).hasValueSatisfying(problem -> {
            assertThat(problem.reason()).isEqualTo(RejectReason.INCONSISTENT);
            assertThat(problem.detail()).contains("sheds 150.002 kW").contains("add up to 150 kW");
        });
        assertThat(ScheduleChecks.problem(revision(1, 0, rounding))).isEmpty();
    }

    @Test
    void wireFiguresBecomeStoredFigures() {
        SiteSchedule wire = new SiteSchedule("site-1", 3, T.plusNanos(1_500), List.of(new ScheduleSegment(T,
                T.plusSeconds(60), 0.1 + 0.2, 500.0, List.of(new ScheduleSegment.Contribution("vtn/e1", "p",
                        ScheduleSegment.Kind.EVENT, 0.1 + 0.2, 500.0)))));

        Revision revision = Revision.of(wire);

        assertThat(revision.issuedAt()).isEqualTo(T.plusNanos(1_000));
        Segment segment = revision.segments().getFirst();
        assertThat(segment.shedKw()).isEqualTo(new BigDecimal("0.300000"));
        assertThat(segment.importCapKw()).isEqualTo(new BigDecimal("500.000000"));
        assertThat(segment.contributions().getFirst().key()).isEqualTo(ShareKey.event("vtn/e1"));
    }
}
