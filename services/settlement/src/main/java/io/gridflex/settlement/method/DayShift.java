package io.gridflex.settlement.method;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves instants of the event day to the same local wall-clock time of another day, which is how a like day's interval
 * is matched with an event interval. A local time that does not exist on the other day (the hour skipped when clocks go
 * forward) has no match; a local time that occurs twice there (the hour repeated when clocks go back) is matched with
 * its first occurrence.
 */
final class DayShift {

    private DayShift() {
    }

    static Optional<Instant> shift(Instant instant, ZoneId zone, long days) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone).plusDays(days);
        ZonedDateTime moved = ZonedDateTime.ofLocal(local, zone, null);
        return moved.toLocalDateTime().equals(local) ? Optional.of(moved.toInstant()) : Optional.empty();
    }

    /** Every instant moved, or nothing when any of them has no match. */
    static Optional<List<Instant>> shiftAll(List<Instant> instants, ZoneId zone, long days) {
        List<Instant> moved = new ArrayList<>(instants.size());
        for (Instant instant : instants) {
            Optional<Instant> one = shift(instant, zone, days);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            moved.add(one.get());
        }
        return Optional.of(moved);
    }
}
