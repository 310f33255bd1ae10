package io.gridflex.siteagent.miner;

/** A miner did not answer, answered garbage, or answered with an error status. */
public class LuxosException extends Exception {

    private final int code;

    public LuxosException(String message, int code) {
        super(message);
        this.code = code;
    }

    public LuxosException(String message, Throwable cause) {
        super(message, cause);
        this.code = -1;
    }

    /** The miner's status code, or -1 when it did not answer properly. */
    public int code() {
        return code;
    }
}
