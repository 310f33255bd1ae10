package io.gridflex.messages;

import java.time.Instant;
import java.util.List;

/**
 * A stretch of time during which a site holds one reduction.
 *
 * @param start inclusive
 * @param end exclusive
 * @param shedKw load to keep off, in kW: the draw of the miners the agent holds stopped, whatever else the site
 *        (a co-located data centre, say) draws; the sum of the contributions' {@code kw}
 * @param importCapKw when not null, the site's metered draw must also stay at or under this many kW, data centre
 *        included: the agent stops more miners if it must
 * @param contributions who asks for this reduction, and how much each
 */
public record ScheduleSegment(Instant start, Instant end, double shedKw, Double importCapKw,
        List<Contribution> contributions) {

    public ScheduleSegment {
        contributions = List.copyOf(contributions);
    }

    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    /** The ids of the events and operator actions this segment serves. */
    public List<String> eventIds() {
        return contributions.stream().map(Contribution::eventId).toList();
    }

    /**
     * One event's (or operator action's) part of a segment.
     *
     * @param eventId the DR event ({@code <vtnId>/<vtnEventId>}), or an operator action ({@code operator/<id>})
     * @param program the program the event belongs to; null for operator actions
     * @param kind where the reduction comes from; only {@link Kind#EVENT} reductions are settled for payment
     * @param kw the reduction attributed to it, in kW; the shares of a segment's delivered energy follow these
     * @param importCapKw the import cap it asks for, when it asks for one
     */
    public record Contribution(String eventId, String program, Kind kind, double kw, Double importCapKw) {
    }

    public enum Kind {
        /** A utility's DR event. */
        EVENT,
        /** An operator's manual test event: shed for real, never billed. */
        TEST,
        /** An operator's override or emergency shed. */
        OVERRIDE
    }
}
