package io.gridflex.siteagent.status;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the agent is doing, for people and probes.
 *
 * @param currentKw the site's draw at the latest readings
 * @param scheduleRevision the revision the agent executes, or null before the first schedule
 * @param currentSegment the segment in force now, or null
 * @param nextSegmentStart when the next segment after now starts, or null when none is scheduled
 * @param requiredKw the reduction the schedule requires now
 * @param heldKw the reduction the miners held asleep account for
 * @param phase IDLE (nothing required, nothing held), SHEDDING (a target in force, not yet reached), SHED (reached
 *        and held), RESTORING (surplus load coming back)
 * @param link the acks and telemetry waiting on disk for Kafka
 */
@Schema(description = "What the site agent is doing")
public record StatusView(String siteId, double maxImportKw, double currentKw, int minersTotal, int minersRunning,
        Long scheduleRevision, SegmentView currentSegment, Instant nextSegmentStart, double requiredKw,
        double heldKw, int minersHeld, String phase, List<MinerView> miners, LinkView link) {

    /** The segment in force: what it asks for and for whom. */
    public record SegmentView(Instant start, Instant end, double shedKw, Double importCapKw,
            List<String> eventIds) {
    }

    /**
     * @param state RUNNING, SLEEPING, TRIMMED (held by the agent at a power target), WAKING (woken by the agent, not yet
     *        at full power), UNREACHABLE (its latest reading failed) or UNKNOWN (never answered)
     * @param held whether the agent stopped it and still answers for bringing it back
     */
    public record MinerView(String endpoint, String state, double powerW, double hashrateGhs, boolean held,
            Instant readAt, String lastError) {
    }

    /**
     * The link journal: acks and telemetry kept on disk until the broker acknowledged them.
     *
     * @param state IDLE (nothing waits), SENDING (records wait: being sent, or for the broker's acknowledgement,
     *        which a producer gives up on after its delivery timeout), RETRYING (the latest attempt failed; the
     *        records wait for the next one)
     * @param oldestUnsentAt when the oldest record still waiting was made, or null
     * @param droppedRecords records dropped unsent since the agent started: over the journal's size or age bound, or
     *        unreadable on disk
     * @param lastFailure why the latest failed attempt failed, or null
     * @param lastSentAt when the broker last acknowledged records, or null
     */
    public record LinkView(String state, long bufferedRecords, long bufferedBytes, Instant oldestUnsentAt,
            long droppedRecords, String lastFailure, Instant lastFailureAt, Instant lastSentAt) {
    }
}
