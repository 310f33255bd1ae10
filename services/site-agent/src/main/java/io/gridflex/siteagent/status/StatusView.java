package io.gridflex.siteagent.status;

import java.time.Instant;
import java.util.List;

/**
 * What the agent is doing, for people and probes.
 *
 * @param currentKw the site's draw at the latest readings
 * @param activeCommand the command being executed, or null
 */
public record StatusView(String siteId, double maxImportKw, double currentKw, int minersTotal, int minersRunning,
        ActiveCommandView activeCommand, List<MinerView> miners) {

    public record ActiveCommandView(String commandId, String eventId, long revision, String action, double shedKw,
            Instant start, Instant end, String phase, int minersHeld, double heldReductionKw) {
    }

    /**
     * @param state RUNNING, SLEEPING, WAKING (woken by the agent, not yet at full power), UNREACHABLE (its latest
     *        reading failed) or UNKNOWN (never answered)
     * @param held whether the agent stopped it and still answers for bringing it back
     */
    public record MinerView(String endpoint, String state, double powerW, double hashrateGhs, boolean held,
            Instant readAt, String lastError) {
    }
}
