package io.gridflex.openadr.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyFormat;
import io.gridflex.testsupport.TestPki.KeyType;

/** What {@link PemFiles} reads, and how it refuses everything else: always naming the file and the problem. */
class PemFilesTest {

    private static Path work;
    private static TestPki pki;
    private static Identity ec;
    private static Identity rsa;

    @BeforeAll
    static void issueCertificates() {
        work = TestPki.inTarget("pem-files");
        pki = TestPki.create(work, "Pem Files", KeyType.EC);
        ec = pki.client("ec", KeyType.EC);
        rsa = pki.client("rsa", KeyType.RSA);
    }

    @Test
    void keysAreReadAsPkcs8Sec1AndPkcs1AsTheSameKey() throws IOException {
        for (Identity identity : List.of(ec, rsa)) {
            for (KeyFormat format : KeyFormat.values()) {
                Path file = identity.keyAs(format);
                PrivateKey read = PemFiles.readPrivateKey(file);

                assertThat(read.getAlgorithm()).as(file.toString()).isEqualTo(identity.privateKey().getAlgorithm());
                assertThat(secret(read)).as(file.toString()).isEqualTo(secret(identity.privateKey()));
            }
        }
        ECPrivateKey read = (ECPrivateKey) PemFiles.readPrivateKey(ec.keyAs(KeyFormat.TRADITIONAL));
        assertThat(read.getParams().getCurve()).isEqualTo(((ECPrivateKey) ec.privateKey()).getParams().getCurve());
        assertThat(PemFiles.readPrivateKey(rsa.keyAs(KeyFormat.TRADITIONAL)).getEncoded())
                .isEqualTo(rsa.privateKey().getEncoded());
        assertThat(ec.keyAs(KeyFormat.TRADITIONAL)).content().contains("BEGIN EC PRIVATE KEY");
        assertThat(rsa.keyAs(KeyFormat.TRADITIONAL)).content().contains("BEGIN RSA PRIVATE KEY");
        assertThat(rsa.key()).content().contains("BEGIN PRIVATE KEY");
    }

    /** {@code openssl ecparam -genkey} writes EC PARAMETERS before the key; a combined file has a certificate too. */
    @Test
    void otherBlocksMayShareTheKeyFile() throws IOException {
        String parameters = pem("EC PARAMETERS", new byte[]{0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d,
                0x03, 0x01, 0x07});
        Path file = write("combined.pem", parameters + Files.readString(ec.keyAs(KeyFormat.TRADITIONAL))
                + Files.readString(ec.certificate()));

        assertThat(secret(PemFiles.readPrivateKey(file))).isEqualTo(secret(ec.privateKey()));
        assertThat(PemFiles.readCertificates(file)).containsExactlyElementsOf(ec.chain());
    }

    @Test
    void aChainReadsLeafFirstAndABundleMayCarryText() throws IOException {
        assertThat(PemFiles.readCertificates(ec.certificate())).containsExactlyElementsOf(ec.chain())
                .first().isEqualTo(ec.leaf());

        Path bundle = write("bundle.pem", "Bag Attributes\n    friendlyName: Pem Files Root CA (Zürich)\n"
                + Files.readString(pki.caCertificate()) + "\n# the VEN's chain: leaf, then the issuing CA\n"
                + Files.readString(ec.certificate()),
                StandardCharsets.UTF_8);
        assertThat(PemFiles.readCertificates(bundle)).containsExactly(pki.root(), ec.leaf(), ec.chain().get(1));
    }

