package io.gridflex.openadr.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.pki.Fingerprint;
import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.KeyFormat;
import io.gridflex.testsupport.TestPki.KeyType;

/**
 * Credentials and trusted signers: the material operators configure for signatures. Reading PEM files, fingerprints
 * and key matching themselves are tested in {@code io.gridflex.openadr.pki}.
 */
class SigningMaterialTest {

    @Test
    void credentialsReadAChainSignerFirstWithItsKeyInEitherEncoding() {
        for (TestPki.Identity identity : List.of(SigningIdentities.ec(), SigningIdentities.rsa())) {
            for (Path key : List.of(identity.key(), identity.keyAs(KeyFormat.TRADITIONAL))) {
                SigningCredentials credentials = SigningCredentials.fromPem(key, identity.certificate());

                assertThat(credentials.certificate()).as(key.toString()).isEqualTo(identity.leaf());
                assertThat(credentials.chain()).containsExactlyElementsOf(identity.chain());
            }
        }
    }

    @Test
    void aKeyFileThatIsNoKeyIsRefusedNamingTheFile() {
        TestPki.Identity ec = SigningIdentities.ec();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> SigningCredentials.fromPem(ec.certificate(), ec.certificate()))
                .withMessageContaining(ec.certificate().toString()).withMessageContaining("holds no private key");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused() {
        TestPki.Identity stranger = SigningIdentities.pki().client("stranger", KeyType.EC);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SigningCredentials(SigningIdentities.ec().privateKey(), stranger.chain()))
                .withMessageContaining("does not match the certificate " + stranger.leaf().getSubjectX500Principal());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SigningCredentials(SigningIdentities.rsa().privateKey(),
                        SigningIdentities.ec().chain()))
                .withMessageContaining("an RSA key, a certificate for an EC key");
    }

    @Test
    void credentialsDoNotPrintTheKey() {
        SigningCredentials credentials = SigningIdentities.credentials(SigningIdentities.rsa());

        assertThat(credentials.toString()).contains("RSA key").doesNotContain("modulus").doesNotContain("exponent");
    }

    @Test
    void trustedFingerprintsAreReadInAnyNotation() throws IOException {
        X509Certificate ven = OpenLeadrSignedSamples.certificate("dummy_ven.crt");
        Fingerprint sha256 = Fingerprint.sha256(ven);
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

    @Test
    void trustedCertificatesAreReadFromPem() throws IOException {
        TestPki.Identity ec = SigningIdentities.ec();
        Path bundle = Files.writeString(TestPki.inTarget("signature").resolve("trusted-bundle.pem"),
                "# the VEN's certificate, then its issuer\n" + Files.readString(ec.certificate()));

        TrustedSigners trusted = TrustedSigners.certificatesFromPem(bundle);

        assertThat(trusted.trusts(Fingerprint.sha256(ec.leaf()))).isTrue();
        assertThat(trusted.trusts(Fingerprint.sha256(SigningIdentities.rsa().leaf()))).isFalse();
    }
}
