package io.gridflex.settlement.event;

/** What applying one site command to the participation held for its event and site comes to. */
public sealed interface CommandDecision {

    /** Store {@code participation} in place of what was held. */
    record Apply(Participation participation) implements CommandDecision {
    }

    /** Acknowledge and change nothing, counting it under {@code reason}. */
    record Ignore(String reason, String detail) implements CommandDecision {
    }
}
