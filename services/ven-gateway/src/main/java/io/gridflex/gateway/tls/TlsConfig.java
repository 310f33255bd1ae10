package io.gridflex.gateway.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithName;

/**
 * TLS towards one VTN: a configuration group, nested per program as {@code gridflex.gateway.programs.<id>.tls.*}.
 * It applies when the program's VTN URL is {@code https}; {@link VtnTls#load} turns it into what
 * {@link java.net.http.HttpClient} needs, at startup, so a missing or wrong file stops the gateway before its first
 * request.
 * <p>
 * Certificates and keys are files (mounted Kubernetes secrets), never part of the repository or of the image.
 * <p>
 * No member has a {@code @WithDefault}: the group is optional per program, and a default would make it present for
 * every program. Defaults are the {@code default} methods instead.
 */
public interface TlsConfig {

    /**
     * Our client certificate, the VEN's, as PEM: the leaf first, then any intermediate CA certificates the VTN needs
     * to build the chain (OpenADR VEN certificates are issued by an intermediate). An OpenADR 2.0b VTN requires a
     * client certificate; without this key none is presented. Set together with {@link #key()}.
     */
    Optional<Path> certificate();

    /**
     * The private key of {@link #certificate()}, as unencrypted PEM: PKCS#8 ({@code PRIVATE KEY}, what Kubernetes TLS
     * secrets hold), SEC1 ({@code EC PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}). Startup fails when it does not
     * belong to the certificate. Encrypted keys are refused: the secret store protects the file, a password next to it
     * would not.
     */
    Optional<Path> key();

    /**
     * The CA certificates, as PEM (one or more), that the VTN's certificate chain must lead to: for a production VTN
     * the OpenADR Alliance root(s) its certificate was issued under. Without it the JVM's default trust store is
     * used, which holds public web CAs and none of the OpenADR roots.
     */
    Optional<Path> trustedCertificates();

    /**
     * SHA-256 fingerprints of the VTN certificates this program accepts. When set, the VTN's own (leaf) certificate
     * must match one of them in addition to passing CA validation and host-name verification. Each entry is either
     * the full 32-byte SHA-256 of the DER certificate or OpenLEADR's short form (its last 10 bytes), in hex, upper or
     * lower case, with or without colons: {@code E6:0C:FE:2F:56:53:64:EA:EC:35} and {@code e60cfe2f565364eaec35} are
     * the same pin.
     */
    Optional<List<String>> pinnedFingerprints();

    /**
     * The pins as a file instead ({@link FingerprintFile}: one fingerprint per line, {@code #} comments, in any form
     * {@link #pinnedFingerprints()} takes or as {@code openssl x509 -fingerprint -sha256} prints it), mounted from a
     * ConfigMap or Secret and looked at every {@link #certificateCheckInterval()}: a VTN's next certificate is pinned by
     * adding its line before the VTN switches, the old one retired by removing its line, without a restart. A file that
     * lists no fingerprint is refused (at startup, or kept out when it changes), since it would widen trust to any
     * certificate the CAs vouch for. Not together with {@link #pinnedFingerprints()}.
     */
    Optional<Path> pinnedFingerprintsFile();

    /**
     * The TLS 1.2 cipher suites offered, by JSSE name. The default is the pair OpenADR 2.0b mandates: ECDSA for ECC
     * certificates, RSA key exchange for RSA certificates. A suite this JVM will not negotiate fails startup: JDK 24
     * and later disable {@code TLS_RSA_*} through {@code jdk.tls.disabledAlgorithms} (see the package
     * documentation); either re-enable it for the JVM or, for a VTN with an ECC certificate, list only the ECDSA
     * suite.
     */
    @WithName("cipher-suites")
    Optional<List<String>> configuredCipherSuites();

    /** {@link #configuredCipherSuites()}, else the two OpenADR suites. */
    default List<String> cipherSuites() {
        return configuredCipherSuites()
                .orElse(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"));
    }

    /**
     * The TLS versions offered. OpenADR 2.0b mandates TLS 1.2 and both of its suites are TLS 1.2 suites, which TLS 1.3
     * cannot use, so the default is {@code TLSv1.2} alone, as OpenADR certification tests it. {@code TLSv1.3} may be
     * added for a VTN that speaks it, together with a TLS 1.3 suite (e.g. {@code TLS_AES_128_GCM_SHA256}) in
     * {@link #cipherSuites()}. Anything older than TLS 1.2 fails startup.
     */
    @WithName("protocols")
    Optional<List<String>> configuredProtocols();

    /** {@link #configuredProtocols()}, else TLS 1.2 only. */
    default List<String> protocols() {
        return configuredProtocols().orElse(List.of("TLSv1.2"));
    }

    /**
     * How often the {@link #certificate()} and {@link #key()} files are looked at for a renewed pair (cert-manager
     * renews certificates before they expire and Kubernetes replaces the mounted files in place), and the
     * {@link #trustedCertificates()} and {@link #pinnedFingerprintsFile()} files for a changed CA bundle or pin list (a
     * VTN's CA or certificate being rotated). A renewed pair is
     * presented, and changed trust applied, from the next handshake on, without a restart; files that are broken or do
     * not match are logged and what is in use kept. Default 1 minute.
     */
    @WithName("certificate-check-interval")
    Optional<Duration> configuredCertificateCheckInterval();

    /** {@link #configuredCertificateCheckInterval()}, else 1 minute. */
    default Duration certificateCheckInterval() {
        return configuredCertificateCheckInterval().orElse(Duration.ofMinutes(1));
    }
}
