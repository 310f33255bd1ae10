package io.gridflex.openadr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;

/**
 * What a VTN needs to say to dispatch load: one {@code LOAD_DISPATCH} signal of type {@code delta} in MW, made of
 * consecutive intervals starting at {@code start}, for the listed VENs.
 *
 * @param marketContext the DR program URI, e.g. {@code oadr://gridflex.io/dispatch}
 * @param responseRequired whether the VEN must answer with oadrCreatedEvent
 */
public record LoadDispatchEvent(String eventId, long modificationNumber, String marketContext, Instant createdAt,
        EventStatusEnumeratedType status, Instant start, List<DispatchInterval> intervals, List<String> venIds,
        boolean responseRequired) {

    public LoadDispatchEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(marketContext, "marketContext");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        intervals = List.copyOf(intervals);
        venIds = List.copyOf(venIds);
        if (intervals.isEmpty()) {
            throw new IllegalArgumentException("a dispatch event has at least one interval");
        }
        if (modificationNumber < 0) {
            throw new IllegalArgumentException("modificationNumber must not be negative");
        }
    }

    /** The whole active period: the intervals back to back. */
    public Duration totalDuration() {
        return intervals.stream().map(DispatchInterval::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
