package io.gridflex.gateway.signature;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.gridflex.gateway.tls.FingerprintFile;
import io.gridflex.gateway.tls.TlsSetupException;
import io.gridflex.gateway.tls.WatchedFiles;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.pki.Fingerprint;
import io.gridflex.openadr.pki.PemFiles;
import io.gridflex.openadr.signature.OadrSigner;
import io.gridflex.openadr.signature.OadrVerifier;
import io.gridflex.openadr.signature.SigningCredentials;
import io.gridflex.openadr.signature.TrustedSigners;

/**
 * What a program does with XML signatures: nothing, or sign every outgoing payload and accept only incoming ones that
 * verify. Built once per program at startup, so a missing or mismatched key fails the start, not the first event.
 * <p>
 * The files are watched like the TLS ones ({@link WatchedFiles}): a renewed signing key and certificate, or a changed
 * set of trusted signer certificates, is taken at the first message after
 * {@code signature.certificate-check-interval} (1 min) without a restart. A changed file that cannot be used is
 * logged and what is in use stays. The nonces seen for ReplayProtect are kept across changes. Trusted fingerprints
 * given inline are settings, read at startup; in {@code signature.trusted-fingerprints-file} they are watched too.
 */
public final class PayloadSignatures {

    private static final WatchedFiles.Words SIGNING = new WatchedFiles.Words("signing key and certificate files",
            "the signing certificate in use stays", "renewed signing certificate");
    private static final WatchedFiles.Words TRUSTED = new WatchedFiles.Words(
            "trusted signer certificate or fingerprint files", "the trusted signers in use stay",
            "changed trusted signer certificates or fingerprints");

    private final OpenAdrXml xml;
    private final Optional<Supplier<OadrSigner>> signer;
    private final Optional<OadrVerifier> verifier;

    private PayloadSignatures(OpenAdrXml xml, Optional<Supplier<OadrSigner>> signer, Optional<OadrVerifier> verifier) {
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
        return of(program, config, xml, clock, System::nanoTime);
    }

    static PayloadSignatures of(String program, SignatureConfig config, OpenAdrXml xml, Clock clock,
            LongSupplier nanoTime) {
        String prefix = "gridflex.gateway.programs." + program + ".signature";
        try {
            List<Path> certificates = config.trustedCertificates().orElse(List.of());
            Optional<Path> fingerprintFile = config.trustedFingerprintsFile();
            if (config.trustedFingerprints().isPresent() && fingerprintFile.isPresent()) {
                throw new IllegalArgumentException("trusted-fingerprints and trusted-fingerprints-file are both set:"
                        + " list them in one place (the file, to change them without a restart)");
            }
            if (certificates.isEmpty() && config.trustedFingerprints().isEmpty() && fingerprintFile.isEmpty()) {
                throw new IllegalArgumentException("no trusted-certificates or trusted-fingerprints: every signed"
                        + " message of the VTN would be refused");
            }
            Supplier<List<String>> fingerprints = () -> fingerprintFile
                    .map(file -> FingerprintFile.read(prefix + ".trusted-fingerprints-file", file))
                    .orElse(config.trustedFingerprints().orElse(List.of()));
            WatchedFiles<OadrSigner> signing = WatchedFiles.load(prefix + ".key",
                    List.of(Map.entry(config.key(), prefix + ".key"),
                            Map.entry(config.certificate(), prefix + ".certificate")),
                    () -> signer(prefix, config, clock), PayloadSignatures::describe, SIGNING,
                    config.certificateCheckInterval(), nanoTime);
            List<Map.Entry<Path, String>> trustFiles = new ArrayList<>();
            certificates.forEach(file -> trustFiles.add(Map.entry(file, prefix + ".trusted-certificates")));
            fingerprintFile.ifPresent(file -> trustFiles.add(Map.entry(file, prefix + ".trusted-fingerprints-file")));
            WatchedFiles<TrustedSigners> trusted = WatchedFiles.load(prefix + ".trusted-certificates", trustFiles,
                    () -> trustedSigners(prefix, certificates, fingerprints.get()), t -> "trusted signers",
                    TRUSTED, config.certificateCheckInterval(), nanoTime);
            return new PayloadSignatures(xml, Optional.of(() -> signing.current().value()),
                    Optional.of(new OadrVerifier(() -> trusted.current().value(), clock, config.replayWindow())));
        } catch (RuntimeException e) {
            throw new IllegalStateException(prefix + ": " + e.getMessage(), e);
        }
    }

    private static OadrSigner signer(String prefix, SignatureConfig config, Clock clock) {
        try {
            return new OadrSigner(SigningCredentials.fromPem(config.key(), config.certificate()), clock);
        } catch (RuntimeException e) {
            throw new TlsSetupException(prefix + ".key/.certificate: " + e.getMessage(), e);
        }
    }

    private static TrustedSigners trustedSigners(String prefix, List<Path> certificates, List<String> fingerprints) {
        try {
            return TrustedSigners.of(
                    certificates.stream().flatMap(file -> PemFiles.readCertificates(file).stream()).toList(),
                    fingerprints);
        } catch (RuntimeException e) {
            throw new TlsSetupException(prefix + ".trusted-certificates: " + e.getMessage(), e);
        }
    }

    private static String describe(OadrSigner signer) {
        X509Certificate certificate = signer.certificate();
        return certificate.getSubjectX500Principal() + " (SHA-256 " + Fingerprint.sha256(certificate)
                + ", valid until " + certificate.getNotAfter().toInstant() + ")";
    }

    /** Whether the program signs (and says so at registration). */
    public boolean signing() {
        return signer.isPresent();
    }

    /** The payload as it goes on the wire: marshalled, and signed when the program signs. */
    public String outgoing(OadrPayload payload) {
        String text = xml.marshal(payload);
        return signer.map(s -> s.get().sign(text)).orElse(text);
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
