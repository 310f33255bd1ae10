package io.gridflex.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.OpenAdrXmlException;
import io.gridflex.openadr.pki.Fingerprint;
import io.gridflex.openadr.signature.OadrSigner;
import io.gridflex.openadr.signature.OadrVerifier;
import io.gridflex.openadr.signature.SigningCredentials;
import io.gridflex.openadr.signature.TrustedSigners;
import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyType;

/**
 * A program's signing key and certificate, and the certificates of the VTN's signers it trusts, renewed in place (as
 * cert-manager renews a mounted secret): taken at the first message after the check interval, without a restart; a
 * broken file is not taken and what is in use stays.
 */
class PayloadSignaturesTest {

    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final OpenAdrXml xml = new OpenAdrXml();
    private final AtomicLong nanos = new AtomicLong();
    private TestPki pki;
    private Path key;
    private Path certificate;
    private Path trusted;

    @BeforeEach
    void files() {
        pki = TestPki.create(dir.resolve("pki"), "Signatures", KeyType.EC);
        key = dir.resolve("signing.key");
        certificate = dir.resolve("signing.crt");
        trusted = dir.resolve("vtn-signers.pem");
    }

    @Test
    void aRenewedSigningCertificateSignsFromTheFirstMessageAfterTheCheckInterval() throws Exception {
        Identity first = pki.client("ven-2026", KeyType.EC);
        Identity renewed = pki.client("ven-2027", KeyType.EC);
        Identity vtn = pki.server("vtn", KeyType.EC);
        install(first, 0);
        copy(vtn.certificate(), trusted, 0);
        PayloadSignatures signatures = PayloadSignatures.of("p1", config(), xml, Clock.systemUTC(), nanos::get);

        assertThat(verifiedBy(first, signatures.outgoing(OadrMessages.poll("ven-1")))).isTrue();

        install(renewed, 10);
        assertThat(verifiedBy(first, signatures.outgoing(OadrMessages.poll("ven-1"))))
                .as("within the check interval the old certificate still signs").isTrue();
        nanos.addAndGet(CHECK_EVERY.toNanos());
        String renewedSigned = signatures.outgoing(OadrMessages.poll("ven-1"));
        assertThat(verifiedBy(renewed, renewedSigned)).isTrue();
        assertThat(verifiedBy(first, renewedSigned)).isFalse();

        // A half-written secret: not taken, the renewed pair stays in use.
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        Files.setLastModifiedTime(key, FileTime.from(Instant.now().plusSeconds(20)));
        nanos.addAndGet(CHECK_EVERY.toNanos());
        assertThat(verifiedBy(renewed, signatures.outgoing(OadrMessages.poll("ven-1")))).isTrue();
    }

    @Test
    void aVtnSignerAddedToTheTrustedCertificatesIsAcceptedWithoutARestart() throws Exception {
        Identity ours = pki.client("ven", KeyType.EC);
        Identity oldSigner = pki.server("vtn-2026", KeyType.EC);
        Identity newSigner = pki.server("vtn-2027", KeyType.EC);
        install(ours, 0);
        copy(oldSigner.certificate(), trusted, 0);
        PayloadSignatures signatures = PayloadSignatures.of("p1", config(), xml, Clock.systemUTC(), nanos::get);
        assertThat(signatures.incoming(signedBy(oldSigner))).isNotNull();
        assertThatThrownBy(() -> signatures.incoming(signedBy(newSigner))).isInstanceOf(OpenAdrXmlException.class)
                .hasMessageContaining("not trusted");

        Files.writeString(trusted, Files.readString(oldSigner.certificate()) + Files.readString(
                newSigner.certificate()));
        Files.setLastModifiedTime(trusted, FileTime.from(Instant.now().plusSeconds(10)));
        nanos.addAndGet(CHECK_EVERY.toNanos());

        assertThat(signatures.incoming(signedBy(newSigner))).isNotNull();
        assertThat(signatures.incoming(signedBy(oldSigner))).isNotNull();
    }

