package io.gridflex.dispatch.event;

import java.util.Map;

import io.gridflex.dispatch.allocation.EventAllocation;

/**
 * What allocating an event did.
 *
 * @param outcome how it was handled
 * @param detail why it fell short or was refused, for people; null when it went as asked
 * @param allocation the pieces and interval figures from now on
 * @param issued the schedule revision issued to each site whose schedule changed
 */
public record AllocationResult(EventOutcome outcome, String detail, EventAllocation allocation,
        Map<String, Long> issued) {

    public AllocationResult {
        issued = Map.copyOf(issued);
    }
}
