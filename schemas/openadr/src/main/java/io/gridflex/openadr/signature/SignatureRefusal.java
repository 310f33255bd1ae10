package io.gridflex.openadr.signature;

import io.gridflex.openadr.OadrResponseCode;

/**
 * Why a signed payload was refused, and the OpenADR response code to answer with.
 * <p>
 * The codes follow one rule: 463 <em>Not registered or authorized</em> when the message cannot be attributed to a
 * trusted peer or may not be acted on (no signature, an untrusted or expired certificate, a signature that does not
 * verify, references that do not cover what the payload carries, stale or replayed); 459 <em>Compliance error</em>
 * only when the peer's signature does not follow the OpenADR 2.0b signature profile (wrong place, algorithms
 * outside the profile, missing ReplayProtect), which its implementers have to fix; 469 when the refusal is our own
 * limit. A bad signature is deliberately not 459/454, the codes GridFlex uses for schema errors: the XML is fine, the
 * sender is not proven. 463 is also what OpenLEADR answers for failed signatures, so operators of both see the same
 * code for the same fault.
 */
public enum SignatureRefusal {

    /** The payload carries no {@code ds:Signature} although signatures are required. */
    NOT_SIGNED(OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED),
    /**
     * The signature is not built as OpenADR 2.0b prescribes: not exactly one {@code ds:Signature} before
     * {@code oadrSignedObject}, an algorithm or transform outside the profile, not two same-document references, no
     * certificate in {@code KeyInfo}, no readable ReplayProtect.
     */
    PROFILE_VIOLATION(OadrResponseCode.COMPLIANCE_ERROR),
    /**
     * The references do not cover exactly the {@code oadrSignedObject} the payload carries and the ReplayProtect of
     * this signature: a second {@code oadrSignedObject}, a moved or duplicated {@code Id}, a reference to anything
     * else. These are the shapes of signature-wrapping attacks.
     */
    REFERENCE_MISMATCH(OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED),
    /** No certificate in {@code KeyInfo} is trusted, or the trusted one is outside its validity period. */
    UNTRUSTED_SIGNER(OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED),
    /** The signature value or a reference digest does not verify: the message changed after signing, or is forged. */
    INVALID_SIGNATURE(OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED),
    /** The ReplayProtect timestamp is further from our clock than the configured window. */
    STALE(OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED),
    /** The same signer's nonce was already accepted within the window: a replayed message. */
    REPLAYED(OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED),
    /** The nonce cache is full of unexpired nonces; refusing keeps replay protection intact (fail closed). */
    REPLAY_CACHE_FULL(OadrResponseCode.DEPLOYMENT_ERROR_OR_OTHER);

    private final OadrResponseCode responseCode;

    SignatureRefusal(OadrResponseCode responseCode) {
        this.responseCode = responseCode;
    }

    public OadrResponseCode responseCode() {
        return responseCode;
    }
}
