package io.gridflex.openadr;

/**
 * A received OpenADR document that GridFlex refuses: not well-formed, hostile (DTDs, entities), too large, or not
 * valid OpenADR 2.0b. Carries the response code to answer the peer with, so a VEN or VTN can reply with an
 * {@code oadrResponse} instead of a bare transport error.
 */
public class OpenAdrXmlException extends RuntimeException {

    private final OadrResponseCode responseCode;

    public OpenAdrXmlException(OadrResponseCode responseCode, String message) {
        super(message);
        this.responseCode = responseCode;
    }

    public OpenAdrXmlException(OadrResponseCode responseCode, String message, Throwable cause) {
        super(message, cause);
        this.responseCode = responseCode;
    }

    /** What to put in {@code ei:responseCode} of the reply. */
    public OadrResponseCode responseCode() {
        return responseCode;
    }
}
