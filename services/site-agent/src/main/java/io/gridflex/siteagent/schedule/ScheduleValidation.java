package io.gridflex.siteagent.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;

/**
 * The checks a schedule must pass beyond its JSON Schema before the site executes it. A schedule that fails one is
 * refused whole: executing part of a schedule the sender got wrong could shed the wrong load. Segments that lie in the
 * past are no fault; a schedule that has only those, or none, is how dispatch says "nothing more". Pure.
 */
final class ScheduleValidation {

    /** Contributions are rounded by their sender; a sum this close to {@code shedKw} is the same figure. */
    static final double SUM_TOLERANCE_KW = 0.05;

    private ScheduleValidation() {
    }

    /** Why the schedule cannot be executed, or empty when it can. */
    static Optional<String> problem(SiteSchedule schedule, Instant now, Duration clockSkew) {
        if (schedule.issuedAt().isAfter(now.plus(clockSkew))) {
            return Optional.of("issuedAt " + schedule.issuedAt() + " is ahead of the site clock " + now
                    + " by more than " + clockSkew);
        }
        List<ScheduleSegment> segments = schedule.segments();
        for (int i = 0; i < segments.size(); i++) {
            ScheduleSegment segment = segments.get(i);
            if (!segment.end().isAfter(segment.start())) {
                return Optional.of("segment " + i + " ends at " + segment.end() + ", not after its start "
                        + segment.start());
            }
            if (i > 0 && segment.start().isBefore(segments.get(i - 1).end())) {
                return Optional.of("segment " + i + " starts at " + segment.start() + ", before segment " + (i - 1)
                        + " ends at " + segments.get(i - 1).end() + ": segments must be in time order and not overlap");
            }
            double sum = segment.contributions().stream().mapToDouble(ScheduleSegment.Contribution::kw).sum();
            if (Math.abs(sum - segment.shedKw()) > SUM_TOLERANCE_KW) {
                return Optional.of(String.format(Locale.ROOT,
                        "segment %d (%s) asks for %.3f kW but its contributions sum to %.3f kW", i, segment.start(),
                        segment.shedKw(), sum));
            }
        }
        return Optional.empty();
    }
}
