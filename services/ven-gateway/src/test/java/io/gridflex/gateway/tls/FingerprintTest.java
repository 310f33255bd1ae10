package io.gridflex.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static final String VTN_SHORT = "E6:0C:FE:2F:56:53:64:EA:EC:35";
    private static final String VTN_FULL = "EC:6E:65:BA:38:6B:40:EF:01:BA:48:15:0A:80:E0:2C:DB:C7:89:4F:D3:99:"
            + VTN_SHORT;

    /**
     * OpenLEADR's three test certificates and the fingerprints recorded with them, read in place from
     * {@code shared/openadr-samples/openleadr-session} (never copied into the repository).
     */
    @Test
    void fingerprintsOfOpenLeadrsCertificatesMatchTheRecordedOnes() throws IOException {
        Path session = samples();
        List<String> lines = Files.readAllLines(session.resolve("certificate_fingerprints.txt"),
                StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(lines).hasSize(6);
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            X509Certificate certificate = certificate(session.resolve(fields[0]));
            Fingerprint computed = fields[1].equals("short")
                    ? Fingerprint.openLeadr(certificate)
                    : Fingerprint.sha256(certificate);

            assertThat(computed.toString()).as(line).isEqualTo(fields[2]);
            assertThat(Fingerprint.parse(fields[2]).matches(certificate)).as(line).isTrue();
        }
        X509Certificate vtn = certificate(session.resolve("dummy_vtn.crt"));
        X509Certificate ven = certificate(session.resolve("dummy_ven.crt"));
        assertThat(Fingerprint.parse(VTN_SHORT).matches(vtn)).isTrue();
        assertThat(Fingerprint.parse(VTN_SHORT).matches(ven)).isFalse();
        assertThat(Fingerprint.parse(VTN_FULL).matches(ven)).isFalse();
    }

    @Test
    void bothFormatsAreReadInEitherCaseWithOrWithoutColons() {
        Fingerprint upper = Fingerprint.parse(VTN_SHORT);
        assertThat(Fingerprint.parse("e60cfe2f565364eaec35")).isEqualTo(upper);
        assertThat(Fingerprint.parse(" e6:0c:fe:2f:56:53:64:ea:ec:35 ")).isEqualTo(upper);
        assertThat(upper.isShort()).isTrue();

        Fingerprint full = Fingerprint.parse(VTN_FULL.replace(":", "").toLowerCase());
        assertThat(full.isShort()).isFalse();
        assertThat(full.toString()).isEqualTo(VTN_FULL);
        assertThat(full.shortForm()).isEqualTo(upper);
        assertThat(full).isNotEqualTo(upper);
    }

    @Test
    void anythingElseIsNotAFingerprint() {
        assertThatThrownBy(() -> Fingerprint.parse("E6:0C:FE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 bytes");
        // SHA-1, as `openssl x509 -fingerprint` prints by default: 20 bytes.
        assertThatThrownBy(() -> Fingerprint.parse("AB".repeat(20))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprint.parse("ZZ".repeat(10))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not hexadecimal");
        assertThatThrownBy(() -> new Fingerprint(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFingerprintKeepsItsOwnBytes() {
        byte[] bytes = Fingerprint.parse(VTN_SHORT).bytes();
        Fingerprint fingerprint = new Fingerprint(bytes);
        bytes[0] = 0;
        fingerprint.bytes()[1] = 0;
        assertThat(fingerprint.toString()).isEqualTo(VTN_SHORT);
    }

    /** Where the captured OpenADR samples are, beside the repository, as the event tests find them. */
    private static Path samples() {
        String root = System.getProperty("gridflex.root");
        assertThat(root).as("system property gridflex.root (run the tests through Maven)").isNotNull();
        Path session = Path.of(root).resolve("../shared/openadr-samples/openleadr-session").normalize();
        assertThat(session.resolve("certificate_fingerprints.txt")).as("OpenLEADR samples beside the repository")
                .isRegularFile();
        return session;
    }

    private static X509Certificate certificate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new AssertionError("not a certificate: " + file, e);
        }
    }
}
