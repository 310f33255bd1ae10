package io.gridflex.gateway.signature;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithName;

/**
 * XML signatures for one program ({@code gridflex.gateway.programs.<id>.signature.*}): when the program has this
 * group, everything the gateway sends its VTN is signed, the registration says so ({@code oadrXmlSignature} true), and
 * everything the VTN sends must carry a valid signature of a trusted certificate with a fresh ReplayProtect.
 */
public interface SignatureConfig {

    /** Our private key (PEM: PKCS#8, or PKCS#1 RSA / SEC1 EC), from a mounted secret. */
    Path key();

    /** Our certificate chain (PEM), the signer's certificate first; it travels in each signature's KeyInfo. */
    Path certificate();

    /** Certificates (PEM files) whose signatures on the VTN's messages are accepted. */
    Optional<List<Path>> trustedCertificates();

    /**
     * Fingerprints of the certificates whose signatures are accepted: the full SHA-256 or the short form (its last 10
     * bytes), with or without colons, either case.
     */
    Optional<List<String>> trustedFingerprints();

    /**
     * The fingerprints as a file instead, one per line ({@link io.gridflex.gateway.tls.FingerprintFile}), looked at
     * every {@link #certificateCheckInterval()}: the VTN's next signing certificate is trusted by adding its line, the
     * old one retired by removing it, without a restart. Not together with {@link #trustedFingerprints()}.
     */
    Optional<Path> trustedFingerprintsFile();

    /**
     * How far a ReplayProtect timestamp may be from our clock, either way. A nonce seen within it again is a replay.
     */
    @WithName("replay-window")
    Optional<Duration> configuredReplayWindow();

    /** How often the key, certificate, trusted certificate and fingerprint files are looked at for a change. */
    @WithName("certificate-check-interval")
    Optional<Duration> configuredCertificateCheckInterval();

    /** {@link #configuredCertificateCheckInterval()}, else 1 minute. */
    default Duration certificateCheckInterval() {
        return configuredCertificateCheckInterval().orElse(Duration.ofMinutes(1));
    }

    /** {@link #configuredReplayWindow()}, else 5 minutes. */
    default Duration replayWindow() {
        return configuredReplayWindow().orElse(Duration.ofMinutes(5));
    }
}