    @Test
    void swappedFilesAreRecognised() {
        assertThatThrownBy(() -> PemFiles.readCertificates(ec.key())).isInstanceOf(PemFileException.class)
                .hasMessage(ec.key() + ": holds no CERTIFICATE block (found [PRIVATE KEY])");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(ec.certificate())).isInstanceOf(PemFileException.class)
                .hasMessage(ec.certificate() + ": holds no private key (found [CERTIFICATE])");
    }

    @Test
    void aFileWithoutAnyBlockIsNotPem() throws IOException {
        Path file = write("empty.pem", "nothing here\n");

        for (Runnable read : List.<Runnable>of(() -> PemFiles.readPrivateKey(file),
                () -> PemFiles.readCertificates(file))) {
            assertThatThrownBy(read::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + ": not a PEM file (no -----BEGIN ...----- block)");
        }
    }

    @Test
    void aMissingFileOrADirectoryIsNamed() {
        Path missing = work.resolve("nowhere/ven.key");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(missing)).isInstanceOfSatisfying(PemFileException.class,
                e -> {
                    assertThat(e.file()).isEqualTo(missing);
                    assertThat(e.problem()).isEqualTo("no such file");
                    assertThat(e).hasMessage(missing + ": no such file");
                });
        assertThatThrownBy(() -> PemFiles.readCertificates(work)).isInstanceOf(PemFileException.class)
                .hasMessage(work + ": is a directory, not a PEM file");
    }

    @Test
    void aRelativePathIsNamedAbsolute() {
        Path relative = Path.of("target", "nowhere.pem");
        assertThatThrownBy(() -> PemFiles.readCertificates(relative)).isInstanceOfSatisfying(PemFileException.class,
                e -> {
                    assertThat(e.file()).isEqualTo(relative);
                    assertThat(e).hasMessage(relative.toAbsolutePath() + ": no such file");
                });
    }

    @Test
    void aFileLargerThanAnyKeyOrChainIsRefused() throws IOException {
        Path file = write("huge.pem", "#".repeat(1024 * 1024 + 1));

        assertThatThrownBy(() -> PemFiles.readCertificates(file)).isInstanceOf(PemFileException.class)
                .hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void anEncryptedKeyIsRefusedWithAHint() throws IOException {
        Path pkcs8 = write("encrypted.key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString(new byte[64]) + "\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Path legacyRsa = write("encrypted-legacy.key", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nMIIEpAIBAAKCAQEA\n"
                + "-----END RSA PRIVATE KEY-----\n");
        Path legacyEc = write("encrypted-legacy-ec.key", "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                + Base64.getEncoder().encodeToString(new byte[48]) + "\n-----END EC PRIVATE KEY-----\n");

        for (Path file : List.of(pkcs8, legacyRsa, legacyEc)) {
            assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).as(file.toString())
                    .isInstanceOf(PemFileException.class).hasMessageContaining("is encrypted")
                    .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        }
    }

    @Test
    void anEcKeyWithoutANamedCurveIsRefused() throws IOException {
        BigInteger s = ((ECPrivateKey) ec.privateKey()).getS();
        Path curveless = write("no-curve.key",
                pem("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(256, s).getEncoded()));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(curveless)).isInstanceOf(PemFileException.class)
                .hasMessageContaining("names no curve").hasMessageContaining("openssl pkcs8 -topk8");

        ASN1Encodable explicit = ECNamedCurveTable.getByName("secp256r1");
        Path withParameters = write("explicit-curve.key",
                pem("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(256, s, explicit).getEncoded()));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(withParameters)).isInstanceOf(PemFileException.class)
                .hasMessageContaining("explicit parameters").hasMessageContaining("named_curve");

        Path truncated = write("truncated.key", pem("EC PRIVATE KEY", new byte[]{0x30, 0x20, 0x02, 0x01}));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(truncated)).isInstanceOf(PemFileException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void twoKeysOrAnUnknownKeyTypeAreRefused() throws IOException {
        Path two = write("two.key", Files.readString(ec.key()) + Files.readString(rsa.key()));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(two)).isInstanceOf(PemFileException.class)
                .hasMessage(two + ": holds 2 private keys; give exactly one");

        Path openSsh = write("id_ed25519", pem("OPENSSH PRIVATE KEY", new byte[32]));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(openSsh)).isInstanceOf(PemFileException.class)
                .hasMessageContaining("unsupported key type OPENSSH PRIVATE KEY; give PRIVATE KEY (PKCS#8)");

        Path garbage = write("garbage.key", pem("PRIVATE KEY", new byte[]{0x30, 0x03, 0x02, 0x01, 0x00}));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(garbage)).isInstanceOf(PemFileException.class)
                .hasMessageContaining("the PRIVATE KEY block is not a readable [EC, RSA,");
    }

    @Test
    void brokenBlocksAreNamed() throws IOException {
        Path base64 = write("broken.pem", "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> PemFiles.readCertificates(base64)).isInstanceOf(PemFileException.class)
                .hasMessage(base64 + ": the CERTIFICATE block is not valid base64");

        Path notACertificate = write("second-bad.pem",
                Files.readString(pki.caCertificate()) + pem("CERTIFICATE", new byte[]{0x30, 0x03, 0x02, 0x01, 0x00}));
        assertThatThrownBy(() -> PemFiles.readCertificates(notACertificate)).isInstanceOf(PemFileException.class)
                .hasMessageStartingWith(notACertificate + ": certificate 2 is not a valid X.509 certificate");
    }

    /** The secret number of a key: encodings differ (SEC1 may carry the public key), the key is the same. */
    private static BigInteger secret(PrivateKey key) {
        return key instanceof ECPrivateKey ecKey ? ecKey.getS() : ((RSAPrivateKey) key).getPrivateExponent();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    private static Path write(String name, String text) throws IOException {
        return write(name, text, StandardCharsets.US_ASCII);
    }

    private static Path write(String name, String text, Charset charset) throws IOException {
        return Files.writeString(work.resolve(name), text, charset);
    }
}
