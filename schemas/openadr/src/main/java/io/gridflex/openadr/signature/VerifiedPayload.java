package io.gridflex.openadr.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;

import org.w3c.dom.Document;

import io.gridflex.openadr.pki.Fingerprint;

/**
 * A payload whose signature verified: the document to bind (pass it to {@code OpenAdrXml.unmarshal(Document)}, which
 * validates it against the schema) and who signed it when. Callers that map peers to certificates (a VTN knows which
 * certificate each venID registered with) compare {@link #signer()} with the one they expect.
 *
 * @param document the parsed payload, {@code oadr:Id} of {@code oadrSignedObject} registered as an XML ID
 * @param signer the trusted certificate whose key made the signature
 * @param signedAt the ReplayProtect timestamp
 * @param nonce the ReplayProtect nonce
 */
public record VerifiedPayload(Document document, X509Certificate signer, Instant signedAt, String nonce) {

    /** The signer's full SHA-256 fingerprint, colon-separated upper-case hex. */
    public String signerFingerprint() {
        return Fingerprint.sha256(signer).toString();
    }
}
