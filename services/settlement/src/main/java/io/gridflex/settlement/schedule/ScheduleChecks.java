package io.gridflex.settlement.schedule;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import io.gridflex.support.messaging.RejectReason;

/**
 * What a schedule revision must satisfy before it is stored, beyond what its JSON Schema checks: settlement cuts the
 * site's time into pieces by these segments and splits energy by these kW, so a revision that breaks its own contract
 * would make every figure computed from it a guess. Pure.
 */
public final class ScheduleChecks {

    /**
     * How far {@code shedKw} may stray from the sum of the contributions: each kW figure is a JSON double rounded to
     * 6 decimals on intake, so sums of many contributions may differ in the last places, never by a watt.
     */
    static final BigDecimal SHED_TOLERANCE_KW = new BigDecimal("0.001");

    private ScheduleChecks() {
    }

    /** A reason for refusing the revision (a short stable tag and a sentence for people). */
    public record Problem(RejectReason reason, String detail) {
    }

    public static Optional<Problem> problem(Revision revision) {
        String name = "schedule of site " + revision.siteId() + " revision " + revision.revision();
        List<Segment> segments = revision.segments();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (!segment.end().isAfter(segment.start())) {
                return Optional.of(new Problem(RejectReason.INVALID, name + ": segment " + i + " ends at "
                        + segment.end() + ", not after its start " + segment.start()));
            }
            if (i > 0 && segment.start().isBefore(segments.get(i - 1).end())) {
                return Optional.of(new Problem(RejectReason.INVALID, name + ": segment " + i + " starts at "
                        + segment.start() + ", before segment " + (i - 1) + " ends at " + segments.get(i - 1).end()));
            }
            BigDecimal sum = segment.contributions().stream().map(Contribution::kw).reduce(BigDecimal.ZERO,
                    BigDecimal::add);
            if (sum.subtract(segment.shedKw()).abs().compareTo(SHED_TOLERANCE_KW) > 0) {
                return Optional.of(new Problem(RejectReason.INCONSISTENT, name + ": segment " + i + " sheds "
                        + segment.shedKw().toPlainString() + " kW but its contributions add up to "
                        + sum.toPlainString() + " kW"));
            }
        }
        return Optional.empty();
    }
}
