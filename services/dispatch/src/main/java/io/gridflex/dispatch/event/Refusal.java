package io.gridflex.dispatch.event;

/**
 * Why an event revision is not allocated at all.
 *
 * @param outcome recorded as the event's outcome
 * @param detail for people
 */
public record Refusal(EventOutcome outcome, String detail) {
}
