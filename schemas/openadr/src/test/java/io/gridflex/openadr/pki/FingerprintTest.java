package io.gridflex.openadr.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.SharedOpenAdrFiles;

class FingerprintTest {

    private static final String VTN_SHORT = "E6:0C:FE:2F:56:53:64:EA:EC:35";
    private static final String VTN_FULL = "EC:6E:65:BA:38:6B:40:EF:01:BA:48:15:0A:80:E0:2C:DB:C7:89:4F:D3:99:"
            + VTN_SHORT;

    /**
     * OpenLEADR's three test certificates (CA, VTN, VEN) and the fingerprints recorded with them, both forms of each,
     * read in place from {@code shared/openadr-samples/openleadr-session} (never copied into the repository).
     */
    @Test
    void fingerprintsOfOpenLeadrsCertificatesMatchTheRecordedOnes() throws IOException, CertificateEncodingException {
        Path session = SharedOpenAdrFiles.openLeadrSession();
        List<String> lines = Files.readAllLines(session.resolve("certificate_fingerprints.txt"),
                StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(lines).hasSize(6);
        assertThat(lines).extracting(line -> line.trim().split("\\s+")[0]).containsOnly("dummy_ca.crt",
                "dummy_vtn.crt", "dummy_ven.crt");
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            X509Certificate certificate = certificate(session.resolve(fields[0]));
            Fingerprint computed = fields[1].equals("short")
                    ? Fingerprint.openLeadr(certificate)
                    : Fingerprint.sha256(certificate);

            assertThat(computed.toString()).as(line).isEqualTo(fields[2]);
            assertThat(computed.isShort()).as(line).isEqualTo(fields[1].equals("short"));
            assertThat(Fingerprint.parse(fields[2]).matches(certificate)).as(line).isTrue();
            assertThat(Fingerprint.sha256(certificate.getEncoded())).isEqualTo(Fingerprint.sha256(certificate));
        }
        X509Certificate vtn = certificate(session.resolve("dummy_vtn.crt"));
        X509Certificate ven = certificate(session.resolve("dummy_ven.crt"));
        assertThat(Fingerprint.parse(VTN_SHORT).matches(vtn)).isTrue();
        assertThat(Fingerprint.parse(VTN_SHORT).matches(ven)).isFalse();
        assertThat(Fingerprint.parse(VTN_FULL).matches(ven)).isFalse();
    }

    @Test
    void bothFormatsAreReadInEitherCaseWithColonsSpacesOrNothing() {
        Fingerprint upper = Fingerprint.parse(VTN_SHORT);
        assertThat(Fingerprint.parse("e60cfe2f565364eaec35")).isEqualTo(upper);
        assertThat(Fingerprint.parse(" e6:0c:fe:2f:56:53:64:ea:ec:35 ")).isEqualTo(upper);
        assertThat(Fingerprint.parse(VTN_SHORT.replace(':', ' '))).isEqualTo(upper);
        assertThat(upper.isShort()).isTrue();
        assertThat(upper.shortForm()).isSameAs(upper);

        Fingerprint full = Fingerprint.parse(VTN_FULL.replace(":", "").toLowerCase());
        assertThat(full.isShort()).isFalse();
        assertThat(full.toString()).isEqualTo(VTN_FULL);
        assertThat(full.shortForm()).isEqualTo(upper);
        assertThat(full).isNotEqualTo(upper);
        assertThat(full).hasSameHashCodeAs(Fingerprint.parse(VTN_FULL));
    }

    @Test
    void anythingElseIsNotAFingerprint() {
        assertThatThrownBy(() -> Fingerprint.parse("E6:0C:FE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'E6:0C:FE' is not a SHA-256 fingerprint: 3 bytes, expected 10 bytes (OpenLEADR's short"
                        + " form) or 32 bytes (the full SHA-256) of hex");
        assertThatThrownBy(() -> Fingerprint.parse("09:71:9E:0E")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 bytes");
        // SHA-1, as `openssl x509 -fingerprint` prints by default: 20 bytes.
        assertThatThrownBy(() -> Fingerprint.parse("AB".repeat(20))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20 bytes");
        assertThatThrownBy(() -> Fingerprint.parse("ZZ".repeat(10))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not hexadecimal");
        assertThatThrownBy(() -> Fingerprint.parse("not hex at all")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not hexadecimal");
        assertThatThrownBy(() -> Fingerprint.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 bytes");
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

    private static X509Certificate certificate(Path file) {
        return PemFiles.readCertificates(file).getFirst();
    }
}
