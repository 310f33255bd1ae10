package io.gridflex.gateway.tls;

import static io.gridflex.gateway.tls.TestTlsConfig.ECDSA_SUITE;
import static io.gridflex.gateway.tls.TestTlsConfig.RSA_SUITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyFormat;
import io.gridflex.testsupport.TestPki.KeyType;

/** What {@link VtnTls#load} accepts, and the startup errors it gives for everything else. */
class VtnTlsLoadTest {

    private static final String KEY = "gridflex.gateway.programs.p1.tls";

    private static TestPki pki;
    private static Identity venEc;
    private static Identity venRsa;
    private static Identity otherEc;
    private static Path work;

    @BeforeAll
    static void issueCertificates() throws IOException {
        work = TestPki.inTarget("load");
        pki = TestPki.create(work, "Load Test", KeyType.RSA);
        venEc = pki.client("ven-ec", KeyType.EC);
        venRsa = pki.client("ven-rsa", KeyType.RSA);
        otherEc = pki.client("other-ec", KeyType.EC);
    }

    /** Each format loads, and the key read belongs to the certificate (the load proves it); PemFilesTest has more. */
    @Test
    void keysAreReadAsPkcs8Sec1AndPkcs1() {
        for (Identity ven : new Identity[]{venEc, venRsa}) {
            for (KeyFormat format : KeyFormat.values()) {
                VtnTls tls = VtnTls.load(KEY, config(ven).withKey(ven.keyAs(format)));
                assertThat(tls.clientCertificate()).as(ven.name() + " " + format).contains(ven.leaf());
            }
        }
    }

