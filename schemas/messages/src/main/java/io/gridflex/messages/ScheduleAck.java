package io.gridflex.messages;

import java.time.Instant;
import java.util.List;

/**
 * A site agent's report on its schedule: once per schedule revision when it is taken or refused, then once per
 * segment and step as the segment is executed.
 *
 * @param siteId the reporting site
 * @param revision the schedule revision reported on
 * @param segmentStart the segment reported on; null for {@link Status#ACCEPTED} and {@link Status#REJECTED}, which
 *        are about the whole schedule
 * @param segmentEnd the segment's end; null when {@code segmentStart} is
 * @param status the step reached
 * @param shedKw load the site has off at this step, in kW (the draw of the miners it holds stopped)
 * @param targetKw what the segment asks for, in kW; 0 for schedule-level reports
 * @param eventIds the events and operator actions the segment serves; empty for schedule-level reports
 * @param reason for people, not programs: why, for {@link Status#REJECTED}; what was done, for {@link Status#SHED}
 *        (miners stopped, time taken, any shortfall); may be null
 * @param at when the step was reached
 */
public record ScheduleAck(
        String siteId,
        long revision,
        Instant segmentStart,
        Instant segmentEnd,
        Status status,
        double shedKw,
        double targetKw,
        List<String> eventIds,
        String reason,
        Instant at) {

    public ScheduleAck {
        eventIds = List.copyOf(eventIds);
    }

    public enum Status {
        /** The revision is valid and now the one the site executes; any older one is replaced. */
        ACCEPTED,
        /** The revision was refused ({@code reason} says why); the site goes on with the one it held. */
        REJECTED,
        /** The segment's reduction is in place, or as much of it as the site could reach ({@code shedKw}). */
        SHED,
        /** The segment ended, or its reduction was lowered: load is coming back in stages. */
        RESTORING,
        /** Everything the segment had taken off beyond what the present asks for is back. */
        RESTORED
    }
}
