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
        Instant from = interval.start().isAfter(start) ? interval.start() : start;
        Instant to = interval.end().isBefore(end) ? interval.end() : end;
        return to.isAfter(from) ? Optional.of(new TimeWindow(from, to)) : Optional.empty();
    }
}
