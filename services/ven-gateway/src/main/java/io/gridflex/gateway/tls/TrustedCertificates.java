package io.gridflex.gateway.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.gridflex.openadr.pki.Fingerprint;

/**
 * What one program trusts of its VTN's certificates, watched like a certificate (see {@link WatchedFiles}): the CA
 * certificates of {@code tls.trusted-certificates} and the pins of {@code tls.pinned-fingerprints-file}. A VTN's CA is
 * rotated by adding the new CA to the bundle before the VTN switches to it, and retiring the old one after; a pinned
 * VTN certificate by adding its successor's fingerprint to the file, then removing the old one; neither needs a
 * restart of the gateway. Pins given inline ({@code tls.pinned-fingerprints}) are settings, taken at startup. Used for
 * the VTN's server certificate ({@link VtnTls}) and for its client certificate on the push listener
 * ({@link ClientTrust}).
 */
final class TrustedCertificates {

    private static final WatchedFiles.Words WORDS = new WatchedFiles.Words(
            "trusted CA certificates or pinned fingerprints", "the trust in use stays", "changed trust");

    /**
     * One reading.
     *
     * @param authorities the CA certificates a chain must lead to; empty: the JVM's default trust store
     * @param pins the accepted leaf certificates; empty: any the CAs vouch for
     */
    record Material(Optional<List<X509Certificate>> authorities, List<Fingerprint> pins) {
    }

    private TrustedCertificates() {
    }

    /**
     * Reads the program's trust now (a missing or unreadable file, a malformed pin, fails here, at startup) and again
     * whenever one of its files changes.
     *
     * @param key the program's tls prefix, e.g. {@code gridflex.gateway.programs.p1.tls}
     * @param make what the gateway makes of the material (a trust manager), with it
     * @throws TlsSetupException naming the setting at fault
     */
    static <T> WatchedFiles<T> watch(String key, TlsConfig config, Function<Material, T> make,
            Function<T, Material> material) {
        String certificatesKey = key + ".trusted-certificates";
        String pinFileKey = key + ".pinned-fingerprints-file";
        if (config.pinnedFingerprints().isPresent() && config.pinnedFingerprintsFile().isPresent()) {
            throw new TlsSetupException(key + ".pinned-fingerprints and " + pinFileKey + " are both set: pin in one"
                    + " place (the file, to change pins without a restart)");
        }
        List<Fingerprint> inline = parse(key + ".pinned-fingerprints", config.pinnedFingerprints().orElse(List.of()));
        List<Map.Entry<Path, String>> files = new ArrayList<>();
        config.trustedCertificates().ifPresent(file -> files.add(Map.entry(file, certificatesKey)));
        config.pinnedFingerprintsFile().ifPresent(file -> files.add(Map.entry(file, pinFileKey)));
        String settingKey = files.isEmpty() ? key : files.getFirst().getValue();
        return WatchedFiles.load(settingKey, files, () -> make.apply(new Material(
                config.trustedCertificates().map(file -> TlsFiles.certificates(certificatesKey, file)),
                config.pinnedFingerprintsFile().map(file -> parse(pinFileKey, FingerprintFile.read(pinFileKey, file)))
                        .orElse(inline))),
                made -> describe(material.apply(made)), WORDS, config.certificateCheckInterval(), System::nanoTime);
    }

    /** How a log line names the trust: subject, fingerprint and validity of each CA, then the pins. */
    static String describe(Material material) {
        String authorities = material.authorities().map(TrustedCertificates::describe)
                .orElse("the JVM's default trust store");
        return material.pins().isEmpty() ? authorities : authorities + "; pinned " + material.pins();
    }

    private static String describe(List<X509Certificate> anchors) {
        return anchors.size() + " certificate(s): " + anchors.stream().map(anchor -> anchor.getSubjectX500Principal()
                + " (SHA-256 " + Fingerprint.sha256(anchor) + ", valid until " + anchor.getNotAfter().toInstant()
                + ")").toList();
    }

    private static List<Fingerprint> parse(String key, List<String> texts) {
        List<Fingerprint> pins = new ArrayList<>();
        for (String text : texts) {
            try {
                pins.add(Fingerprint.parse(text));
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(key + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(pins);
    }
}
