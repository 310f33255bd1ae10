package io.gridflex.gateway.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.gridflex.testsupport.TestPki;

/** A {@link TlsConfig} written by a test, with the defaults of the real mapping. */
record TestTlsConfig(Optional<Path> certificate, Optional<Path> key, Optional<Path> trustedCertificates,
        Optional<List<String>> pinnedFingerprints, Optional<Path> pinnedFingerprintsFile, List<String> cipherSuites,
        List<String> protocols)
        implements
            TlsConfig {

    static final String ECDSA_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    static final String RSA_SUITE = "TLS_RSA_WITH_AES_128_CBC_SHA256";

    /** What a program gets with only its files configured. */
    static TestTlsConfig of(TestPki.Identity client, Path trusted) {
        return new TestTlsConfig(Optional.of(client.certificate()), Optional.of(client.key()), Optional.of(trusted),
                Optional.empty(), Optional.empty(), List.of(ECDSA_SUITE, RSA_SUITE), List.of("TLSv1.2"));
    }

    /** Always set in a test: {@link #cipherSuites()} overrides the mapping's default. */
    @Override
    public Optional<List<String>> configuredCipherSuites() {
        return Optional.of(cipherSuites);
    }

    /** Looked at on every handshake in a test, so a test can renew the files and connect again at once. */
    @Override
    public Optional<Duration> configuredCertificateCheckInterval() {
        return Optional.of(Duration.ZERO);
    }

    /** Always set in a test: {@link #protocols()} overrides the mapping's default. */
    @Override
    public Optional<List<String>> configuredProtocols() {
        return Optional.of(protocols);
    }

    TestTlsConfig withKey(Path file) {
        return new TestTlsConfig(certificate, Optional.ofNullable(file), trustedCertificates, pinnedFingerprints,
                pinnedFingerprintsFile,
                cipherSuites, protocols);
    }

    TestTlsConfig withCertificate(Path file) {
        return new TestTlsConfig(Optional.ofNullable(file), key, trustedCertificates, pinnedFingerprints,
                pinnedFingerprintsFile, cipherSuites,
                protocols);
    }

    TestTlsConfig withTrusted(Path file) {
        return new TestTlsConfig(certificate, key, Optional.ofNullable(file), pinnedFingerprints,
                pinnedFingerprintsFile, cipherSuites,
                protocols);
    }

    TestTlsConfig withPins(String... pins) {
        return new TestTlsConfig(certificate, key, trustedCertificates, Optional.of(List.of(pins)),
                pinnedFingerprintsFile,
                cipherSuites,
                protocols);
    }

    TestTlsConfig withPinFile(Path file) {
        return new TestTlsConfig(certificate, key, trustedCertificates, pinnedFingerprints, Optional.ofNullable(file),
                cipherSuites, protocols);
    }

    TestTlsConfig withSuites(String... suites) {
        return new TestTlsConfig(certificate, key, trustedCertificates, pinnedFingerprints, pinnedFingerprintsFile,
                List.of(suites),
                protocols);
    }

    TestTlsConfig withProtocols(String... versions) {
        return new TestTlsConfig(certificate, key, trustedCertificates, pinnedFingerprints, pinnedFingerprintsFile,
                cipherSuites,
                List.of(versions));
    }
}
