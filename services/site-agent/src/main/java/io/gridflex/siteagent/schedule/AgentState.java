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
 * @param pending miners told (or about to be told) to sleep whose outcome is not known yet
 */
public record AgentState(SiteSchedule schedule, Instant acceptedAt, long lastRevision, List<HeldMiner> held,
        SegmentProgress present, List<SegmentProgress> restoring, List<PendingSleep> pending) {

    public AgentState {
        held = List.copyOf(held);
        restoring = List.copyOf(restoring);
        // A state written before intents were recorded has none.
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    public AgentState(SiteSchedule schedule, Instant acceptedAt, long lastRevision, List<HeldMiner> held,
            SegmentProgress present, List<SegmentProgress> restoring) {
        this(schedule, acceptedAt, lastRevision, held, present, restoring, List.of());
    }

    public static AgentState empty() {
        return new AgentState(null, null, 0, List.of(), null, List.of(), List.of());
    }
}
