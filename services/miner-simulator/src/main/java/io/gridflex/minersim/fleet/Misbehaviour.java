package io.gridflex.minersim.fleet;

/**
 * A fault a real fleet shows and a driver must survive, set on one miner at runtime. Whatever the firmware, each means
 * the same to a client; {@code setApiOffline} (connections closed without a reply) stays a separate switch.
 */
public enum Misbehaviour {

    /** Behaves. */
    NONE,
    /** Accepts connections and reads requests but never answers, until the client gives up. */
    HANG,
    /** Answers every request with bytes that are not the protocol's JSON (framing kept: NUL, HTTP head, frame length). */
    GARBAGE,
    /** Rejects every login or token as if the password were wrong; APIs without authentication are unaffected. */
    REFUSE_CREDENTIALS,
    /** Answers correctly, but only after the miner's reply delay ({@code SimulatedMiner.setReplyDelay}). */
    SLOW,
    /**
     * Acknowledges shed commands (sleep, pause, stop, lower power target or percent, sleep mode) as successful and
     * keeps drawing power as before; restore commands still work.
     */
    IGNORE_SHED
}
