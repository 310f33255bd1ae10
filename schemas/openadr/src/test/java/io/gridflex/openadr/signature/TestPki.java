package io.gridflex.openadr.signature;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away PKI made at test time under {@code target/}: a CA and two signers, EC P-256 and RSA 2048, each as the
 * PEM files an operator would configure (key in PKCS#8 and in OpenSSL's legacy encoding, chain = signer + CA). No
 * private key is ever part of the repository.
 */
final class TestPki {

    static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2031-01-01T00:00:00Z");

    /** One signing identity and where its files are. */
    record Identity(SigningCredentials credentials, Path pkcs8Key, Path legacyKey, Path chain) {

        X509Certificate certificate() {
            return credentials.certificate();
        }
    }

    private static TestPki instance;

    final X509Certificate ca;
    final Identity ec;
    final Identity rsa;

    private TestPki(Path directory) throws GeneralSecurityException, IOException, OperatorCreationException {
        Files.createDirectories(directory);
        KeyPair caKeys = ecKeys();
        ca = certificate("CN=GridFlex Test CA", caKeys, "CN=GridFlex Test CA", caKeys.getPrivate(), 1, true);
        ec = identity(directory, "ec", ecKeys(), caKeys.getPrivate(), 2);
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = identity(directory, "rsa", rsaGenerator.generateKeyPair(), caKeys.getPrivate(), 3);
    }

    static synchronized TestPki get() {
        if (instance == null) {
            try {
                instance = new TestPki(Path.of("target", "signature-pki"));
            } catch (GeneralSecurityException | OperatorCreationException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** A fresh EC signer of the same CA, for "signed by someone else" cases. */
    Identity stranger(Path directory) {
        try {
            return identity(directory, "stranger", ecKeys(), null, 4);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Identity identity(Path directory, String name, KeyPair keys, PrivateKey caKey, long serial)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        PrivateKey issuerKey = caKey != null ? caKey : keys.getPrivate();
        String issuer = caKey != null ? "CN=GridFlex Test CA" : "CN=" + name;
        X509Certificate certificate = certificate("CN=" + name + ".test.gridflex.io", keys, issuer, issuerKey,
                serial, false);
        Path pkcs8 = directory.resolve(name + ".pkcs8.key");
        Path legacy = directory.resolve(name + ".legacy.key");
        Path chain = directory.resolve(name + ".chain.pem");
        write(pkcs8, pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
        write(legacy, keys.getPrivate() instanceof ECPrivateKey ecKey
                ? pem(new PemObject("EC PRIVATE KEY", sec1WithCurve(ecKey)))
                : pem(keys.getPrivate()));
        write(chain, pem(certificate) + pem(ca != null ? ca : certificate));
        return new Identity(new SigningCredentials(keys.getPrivate(), List.of(certificate)), pkcs8, legacy, chain);
    }

    /** What {@code openssl ecparam -genkey} writes: SEC 1 with the named curve in [0]. */
    static byte[] sec1WithCurve(ECPrivateKey key) throws IOException {
        return new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), null, SECObjectIdentifiers.secp256r1)
                .getEncoded();
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
            long serial, boolean ca) throws GeneralSecurityException, IOException, OperatorCreationException {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(serial), Date.from(NOT_BEFORE), Date.from(NOT_AFTER), new X500Name(subject),
                subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    }

    static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }
}
