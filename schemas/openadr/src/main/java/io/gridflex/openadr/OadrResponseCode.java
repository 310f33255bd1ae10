package io.gridflex.openadr;

/**
 * The OpenADR 2.0b response codes GridFlex sends and understands in {@code ei:responseCode}. Like HTTP, the first
 * digit is what a peer acts on; the 45x/46x codes tell the other side precisely what was wrong with its request.
 */
public enum OadrResponseCode {

    OK(200, "OK"),
    BAD_REQUEST(400, "Bad request"),
    OUT_OF_SEQUENCE(450, "Out of sequence"),
    NOT_ALLOWED(451, "Not allowed"),
    INVALID_ID(452, "Invalid ID"),
    NOT_RECOGNIZED(453, "Not recognized"),
    INVALID_DATA(454, "Invalid data"),
    COMPLIANCE_ERROR(459, "Compliance error"),
    SIGNAL_NOT_SUPPORTED(460, "Signal not supported"),
    REPORT_NOT_SUPPORTED(461, "Report not supported"),
    TARGET_MISMATCH(462, "Target mismatch"),
    NOT_REGISTERED_OR_AUTHORIZED(463, "Not registered or authorized"),
    DEPLOYMENT_ERROR_OR_OTHER(469, "Deployment error or other error");

    private final int code;
    private final String description;

    OadrResponseCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    /** The three digits as they appear in {@code ei:responseCode}. */
    public String text() {
        return Integer.toString(code);
    }

    public String description() {
        return description;
    }

    public boolean isSuccess() {
        return code / 100 == 2;
    }
}
