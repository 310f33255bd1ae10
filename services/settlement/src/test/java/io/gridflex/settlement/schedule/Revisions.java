package io.gridflex.settlement.schedule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.gridflex.messages.ScheduleSegment.Kind;
import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.TimeWindow;

/**
 * Schedules and meter readings for the tests of pure logic, in seconds from {@link #T}. A segment's shed is the sum of
 * its contributions, as dispatch states it.
 */
public final class Revisions {

    public static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    public static final String SITE = "site-1";

    private Revisions() {
    }

    public static Instant at(long seconds) {
        return T.plusSeconds(seconds);
    }

    public static TimeWindow window(long fromSeconds, long toSeconds) {
        return new TimeWindow(at(fromSeconds), at(toSeconds));
    }

    public static Revision revision(long number, long issuedSeconds, Segment... segments) {
        return new Revision(SITE, number, at(issuedSeconds), List.of(segments));
    }

    public static Segment segment(long fromSeconds, long toSeconds, Contribution... contributions) {
        BigDecimal shed = List.of(contributions).stream().map(Contribution::kw).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        return new Segment(at(fromSeconds), at(toSeconds), shed, null, List.of(contributions));
    }

    /** A segment that only caps the site's import: no kW asked of anyone. */
    public static Segment capOnly(long fromSeconds, long toSeconds, String capKw, Contribution... contributions) {
        return new Segment(at(fromSeconds), at(toSeconds), BigDecimal.ZERO, new BigDecimal(capKw),
                List.of(contributions));
    }

    public static Contribution event(String eventId, String kw) {
        return new Contribution(eventId, "prog-a", Kind.EVENT, new BigDecimal(kw), null);
    }

    public static Contribution test(String id, String kw) {
        return new Contribution(id, null, Kind.TEST, new BigDecimal(kw), null);
    }

    public static Contribution override(String id, String kw) {
        return new Contribution(id, null, Kind.OVERRIDE, new BigDecimal(kw), null);
    }

    /** {@code count} back-to-back metered intervals of 10 s from {@code fromSeconds}, of equal energy. */
    public static List<MeteredInterval> steps(long fromSeconds, int count, String energyKwh) {
        List<MeteredInterval> intervals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            intervals.add(new MeteredInterval(at(fromSeconds + 10L * i), at(fromSeconds + 10L * (i + 1)),
                    new BigDecimal(energyKwh)));
        }
        return intervals;
    }
}
