package io.gridflex.siteagent.execution;

import java.time.Instant;
import java.util.List;

import io.gridflex.siteagent.miner.MinerEndpoint;

/**
 * A shed planned ahead of its segment, when its miners were got ready: the miners the planner chose, in its order. At
 * the segment's start the bulk of the shed goes out in this order, each miner checked against its latest reading, so
 * the step that must send thousands of commands does not plan thousands of miners first.
 *
 * @param from the segment's start
 * @param order the miners to stop, the first to go first
 */
record PlannedShed(Instant from, List<MinerEndpoint> order) {

    static final PlannedShed NONE = new PlannedShed(Instant.MAX, List.of());

    PlannedShed {
        order = List.copyOf(order);
    }

    /** Whether the segment it was planned for has begun at {@code now}. */
    boolean due(Instant now) {
        return !order.isEmpty() && !now.isBefore(from);
    }
}
