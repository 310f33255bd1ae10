package io.gridflex.openadr.pki;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyType;

class CertificateKeysTest {

    private static final TestPki PKI = TestPki.create(TestPki.inTarget("certificate-keys"), "Certificate Keys",
            KeyType.RSA);
    private static final Identity EC = PKI.client("ven-ec", KeyType.EC);
    private static final Identity RSA = PKI.client("ven-rsa", KeyType.RSA);

    @Test
    void aKeyMatchesItsOwnCertificate() {
        for (Identity identity : new Identity[]{EC, RSA}) {
            assertThatNoException().as(identity.name())
                    .isThrownBy(() -> CertificateKeys.requireMatch(identity.privateKey(), identity.leaf()));
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingTheCertificate() {
        Identity other = PKI.client("other-ec", KeyType.EC);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateKeys.requireMatch(other.privateKey(), EC.leaf()))
                .withMessageStartingWith(
                        "the key does not match the certificate " + EC.leaf().getSubjectX500Principal())
                .withMessageContaining("a signature made with the key fails with the certificate's key");
    }

    @Test
    void aKeyOfAnotherAlgorithmIsRefusedSayingWhich() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateKeys.requireMatch(RSA.privateKey(), EC.leaf()))
                .withMessage("the key does not match the certificate (an RSA key, a certificate for an EC key) of "
                        + EC.leaf().getSubjectX500Principal());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateKeys.requireMatch(EC.privateKey(), RSA.leaf()))
                .withMessageContaining("(an EC key, a certificate for an RSA key)");
    }

    @Test
    void aKeyOfAnAlgorithmOpenAdrDoesNotUseIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        generator.initialize(2048);
        KeyPair dsa = generator.generateKeyPair();
        X500Name name = new X500Name("CN=dsa");
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(),
                        Date.from(Instant.now().plus(Duration.ofDays(1))), name, dsa.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withDSA").build(dsa.getPrivate())));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateKeys.requireMatch(dsa.getPrivate(), certificate))
                .withMessage("unsupported key algorithm DSA; OpenADR certificates use EC or RSA keys");
    }
}
