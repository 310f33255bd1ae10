package io.gridflex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyFormat;
import io.gridflex.testsupport.TestPki.KeyType;

class TestPkiTest {

    @Test
    void aServerChainValidatesAgainstItsRootOnlyAndNamesLoopback() throws Exception {
        TestPki pki = TestPki.create(TestPki.inTarget("pki-test"), "Pki Test", KeyType.EC);
        TestPki other = TestPki.create(TestPki.inTarget("pki-test-other"), "Other", KeyType.RSA);
        Identity server = pki.server("vtn", KeyType.RSA);

        List<X509Certificate> fromFile = certificates(server.certificate());
        assertThat(fromFile).containsExactlyElementsOf(server.chain());
        assertThat(certificates(pki.caCertificate())).containsExactly(pki.root());
        assertThat(server.leaf().getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactly("localhost", "127.0.0.1");
        assertThat(server.leaf().getPublicKey().getAlgorithm()).isEqualTo("RSA");

        validate(fromFile, pki.root());
        assertThatThrownBy(() -> validate(fromFile, other.root())).isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void keysAreWrittenAsPkcs8AndInTheTraditionalFormats() throws Exception {
        TestPki pki = TestPki.create(TestPki.inTarget("pki-test-keys"), "Pki Keys", KeyType.EC);
        Identity ec = pki.client("ven-ec", KeyType.EC);
        Identity rsa = pki.client("ven-rsa", KeyType.RSA);

        String pkcs8 = Files.readString(ec.key());
        assertThat(pkcs8).startsWith("-----BEGIN PRIVATE KEY-----");
        byte[] der = Base64.getMimeDecoder().decode(pkcs8.replaceAll("-----[A-Z ]+-----", ""));
        assertThat(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)))
                .isEqualTo(ec.privateKey());

        assertThat(Files.readString(ec.keyAs(KeyFormat.TRADITIONAL))).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(Files.readString(rsa.keyAs(KeyFormat.TRADITIONAL))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(ec.leaf().getSubjectAlternativeNames()).isNull();
    }

    @Test
    void aFixedValidityHoldsForTheWholeChain() throws Exception {
        Instant notBefore = Instant.parse("2026-01-01T00:00:00Z");
        Instant notAfter = Instant.parse("2031-01-01T00:00:00Z");
        TestPki pki = TestPki.create(TestPki.inTarget("pki-test-fixed"), "Pki Fixed", KeyType.EC, notBefore,
                notAfter);
        Identity signer = pki.client("signer", KeyType.RSA);

        for (X509Certificate certificate : List.of(pki.root(), signer.chain().get(0), signer.chain().get(1))) {
            assertThat(certificate.getNotBefore().toInstant()).isEqualTo(notBefore);
            assertThat(certificate.getNotAfter().toInstant()).isEqualTo(notAfter);
        }
        assertThat(certificates(signer.certificate())).containsExactlyElementsOf(signer.chain());
    }

    private static List<X509Certificate> certificates(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    private static void validate(List<? extends Certificate> chain, X509Certificate root) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain),
                parameters);
    }
}
