package io.gridflex.openadr.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PEM files, credentials and fingerprints: the material operators configure. */
class SigningMaterialTest {

    private static final Path DIRECTORY = Path.of("target", "signature-pki");

    @Test
    void legacyAndPkcs8KeysReadAsTheSameKey() {
        ECPrivateKey ec = (ECPrivateKey) TestPki.get().ec.credentials().privateKey();
        for (Path file : List.of(TestPki.get().ec.legacyKey(), TestPki.get().ec.pkcs8Key())) {
            ECPrivateKey read = (ECPrivateKey) PemFiles.readPrivateKey(file);
            assertThat(read.getS()).as(file.toString()).isEqualTo(ec.getS());
            assertThat(read.getParams().getCurve()).isEqualTo(ec.getParams().getCurve());
        }
        RSAPrivateKey rsa = (RSAPrivateKey) TestPki.get().rsa.credentials().privateKey();
        for (Path file : List.of(TestPki.get().rsa.legacyKey(), TestPki.get().rsa.pkcs8Key())) {
            assertThat(PemFiles.readPrivateKey(file).getEncoded()).as(file.toString()).isEqualTo(rsa.getEncoded());
        }
        assertThat(TestPki.get().ec.legacyKey()).content().contains("BEGIN EC PRIVATE KEY");
        assertThat(TestPki.get().rsa.legacyKey()).content().contains("BEGIN RSA PRIVATE KEY");
        assertThat(TestPki.get().rsa.pkcs8Key()).content().contains("BEGIN PRIVATE KEY");
    }

    @Test
    void aChainFileReadsSignerFirst() {
        List<X509Certificate> chain = PemFiles.readCertificates(TestPki.get().ec.chain());

        assertThat(chain).containsExactly(TestPki.get().ec.certificate(), TestPki.get().ca);
        assertThat(SigningCredentials.fromPem(TestPki.get().ec.pkcs8Key(), TestPki.get().ec.chain()).certificate())
                .isEqualTo(TestPki.get().ec.certificate());
    }

    @Test
    void anEcKeyWithoutItsCurveIsRefused() throws IOException {
        ECPrivateKey key = (ECPrivateKey) TestPki.get().ec.credentials().privateKey();
        byte[] withoutCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS()).getEncoded();
        Path file = write("no-curve.key",
                TestPki.pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", withoutCurve)));

        assertThatIllegalArgumentException().isThrownBy(() -> PemFiles.readPrivateKey(file))
                .withMessageContaining("curve");
    }

    @Test
    void anEncryptedKeyIsRefusedWithAHint() throws IOException {
        Path pkcs8 = write("encrypted.key",
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkq\n"
                        + "-----END ENCRYPTED PRIVATE KEY-----\n");
        Path legacy = write("encrypted-legacy.key", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nMIIEpAIBAAKCAQEA\n"
                + "-----END RSA PRIVATE KEY-----\n");

        for (Path file : List.of(pkcs8, legacy)) {
            assertThatIllegalArgumentException().isThrownBy(() -> PemFiles.readPrivateKey(file))
                    .withMessageContaining("encrypted");
        }
    }

    @Test
    void aFileWithoutKeyOrCertificateIsRefused() throws IOException {
        Path file = write("empty.pem", "nothing here\n");

        assertThatIllegalArgumentException().isThrownBy(() -> PemFiles.readPrivateKey(file));
        assertThatIllegalArgumentException().isThrownBy(() -> PemFiles.readCertificates(file));
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SigningCredentials(TestPki.get().ec.credentials().privateKey(),
                        List.of(TestPki.get().stranger(DIRECTORY).certificate())))
                .withMessageContaining("does not belong");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SigningCredentials(TestPki.get().rsa.credentials().privateKey(),
                        List.of(TestPki.get().ec.certificate())));
    }

    @Test
    void credentialsDoNotPrintTheKey() {
        SigningCredentials credentials = TestPki.get().rsa.credentials();

        assertThat(credentials.toString()).contains("RSA key").doesNotContain("modulus").doesNotContain("exponent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dummy_ca.crt", "dummy_vtn.crt", "dummy_ven.crt"})
    void fingerprintsMatchTheListedOnes(String file) throws IOException {
        X509Certificate certificate = OpenLeadrSignedSamples.certificate(file);

        assertThat(CertificateFingerprints.full(certificate))
                .isEqualTo(OpenLeadrSignedSamples.listedFingerprint(file, "full"));
        assertThat(CertificateFingerprints.openLeadr(certificate))
                .isEqualTo(OpenLeadrSignedSamples.listedFingerprint(file, "short"));
    }

    @Test
    void trustedFingerprintsAreReadInAnyNotation() throws IOException {
        X509Certificate ven = OpenLeadrSignedSamples.certificate("dummy_ven.crt");
        byte[] sha256 = CertificateFingerprints.sha256(CertificateFingerprints.der(ven));
        String full = OpenLeadrSignedSamples.listedFingerprint("dummy_ven.crt", "full");

        for (String notation : List.of(full, full.replace(":", "").toLowerCase(), full.replace(':', ' '),
                "09:71:9e:0e:51:c0:8f:05:56:c9", "09719E0E51C08F0556C9")) {
            assertThat(TrustedSigners.fingerprints(notation).trusts(sha256)).as(notation).isTrue();
        }
        assertThat(TrustedSigners.fingerprints(OpenLeadrSignedSamples.listedFingerprint("dummy_vtn.crt", "short"))
                .trusts(sha256)).isFalse();
        assertThat(TrustedSigners.certificates(ven).trusts(sha256)).isTrue();
    }

    @Test
    void aFingerprintOfAnotherLengthIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedSigners.fingerprints("09:71:9E:0E"))
                .withMessageContaining("4 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedSigners.fingerprints("not hex at all"));
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedSigners.of(List.of(), List.of()));
    }

    private static Path write(String name, String text) throws IOException {
        Files.createDirectories(DIRECTORY);
        return Files.writeString(DIRECTORY.resolve(name), text);
    }
}
