package io.gridflex.settlement.baseline;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A half-open span of time {@code [start, end)}. An empty window ({@code start == end}) is allowed: it is what a site
 * cancelled before its start took part in.
 */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window end " + end + " is before its start " + start);
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public boolean isEmpty() {
        return start.equals(end);
    }

    /** The part of {@code interval} inside this window, if any. */
    public Optional<TimeWindow> overlap(MeteredInterval interval) {
        return overlap(interval.start(), interval.end());
    }

    /** The part of {@code [from, to)} inside this window, if any. */
    public Optional<TimeWindow> overlap(Instant from, Instant to) {
        Instant first = from.isAfter(start) ? from : start;
        Instant last = to.isBefore(end) ? to : end;
        return last.isAfter(first) ? Optional.of(new TimeWindow(first, last)) : Optional.empty();
    }
}
