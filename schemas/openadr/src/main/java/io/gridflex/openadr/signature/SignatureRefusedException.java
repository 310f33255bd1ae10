package io.gridflex.openadr.signature;

import io.gridflex.openadr.OpenAdrXmlException;

/**
 * A received payload whose signature GridFlex does not accept. An {@link OpenAdrXmlException}, so code that already
 * answers refused XML with {@code responseCode()} answers refused signatures the same way; {@link #reason()} tells
 * which check failed, for logs and metrics.
 */
public final class SignatureRefusedException extends OpenAdrXmlException {

    private final SignatureRefusal reason;

    public SignatureRefusedException(SignatureRefusal reason, String message) {
        super(reason.responseCode(), message);
        this.reason = reason;
    }

    public SignatureRefusedException(SignatureRefusal reason, String message, Throwable cause) {
        super(reason.responseCode(), message, cause);
        this.reason = reason;
    }

    public SignatureRefusal reason() {
        return reason;
    }
}
