package io.gridflex.gateway.signature;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.pki.PemFiles;
import io.gridflex.openadr.signature.OadrSigner;
import io.gridflex.openadr.signature.OadrVerifier;
import io.gridflex.openadr.signature.SigningCredentials;
import io.gridflex.openadr.signature.TrustedSigners;

/**
 * What a program does with XML signatures: nothing, or sign every outgoing payload and accept only incoming ones that
 * verify. Built once per program at startup, so a missing or mismatched key fails the start, not the first event.
 */
public final class PayloadSignatures {

    private final OpenAdrXml xml;
    private final Optional<OadrSigner> signer;
    private final Optional<OadrVerifier> verifier;

    private PayloadSignatures(OpenAdrXml xml, Optional<OadrSigner> signer, Optional<OadrVerifier> verifier) {
        this.xml = xml;
        this.signer = signer;
        this.verifier = verifier;
    }

    /** Unsigned both ways. */
    public static PayloadSignatures none(OpenAdrXml xml) {
        return new PayloadSignatures(xml, Optional.empty(), Optional.empty());
    }

    /**
     * @throws IllegalStateException naming the program and the file when the key material is unusable or no signer
     *             is trusted
     */
    public static PayloadSignatures of(String program, SignatureConfig config, OpenAdrXml xml, Clock clock) {
        String prefix = "gridflex.gateway.programs." + program + ".signature";
        try {
            SigningCredentials credentials = SigningCredentials.fromPem(config.key(), config.certificate());
            List<Path> certificates = config.trustedCertificates().orElse(List.of());
            List<String> fingerprints = config.trustedFingerprints().orElse(List.of());
            if (certificates.isEmpty() && fingerprints.isEmpty()) {
                throw new IllegalArgumentException("no trusted-certificates or trusted-fingerprints: every signed"
                        + " message of the VTN would be refused");
            }
            TrustedSigners trusted = TrustedSigners.of(
                    certificates.stream().flatMap(file -> PemFiles.readCertificates(file).stream()).toList(),
                    fingerprints);
            return new PayloadSignatures(xml, Optional.of(new OadrSigner(credentials, clock)),
                    Optional.of(new OadrVerifier(trusted, clock, config.replayWindow())));
        } catch (RuntimeException e) {
            throw new IllegalStateException(prefix + ": " + e.getMessage(), e);
        }
    }

    /** Whether the program signs (and says so at registration). */
    public boolean signing() {
        return signer.isPresent();
    }

    /** The payload as it goes on the wire: marshalled, and signed when the program signs. */
    public String outgoing(OadrPayload payload) {
        String text = xml.marshal(payload);
        return signer.map(s -> s.sign(text)).orElse(text);
    }

    /**
     * The VTN's payload, parsed once, schema-validated and, when the program verifies, with its signature checked.
     *
     * @throws io.gridflex.openadr.OpenAdrXmlException with the OpenADR code to refuse it with (a bad or missing
     *             signature, a replay: 463)
     */
    public OadrPayload incoming(String reply) {
        if (verifier.isEmpty()) {
            return xml.unmarshal(reply);
        }
        return xml.unmarshal(verifier.get().verify(xml.parse(reply.getBytes(StandardCharsets.UTF_8))).document());
    }
}
