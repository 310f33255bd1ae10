package io.gridflex.openadr.signature;

import java.util.Set;

import org.apache.xml.security.Init;

/**
 * The XML signature profile of OpenADR 2.0b as GridFlex signs and accepts it, in one place so the signer and the
 * verifier cannot drift apart.
 * <p>
 * OpenADR 2.0b allows RSA-SHA256 and ECDSA-SHA256 with SHA-256 digests; a signature references the payload's
 * {@code oadrSignedObject} and a {@code dsp:ReplayProtect} signature property. We sign with exclusive
 * canonicalization, which keeps each digest independent of namespace declarations on ancestors (a relay that
 * re-serializes the envelope cannot break it), and accept the canonicalizations peers use in practice: OpenLEADR signs
 * with inclusive C14N 1.0. All accepted canonicalizations keep every element, attribute and text of the referenced
 * subtree, so what is digested is exactly what the application reads; filtering transforms (XPath, XSLT, enveloped)
 * are refused for that reason.
 */
final class SignatureProfile {

    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

    static final String C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    static final String EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

    static final Set<String> SIGNATURE_METHODS = Set.of(RSA_SHA256, ECDSA_SHA256);
    static final Set<String> CANONICALIZATIONS = Set.of(C14N, C14N + "#WithComments", EXCLUSIVE_C14N,
            EXCLUSIVE_C14N + "WithComments", "http://www.w3.org/2006/12/xml-c14n11",
            "http://www.w3.org/2006/12/xml-c14n11#WithComments");

    /** The {@code Id} of the {@code ds:Object} holding the ReplayProtect property; OpenLEADR uses the same. */
    static final String PROPERTIES_ID = "prop";
    static final String REPLAY_PROTECT_PROPERTY_ID = "replayProtect";
    static final String SIGNATURE_ID = "signature";

    private SignatureProfile() {
    }

    /** Santuario's algorithm registry is global and initialized once; {@link Init#init()} is idempotent. */
    static void initSantuario() {
        Init.init();
    }
}