    @Test
    void theParametersCarryTheConfiguredSuitesAndProtocolsWithHostNameVerification() {
        VtnTls tls = VtnTls.load(KEY, config(venEc));
        assertThat(tls.sslParameters().getCipherSuites()).containsExactly(ECDSA_SUITE, RSA_SUITE);
        assertThat(tls.sslParameters().getProtocols()).containsExactly("TLSv1.2");
        assertThat(tls.sslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(tls.sslContext().getProtocol()).isEqualTo("TLS");

        tls.sslParameters().setProtocols(new String[]{"TLSv1.3"});
        assertThat(tls.sslParameters().getProtocols()).as("each caller gets a copy").containsExactly("TLSv1.2");
    }

    @Test
    void withoutClientCertificateOrPinsItStillLoads() {
        VtnTls tls = VtnTls.load(KEY, config(venEc).withCertificate(null).withKey(null));
        assertThat(tls.clientCertificate()).isEmpty();
        assertThat(tls.pinnedFingerprints()).isEmpty();
    }

    @Test
    void aMissingFileIsNamedWithItsKey() {
        Path missing = work.resolve("nowhere/ven.key");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withKey(missing)))
                .isInstanceOf(TlsSetupException.class)
                .hasMessage(KEY + ".key (" + missing + "): no such file");
    }

    @Test
    void aDirectoryIsNotAFile() {
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withCertificate(work)))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining(KEY + ".certificate (" + work + ")")
                .hasMessageContaining("is a directory");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withKey(otherEc.key())))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining(KEY + ".key (" + otherEc.key() + ")")
                .hasMessageContaining(KEY + ".certificate (" + venEc.certificate() + ")")
                .hasMessageContaining("the key does not match the certificate").hasMessageContaining("CN=ven-ec");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withKey(venRsa.key())))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining(
                        "the key does not match the certificate (an RSA key, a certificate for an EC key)");
    }

    @Test
    void certificateAndKeyGoTogether() {
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withKey(null)))
                .isInstanceOf(TlsSetupException.class)
                .hasMessage(KEY + ".certificate and " + KEY + ".key go together: " + KEY + ".key is not set");
    }

    @Test
    void swappedFilesAreRecognised() {
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withCertificate(venEc.key())))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining(KEY + ".certificate")
                .hasMessageContaining("holds no CERTIFICATE block (found [PRIVATE KEY])");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withKey(venEc.certificate())))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining(KEY + ".key")
                .hasMessageContaining("holds no private key (found [CERTIFICATE])");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withTrusted(venEc.key())))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining(KEY + ".trusted-certificates")
                .hasMessageContaining("holds no CERTIFICATE block");
    }

    @Test
    void encryptedOrCurvelessOrNonPemKeysAreRefused() throws IOException {
        Path encrypted = write("encrypted.key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString(new byte[64]) + "\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withKey(encrypted)))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining("is encrypted");

        Path legacyEncrypted = write("legacy-encrypted.key", "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                + Base64.getEncoder().encodeToString(new byte[48]) + "\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withKey(legacyEncrypted)))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining("is encrypted");

        Path curveless = write("curveless.key", "-----BEGIN EC PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(withoutCurve(venEc.privateKey()))
                + "\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withKey(curveless)))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining("names no curve")
                .hasMessageContaining("openssl pkcs8 -topk8");

        Path text = write("text.key", "not a key at all\n");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withKey(text)))
                .isInstanceOf(TlsSetupException.class).hasMessage(KEY + ".key (" + text + "): not a PEM file "
                        + "(no -----BEGIN ...----- block)");
    }

    @Test
    void aBadPinIsNamed() {
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withPins("E6:0C:FE:2F:56:53:64:EA:EC:35", "E6:0C")))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith(KEY + ".pinned-fingerprints: 'E6:0C' is not a SHA-256 fingerprint");
    }

    @Test
    void aPinFileThatIsMalformedEmptyOrSetBesideInlinePinsFailsAtStartup() throws IOException {
        String fileKey = KEY + ".pinned-fingerprints-file";
        Path bad = write("bad.pins", "# the VTN's certificate\nE6:0C:FE:2F:56:53:64:EA:EC:35\nE6:0C\n");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withPinFile(bad)))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith(fileKey + " (" + bad + "), line 3: 'E6:0C' is not a SHA-256 fingerprint");

        Path empty = write("empty.pins", "# nothing pinned yet\n\n");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withPinFile(empty)))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining(fileKey).hasMessageContaining(
                        "lists no fingerprint (an empty pin list would trust any certificate the CAs vouch for)");

        Path good = write("good.pins", "e60cfe2f565364eaec35\n");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withPins("e60cfe2f565364eaec35").withPinFile(good)))
                .isInstanceOf(TlsSetupException.class).hasMessageStartingWith(KEY + ".pinned-fingerprints and "
                        + fileKey + " are both set");

        Path huge = write("huge.pins", "# padding\n".repeat(7000));
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withPinFile(huge)))
                .isInstanceOf(TlsSetupException.class).hasMessageEndingWith("not a list of fingerprints");

        Path missing = work.resolve("nowhere/vtn.pins");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withPinFile(missing)))
                .isInstanceOf(TlsSetupException.class).hasMessageStartingWith(fileKey + " (" + missing + ")");
    }

    @Test
    void protocolsOlderThanTls12AreRefused() {
        for (String old : new String[]{"TLSv1.1", "TLSv1", "SSLv3"}) {
            assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withProtocols("TLSv1.2", old)))
                    .isInstanceOf(TlsSetupException.class).hasMessage(KEY + ".protocols: " + old
                            + " is refused; OpenADR 2.0b requires TLS 1.2 or later (TLSv1.2, TLSv1.3)");
        }
    }

    @Test
    void suitesMustExistAndFitTheProtocols() {
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withSuites("TLS_ECDHE_ECDSA_WITH_AES_128_SHA256")))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining(KEY + ".cipher-suites: TLS_ECDHE_ECDSA_WITH_AES_128_SHA256 is not a cipher "
                        + "suite this JVM supports");
        assertThatThrownBy(() -> VtnTls.load(KEY, config(venEc).withProtocols("TLSv1.3")))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining("fit none of " + KEY + ".protocols");
        VtnTls both = VtnTls.load(KEY,
                config(venEc).withProtocols("TLSv1.3", "TLSv1.2").withSuites("TLS_AES_128_GCM_SHA256", ECDSA_SUITE));
        assertThat(both.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    private static TestTlsConfig config(Identity ven) {
        return TestTlsConfig.of(ven, pki.caCertificate());
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text);
    }

    /** SEC1 without the optional curve parameters, as some tools write it. */
    private static byte[] withoutCurve(PrivateKey key) throws IOException {
        ECPrivateKey inner = ECPrivateKey.getInstance(PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey());
        return new ECPrivateKey(256, inner.getKey(), null, null).getEncoded();
    }
}
