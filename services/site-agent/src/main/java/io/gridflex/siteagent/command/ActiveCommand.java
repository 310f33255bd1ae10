package io.gridflex.siteagent.command;

import java.time.Instant;

import io.gridflex.messages.SiteCommand;

/**
 * The command the site is executing and how far it got.
 *
 * @param command the command
 * @param phase where its execution stands
 * @param acceptedAt when the agent accepted it; shed latency is measured from this or from its start, the later
 */
public record ActiveCommand(SiteCommand command, Phase phase, Instant acceptedAt) {

    public enum Phase {
        /** Accepted; a SHED waits for its start, a CANCEL for the controller to begin restoring. */
        PENDING,
        /** Miners stopped and SHED acknowledged; held until the end. */
        SHED,
        /** Ended or cancelled; RESTORING acknowledged, miners coming back in stages. */
        RESTORING
    }

    public String commandId() {
        return command.commandId();
    }

    public boolean isCancel() {
        return command.action() == SiteCommand.Action.CANCEL;
    }

    /** Whether the command asks for load to be off at {@code now}. */
    public boolean isShedding(Instant now) {
        return !isCancel() && !now.isBefore(command.start()) && now.isBefore(command.end());
    }

    /** Whether the command is over at {@code now}: cancelled, or past its end. Over means: restore, then forget it. */
    public boolean isOver(Instant now) {
        return isCancel() || !now.isBefore(command.end());
    }

    ActiveCommand in(Phase next) {
        return new ActiveCommand(command, next, acceptedAt);
    }
}
