package io.gridflex.siteagent.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.gridflex.messages.ScheduleSegment;

/**
 * How far the agent got with one segment: the segment as it was last seen in a schedule, and whether its reduction
 * was acknowledged. A segment is "the same" across revisions while its start and its target (shed and import cap) stay
 * the same; a new end or new contributions for the same target change nothing the site does, so they are recorded
 * without being executed or acknowledged again.
 *
 * @param revision the newest revision the segment was seen in; its acknowledgements name this revision
 * @param start the segment's start
 * @param end the segment's end as last seen
 * @param shedKw what the segment asks to hold off
 * @param importCapKw the import cap it sets, or null
 * @param eventIds who asks for it
 * @param since when its target came into force: its start, or the acceptance of the revision that set the target
 *        if that was later; shed latency is measured from here
 * @param targetKw the reduction the agent worked towards: {@code shedKw}, or more where the import cap needed it
 * @param shed whether SHED was acknowledged
 */
public record SegmentProgress(long revision, Instant start, Instant end, double shedKw, Double importCapKw,
        List<String> eventIds, Instant since, double targetKw, boolean shed) {

    /** Schedules carry kW with a few decimals; closer than this is the same target. */
    private static final double SAME_KW = 1e-6;

    public SegmentProgress {
        eventIds = List.copyOf(eventIds);
    }

    /** A segment just come into force, not yet acknowledged. */
    public static SegmentProgress begin(long revision, ScheduleSegment segment, Instant since) {
        return new SegmentProgress(revision, segment.start(), segment.end(), segment.shedKw(), segment.importCapKw(),
                segment.eventIds(), since, segment.shedKw(), false);
    }

    /** Whether {@code segment} asks the site for exactly what this one asked: same start, shed and import cap. */
    public boolean sameTarget(ScheduleSegment segment) {
        return segment != null && start.equals(segment.start()) && Math.abs(shedKw - segment.shedKw()) < SAME_KW
                && sameCap(importCapKw, segment.importCapKw());
    }

    /** Whether {@code other} is progress on the same target as this. */
    public boolean sameTarget(SegmentProgress other) {
        return other != null && start.equals(other.start()) && Math.abs(shedKw - other.shedKw()) < SAME_KW
                && sameCap(importCapKw, other.importCapKw());
    }

    /** Whether {@code segment} of {@code revision} is this one with nothing at all changed. */
    public boolean unchanged(long revision, ScheduleSegment segment) {
        return this.revision == revision && sameTarget(segment) && end.equals(segment.end())
                && eventIds.equals(segment.eventIds());
    }

    /** The same target as seen in a newer revision: new end and contributions, progress kept. */
    public SegmentProgress seenIn(long newRevision, ScheduleSegment segment) {
        return new SegmentProgress(newRevision, start, segment.end(), shedKw, importCapKw, segment.eventIds(), since,
                targetKw, shed);
    }

    SegmentProgress acknowledged(double reachedTargetKw) {
        return new SegmentProgress(revision, start, end, shedKw, importCapKw, eventIds, since, reachedTargetKw, true);
    }

    private static boolean sameCap(Double a, Double b) {
        if (a == null || b == null) {
            return Objects.equals(a, b);
        }
        return Math.abs(a - b) < SAME_KW;
    }
}
