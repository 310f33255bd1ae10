package io.gridflex.dispatch.schedule;

import java.time.Instant;
import java.util.List;

import io.gridflex.messages.ScheduleAck.Status;

/**
 * A step a site reported.
 *
 * @param siteId the site
 * @param revision the schedule revision
 * @param segmentStart the segment, or null for the whole schedule
 * @param segmentEnd its end
 * @param status the step
 * @param shedKw what the site had off at that step
 * @param targetKw what the segment asked for
 * @param eventIds the events the segment served
 * @param reason what the site said
 * @param at when the site reached the step
 */
public record AckView(String siteId, long revision, Instant segmentStart, Instant segmentEnd, Status status,
        double shedKw, double targetKw, List<String> eventIds, String reason, Instant at) {
}
