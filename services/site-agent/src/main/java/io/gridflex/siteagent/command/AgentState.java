package io.gridflex.siteagent.command;

import java.util.List;
import java.util.Map;

/**
 * Everything the agent must remember across a restart: the command it executes, the miners it holds asleep, and
 * enough history to recognise a command it has already seen.
 *
 * @param active the command being executed, or null
 * @param held miners put to sleep and not yet confirmed back
 * @param recentCommandIds ids of the latest commands seen, oldest first
 * @param eventRevisions highest revision seen per event, for the latest events
 */
public record AgentState(ActiveCommand active, List<HeldMiner> held, List<String> recentCommandIds,
        Map<String, Long> eventRevisions) {

    public static AgentState empty() {
        return new AgentState(null, List.of(), List.of(), Map.of());
    }
}
