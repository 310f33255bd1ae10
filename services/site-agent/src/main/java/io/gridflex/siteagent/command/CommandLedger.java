package io.gridflex.siteagent.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

import io.gridflex.messages.SiteCommand;

/**
 * The agent's command state machine: which command is active, which miners it holds asleep, which commands it has
 * already seen. Pure and not thread-safe; {@link CommandBook} serialises access and persists every change.
 * <p>
 * Rules, in order: another site's command is ignored; a command id seen before is ignored (a command is never
 * executed twice); a revision lower than the highest seen for its event is ignored; a window that ends before it
 * starts, a command already expired, or one issued further ahead of this clock than the skew tolerance is rejected;
 * a CANCEL with nothing of its event active is rejected; anything else becomes the active command, superseding the
 * previous one.
 */
public final class CommandLedger {

    static final int REMEMBERED_COMMANDS = 512;
    static final int REMEMBERED_EVENTS = 256;

    private final String siteId;
    private final Duration clockSkew;
    private ActiveCommand active;
    private final List<HeldMiner> held = new ArrayList<>();
    private final SequencedSet<String> recentCommandIds = new LinkedHashSet<>();
    private final LinkedHashMap<String, Long> eventRevisions = new LinkedHashMap<>();

    public CommandLedger(String siteId, Duration clockSkew) {
        this.siteId = siteId;
        this.clockSkew = clockSkew;
    }

    /** A ledger that carries on from a persisted state. */
    public static CommandLedger restore(String siteId, Duration clockSkew, AgentState state) {
        CommandLedger ledger = new CommandLedger(siteId, clockSkew);
        ledger.active = state.active();
        ledger.held.addAll(state.held());
        ledger.recentCommandIds.addAll(state.recentCommandIds());
        ledger.eventRevisions.putAll(state.eventRevisions());
        return ledger;
    }

    public Decision offer(SiteCommand command, Instant now) {
        if (!siteId.equals(command.siteId())) {
            return new Decision.Ignored(command, Decision.Why.FOREIGN_SITE,
                    "command " + command.commandId() + " is for site " + command.siteId());
        }
        if (recentCommandIds.contains(command.commandId())) {
            return new Decision.Ignored(command, Decision.Why.DUPLICATE,
                    "command " + command.commandId() + " was already received");
        }
        Long highest = eventRevisions.get(command.eventId());
        if (highest != null && command.revision() <= highest) {
            return new Decision.Ignored(command, Decision.Why.STALE_REVISION, "revision " + command.revision()
                    + " of event " + command.eventId() + " is not newer than revision " + highest);
        }
        remember(command);

        if (!command.end().isAfter(command.start())) {
            return new Decision.Rejected(command,
                    "end " + command.end() + " is not after start " + command.start());
        }
        if (!command.end().isAfter(now)) {
            return new Decision.Rejected(command, "expired: end " + command.end() + " has passed (site clock " + now
                    + ")");
        }
        if (command.issuedAt().isAfter(now.plus(clockSkew))) {
            return new Decision.Rejected(command, "issuedAt " + command.issuedAt()
                    + " is ahead of the site clock " + now + " by more than " + clockSkew);
        }
        if (command.action() == SiteCommand.Action.CANCEL
                && (active == null || !active.command().eventId().equals(command.eventId()))) {
            return new Decision.Rejected(command,
                    "nothing to cancel: event " + command.eventId() + " is not active at site " + siteId);
        }
        ActiveCommand superseded = active;
        active = new ActiveCommand(command, ActiveCommand.Phase.PENDING, now);
        return new Decision.Accepted(command, superseded);
    }

    public Optional<ActiveCommand> active() {
        return Optional.ofNullable(active);
    }

    public List<HeldMiner> held() {
        return List.copyOf(held);
    }

    /** Moves the active command to {@code phase}; false when {@code commandId} is no longer the active one. */
    public boolean advance(String commandId, ActiveCommand.Phase phase) {
        if (active == null || !active.commandId().equals(commandId)) {
            return false;
        }
        active = active.in(phase);
        return true;
    }

    /** Forgets the active command once it is over; false when {@code commandId} is no longer the active one. */
    public boolean finish(String commandId) {
        if (active == null || !active.commandId().equals(commandId)) {
            return false;
        }
        active = null;
        return true;
    }

    public void hold(HeldMiner miner) {
        held.removeIf(h -> h.endpoint().equals(miner.endpoint()));
        held.add(miner);
    }

    /** Records that a held miner was told to wake up; it stays held until {@link #release} confirms it back. */
    public void markWoken(String endpoint, Instant at) {
        held.replaceAll(h -> h.endpoint().equals(endpoint) ? h.wokenAt(at) : h);
    }

    public void release(String endpoint) {
        held.removeIf(h -> h.endpoint().equals(endpoint));
    }

    public AgentState snapshot() {
        // Insertion order matters: the oldest events are forgotten first, also after a restart.
        return new AgentState(active, List.copyOf(held), List.copyOf(recentCommandIds),
                Collections.unmodifiableMap(new LinkedHashMap<>(eventRevisions)));
    }

    private void remember(SiteCommand command) {
        recentCommandIds.add(command.commandId());
        while (recentCommandIds.size() > REMEMBERED_COMMANDS) {
            recentCommandIds.removeFirst();
        }
        eventRevisions.remove(command.eventId());
        eventRevisions.put(command.eventId(), command.revision());
        while (eventRevisions.size() > REMEMBERED_EVENTS) {
            eventRevisions.pollFirstEntry();
        }
    }
}
