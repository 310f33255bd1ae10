package io.gridflex.siteagent.schedule;

import java.time.Instant;
import java.util.List;

import io.gridflex.messages.SiteSchedule;

/**
 * Everything the agent must remember across a restart: the schedule it executes, how far it got with it, the miners
 * it holds asleep, and the newest revision it decided on.
 *
 * @param schedule the newest accepted schedule, or null before the first one
 * @param acceptedAt when that schedule was accepted; shed latency of a target it changed is measured from here
 * @param lastRevision the newest revision accepted or rejected (0: none); anything not newer is ignored, so each
 *        revision is acknowledged once
 * @param held miners put to sleep and not yet confirmed back
 * @param present the segment being executed, or null when none is in force
 * @param restoring segments whose surplus load is coming back (RESTORING sent, RESTORED not yet), oldest first
 */
public record AgentState(SiteSchedule schedule, Instant acceptedAt, long lastRevision, List<HeldMiner> held,
        SegmentProgress present, List<SegmentProgress> restoring) {

    public AgentState {
        held = List.copyOf(held);
        restoring = List.copyOf(restoring);
    }

    public static AgentState empty() {
        return new AgentState(null, null, 0, List.of(), null, List.of());
    }
}
