package io.gridflex.dispatch.event;

/** Where an event came from. */
public enum EventSource {

    /** A utility's VTN, through ven-gateway. */
    VTN,
    /** An operator's manual test event: shed for real, never billed. */
    OPERATOR;

    /** The program a manual event names when it has none: never a registered program. */
    public static final String NO_PROGRAM = "operator";
}
