package io.gridflex.siteagent;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.ScheduleSegment.Contribution;
import io.gridflex.messages.SiteSchedule;

/** Builds schedules for tests: segments from their contributions, so their shedKw always adds up. */
public final class Schedules {

    /**
     * Revisions for tests against a broker: an agent keeps the highest revision it has seen, and its consumer group
     * outlives a test, so revisions start from the clock and only grow, also across test classes of one JVM.
     */
    private static final AtomicLong REVISIONS = new AtomicLong(System.currentTimeMillis() * 1000);

    private Schedules() {
    }

    public static long nextRevision() {
        return REVISIONS.incrementAndGet();
    }

    /** A DR event's share of a segment. */
    public static Contribution event(String eventId, double kw) {
        return new Contribution(eventId, "test-program", ScheduleSegment.Kind.EVENT, kw, null);
    }

    /** A DR event that asks for an import cap. */
    public static Contribution cap(String eventId, double capKw) {
        return new Contribution(eventId, "test-program", ScheduleSegment.Kind.EVENT, 0, capKw);
    }

    /** A segment holding off the sum of its contributions, with the lowest import cap any of them asks for. */
    public static ScheduleSegment segment(Instant start, Instant end, Contribution... contributions) {
        List<Contribution> list = Arrays.asList(contributions);
        Double cap = list.stream().map(Contribution::importCapKw).filter(c -> c != null).min(Double::compare)
                .orElse(null);
        return new ScheduleSegment(start, end, list.stream().mapToDouble(Contribution::kw).sum(), cap, list);
    }

    public static SiteSchedule schedule(String siteId, long revision, Instant issuedAt, ScheduleSegment... segments) {
        return new SiteSchedule(siteId, revision, issuedAt, List.of(segments));
    }
}
