package io.gridflex.messages;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one site must do from now on: dispatch's whole current schedule for the site, as segments in time. Each
 * new schedule replaces the previous one entirely. A site agent holds the highest revision it has received and
 * executes it on its own clock, link or no link: a lower or equal revision changes nothing, and once the last segment
 * has ended the site restores its load.
 * <p>
 * Overlapping events at one site are one schedule: a segment's reduction is the sum of what every event (and operator
 * action) asks of the site at that time, and its {@code contributions} say who asked for what, so settlement can
 * attribute the delivered energy to each event by its share and never pay a kWh twice.
 *
 * @param siteId the site
 * @param revision increases with every schedule dispatch issues for the site
 * @param issuedAt when dispatch issued it; segments that ended before this are left out
 * @param segments in time order, not overlapping, each ending after it starts; gaps mean no reduction
 */
public record SiteSchedule(String siteId, long revision, Instant issuedAt, List<ScheduleSegment> segments) {

    public SiteSchedule {
        segments = List.copyOf(segments);
    }

    /** The segment in force at {@code at}, if any. */
    public Optional<ScheduleSegment> segmentAt(Instant at) {
        return segments.stream().filter(s -> s.covers(at)).findFirst();
    }

    /** When the last segment ends, or {@code issuedAt} when there is none: after this the site is free. */
    public Instant end() {
        return segments.isEmpty() ? issuedAt : segments.getLast().end();
    }
}
