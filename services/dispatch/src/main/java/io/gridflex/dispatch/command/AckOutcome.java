package io.gridflex.dispatch.command;

/** What became of one command ack. */
public enum AckOutcome {
    RECORDED,
    /** This step of this command was already recorded. */
    DUPLICATE,
    /** No such command was issued. */
    UNKNOWN_COMMAND,
    /** The ack names another site or event than the command it reports on. */
    INCONSISTENT
}