    @Test
    void aVtnSignerAddedToTheFingerprintFileIsAcceptedWithoutARestartAndAnEmptiedFileIsNotTaken() throws Exception {
        Identity ours = pki.client("ven", KeyType.EC);
        Identity oldSigner = pki.server("vtn-2026", KeyType.EC);
        Identity newSigner = pki.server("vtn-2027", KeyType.EC);
        install(ours, 0);
        Path fingerprints = dir.resolve("vtn-signers.sha256");
        writeLines(fingerprints, 0, "# the VTN's signer", Fingerprint.sha256(oldSigner.leaf()).toString());
        PayloadSignatures signatures = PayloadSignatures.of("p1",
                config(Optional.empty(), Optional.empty(), Optional.of(fingerprints)),
                xml, Clock.systemUTC(), nanos::get);
        assertThat(signatures.incoming(signedBy(oldSigner))).isNotNull();
        assertThatThrownBy(() -> signatures.incoming(signedBy(newSigner))).isInstanceOf(OpenAdrXmlException.class)
                .hasMessageContaining("not trusted");

        writeLines(fingerprints, 10, Fingerprint.sha256(oldSigner.leaf()).toString(),
                Fingerprint.openLeadr(newSigner.leaf()).toString());
        assertThatThrownBy(() -> signatures.incoming(signedBy(newSigner))).as("within the check interval")
                .isInstanceOf(OpenAdrXmlException.class);
        nanos.addAndGet(CHECK_EVERY.toNanos());
        assertThat(signatures.incoming(signedBy(newSigner))).isNotNull();

        // Emptied: every signed message would be refused, so the file is not taken and the signers in use stay.
        writeLines(fingerprints, 20, "# none");
        nanos.addAndGet(CHECK_EVERY.toNanos());
        assertThat(signatures.incoming(signedBy(newSigner))).isNotNull();

        // The old signer retired.
        writeLines(fingerprints, 30, Fingerprint.sha256(newSigner.leaf()).toString());
        nanos.addAndGet(CHECK_EVERY.toNanos());
        assertThat(signatures.incoming(signedBy(newSigner))).isNotNull();
        assertThatThrownBy(() -> signatures.incoming(signedBy(oldSigner))).isInstanceOf(OpenAdrXmlException.class)
                .hasMessageContaining("not trusted");
    }

    @Test
    void fingerprintsInlineAndInAFileTogetherAreRefusedAtStartup() throws Exception {
        install(pki.client("ven", KeyType.EC), 0);
        Path fingerprints = dir.resolve("vtn-signers.sha256");
        writeLines(fingerprints, 0, "e60cfe2f565364eaec35");
        SignatureConfig both = config(Optional.empty(), Optional.of(List.of("e60cfe2f565364eaec35")),
                Optional.of(fingerprints));
        assertThatThrownBy(() -> PayloadSignatures.of("p1", both, xml, Clock.systemUTC(), nanos::get))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(
                        "trusted-fingerprints and trusted-fingerprints-file are both set");
    }

    private static void writeLines(Path file, int secondsAhead, String... lines) throws Exception {
        Files.writeString(file, String.join("\n", lines) + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsAhead)));
    }

    private void install(Identity identity, int secondsAhead) throws Exception {
        copy(identity.key(), key, secondsAhead);
        copy(identity.certificate(), certificate, secondsAhead);
    }

    /** Copies with a later modification time, as a renewal has, even within one second of the last copy. */
    private static void copy(Path from, Path to, int secondsAhead) throws Exception {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, FileTime.from(Instant.now().plusSeconds(secondsAhead)));
    }

    private boolean verifiedBy(Identity signer, String signed) {
        OadrVerifier verifier = new OadrVerifier(TrustedSigners.of(List.of(signer.leaf()), List.of()),
                Clock.systemUTC(), Duration.ofMinutes(5));
        try {
            verifier.verify(signed);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String signedBy(Identity signer) {
        return new OadrSigner(SigningCredentials.fromPem(signer.key(), signer.certificate()), Clock.systemUTC())
                .sign(xml.marshal(OadrMessages.poll("ven-1")));
    }

    private SignatureConfig config() {
        return config(Optional.of(List.of(trusted)), Optional.empty(), Optional.empty());
    }

    private SignatureConfig config(Optional<List<Path>> trustedCertificates, Optional<List<String>> fingerprints,
            Optional<Path> fingerprintFile) {
        return new SignatureConfig() {

            @Override
            public Path key() {
                return key;
            }

            @Override
            public Path certificate() {
                return certificate;
            }

            @Override
            public Optional<List<Path>> trustedCertificates() {
                return trustedCertificates;
            }

            @Override
            public Optional<Path> trustedFingerprintsFile() {
                return fingerprintFile;
            }

            @Override
            public Optional<List<String>> trustedFingerprints() {
                return fingerprints;
            }

            @Override
            public Optional<Duration> configuredReplayWindow() {
                return Optional.empty();
            }

            @Override
            public Optional<Duration> configuredCertificateCheckInterval() {
                return Optional.of(CHECK_EVERY);
            }
        };
    }
}
