package io.gridflex.siteagent.miner;

/**
 * A miner did not answer, answered garbage, refused the agent's credentials, or answered with an error status. The
 * message names the miner and says what happened; it never contains a credential.
 */
public class MinerException extends Exception {

    /** Code of a failure that is not the miner's own status code (no answer, garbage, transport error). */
    public static final int NO_CODE = -1;
    /** Code of a command the firmware (or this miner's version of it) does not offer. */
    public static final int UNSUPPORTED = -2;
    /** Code of credentials the miner refused. */
    public static final int UNAUTHORIZED = -3;

    private final int code;

    public MinerException(String message, int code) {
        super(message);
        this.code = code;
    }

    public MinerException(String message, Throwable cause) {
        super(message, cause);
        this.code = NO_CODE;
    }

    /** The miner's status code, or one of {@link #NO_CODE}, {@link #UNSUPPORTED}, {@link #UNAUTHORIZED}. */
    public int code() {
        return code;
    }
}
