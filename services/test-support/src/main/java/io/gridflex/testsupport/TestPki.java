package io.gridflex.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A throwaway certificate authority for TLS tests, shaped like the OpenADR PKI: a root, an intermediate that issues
 * the end-entity certificates, and leaf certificates whose PEM file carries the leaf and the intermediate (what a VTN
 * or VEN is given). Everything is generated in memory on each run and written as PEM under a directory the test
 * chooses, normally below {@code target/} ({@link #inTarget}), so no key ever lives in the repository.
 * <p>
 * Keys are EC P-256 (for {@code TLS_ECDHE_ECDSA_*}) or RSA 2048 (for {@code TLS_RSA_*}). BouncyCastle builds the
 * certificates; the JDK's own providers sign them, so nothing here depends on a registered BouncyCastle provider.
 */
public final class TestPki {

    /** The key kinds OpenADR 2.0b certificates come in. */
    public enum KeyType {
        /** EC P-256: the key of the ECDSA cipher suite. */
        EC,
        /** RSA 2048: the key of the RSA cipher suite; RSA leaves also allow key encipherment. */
        RSA
    }

    /** How a private key file is encoded. */
    public enum KeyFormat {
        /** {@code PRIVATE KEY}: PKCS#8, the format Kubernetes TLS secrets and most tools write. */
        PKCS8,
        /** {@code EC PRIVATE KEY} (SEC1) or {@code RSA PRIVATE KEY} (PKCS#1): what older OpenSSL tools write. */
        TRADITIONAL
    }

    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final Issuer root;
    private final Issuer intermediate;
    private final Path caCertificate;
    private final Date notBefore;
    private final Date notAfter;

    private TestPki(Path directory, Issuer root, Issuer intermediate, Path caCertificate, Date notBefore,
            Date notAfter) {
        this.directory = directory;
        this.root = root;
        this.intermediate = intermediate;
        this.caCertificate = caCertificate;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    /** A directory below the module's {@code target/test-pki}, where Maven runs the tests. */
    public static Path inTarget(String name) {
        return Path.of("target", "test-pki", name).toAbsolutePath();
    }

    /**
     * A new CA named {@code name}, its root written to {@code directory/ca.crt}. The CA keys are of {@code keyType},
     * so a test can also prove that the signature algorithms of the chain do not matter to the suite chosen.
     */
    public static TestPki create(Path directory, String name, KeyType keyType) {
        // An hour back, so a peer whose clock is slightly behind still accepts the certificates.
        Instant now = Instant.now();
        return create(directory, name, keyType, now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
    }

    /**
     * A new CA as {@link #create(Path, String, KeyType)}, whose certificates, and all it issues, are valid exactly from
     * {@code notBefore} to {@code notAfter}: for tests with a fixed clock, or that step past the expiry.
     */
    public static TestPki create(Path directory, String name, KeyType keyType, Instant notBefore, Instant notAfter) {
        Date from = Date.from(notBefore);
        Date to = Date.from(notAfter);
        try {
            Files.createDirectories(directory);
            KeyPair rootKeys = generate(keyType);
            X500Name rootName = new X500Name("CN=" + name + " Root CA,O=GridFlex test");
            X509Certificate rootCertificate = sign(new JcaX509v3CertificateBuilder(rootName, serial(), from, to,
                    rootName, rootKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions().createSubjectKeyIdentifier(rootKeys.getPublic())),
                    rootKeys.getPrivate());
            Issuer root = new Issuer(rootCertificate, rootKeys.getPrivate());

            KeyPair intermediateKeys = generate(keyType);
            X509Certificate intermediateCertificate = sign(builder(root,
                    new X500Name("CN=" + name + " Issuing CA,O=GridFlex test"), intermediateKeys.getPublic(), from, to)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    root.key());
            Issuer intermediate = new Issuer(intermediateCertificate, intermediateKeys.getPrivate());

            Path ca = directory.resolve("ca.crt");
            Files.writeString(ca, pem(rootCertificate), StandardCharsets.US_ASCII);
            return new TestPki(directory, root, intermediate, ca, from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The root certificate as a PEM file: what the other side is told to trust. */
    public Path caCertificate() {
        return caCertificate;
    }

    public X509Certificate root() {
        return root.certificate();
    }

    /** The root in a {@link KeyStore}, for a test's own peer that is not configured from files. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", root.certificate());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An SSL context for a test's own peer (a stand-in VTN or VEN): it trusts this PKI's root and presents
     * {@code identity}, which may come from another PKI, as server and as client. As a client it presents it whatever
     * CAs the server asks for, as OpenSSL-based clients do (the JDK's default key manager would silently send
     * nothing), so a test of a server refusing a foreign certificate really sends one.
     */
    public SSLContext sslContext(Identity identity) {
        return context(new KeyManager[]{new FixedKeyManager(identity)});
    }

    /** An SSL context that trusts this PKI's root and has no certificate of its own. */
    public SSLContext sslContext() {
        return context(null);
    }

    private SSLContext context(KeyManager[] keyManagers) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server certificate for {@code localhost} and {@code 127.0.0.1}, usable for client authentication too. */
    public Identity server(String name, KeyType keyType) {
        return issue(name, keyType, List.of("localhost"), List.of("127.0.0.1"));
    }

    /** A client certificate (a VEN's), which names no host. */
    public Identity client(String name, KeyType keyType) {
        return issue(name, keyType, List.of(), List.of());
    }

    /**
     * A certificate for exactly the given host names and IP addresses, written to {@code name.crt} (leaf, then the
     * intermediate) and {@code name.key} (PKCS#8).
     */
    public Identity issue(String name, KeyType keyType, List<String> hostNames, List<String> ipAddresses) {
        try {
            KeyPair keys = generate(keyType);
            int usage = KeyUsage.digitalSignature | (keyType == KeyType.RSA ? KeyUsage.keyEncipherment : 0);
            X509v3CertificateBuilder builder = builder(intermediate, new X500Name("CN=" + name + ",O=GridFlex test"),
                    keys.getPublic(), notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            List<GeneralName> alternativeNames = new ArrayList<>();
            hostNames.forEach(host -> alternativeNames.add(new GeneralName(GeneralName.dNSName, host)));
            ipAddresses.forEach(ip -> alternativeNames.add(new GeneralName(GeneralName.iPAddress, ip)));
            if (!alternativeNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
            }
            X509Certificate leaf = sign(builder, intermediate.key());
            List<X509Certificate> chain = List.of(leaf, intermediate.certificate());

            Path certificateFile = directory.resolve(name + ".crt");
            Files.writeString(certificateFile, pem(leaf) + pem(intermediate.certificate()),
                    StandardCharsets.US_ASCII);
            Identity identity = new Identity(name, directory, certificateFile, directory.resolve(name + ".key"),
                    chain, keys.getPrivate());
            identity.writeKey(identity.key(), KeyFormat.PKCS8);
            return identity;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An issued certificate: its PEM files, and the same material in memory.
     *
     * @param certificate PEM file with the leaf first, then the intermediate
     * @param key PEM file with the private key as PKCS#8
     * @param chain leaf first, then the intermediate (not the root)
     */
    public record Identity(String name, Path directory, Path certificate, Path key, List<X509Certificate> chain,
            PrivateKey privateKey) {

        public X509Certificate leaf() {
            return chain.getFirst();
        }

        /** The private key written once more, in {@code format}, to {@code name.<format>.key}. */
        public Path keyAs(KeyFormat format) {
            Path file = directory.resolve(name + "." + format.name().toLowerCase() + ".key");
            writeKey(file, format);
            return file;
        }

        /** Key and chain in a {@link KeyStore} under alias {@code name}, for a test's own peer. */
        public KeyStore keyStore(char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(name, privateKey, password, chain.toArray(X509Certificate[]::new));
                return store;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private void writeKey(Path file, KeyFormat format) {
            try {
                String text = switch (format) {
                    case PKCS8 -> pem(new PemObject("PRIVATE KEY", privateKey.getEncoded()));
                    case TRADITIONAL -> traditional(privateKey);
                };
                Files.writeString(file, text, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Always the one identity, for any role, when its key type is asked for. */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {

        private final Identity identity;

        FixedKeyManager(Identity identity) {
            this.identity = identity;
        }

        private String alias(String... keyTypes) {
            return keyTypes == null || Arrays.asList(keyTypes).contains(identity.privateKey().getAlgorithm())
                    ? identity.name()
                    : null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return alias(keyTypes);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return alias(keyTypes);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return alias(keyType);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return alias(keyType) == null ? null : new String[]{identity.name()};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return getClientAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return identity.name().equals(alias) ? identity.chain().toArray(X509Certificate[]::new) : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return identity.name().equals(alias) ? identity.privateKey() : null;
        }
    }

    private record Issuer(X509Certificate certificate, PrivateKey key) {
    }

    /**
     * SEC1 or PKCS#1. The JDK's PKCS#8 encoding of an EC key leaves the curve out of the inner SEC1 structure (it is in
     * the PKCS#8 algorithm identifier), but a stand-alone {@code EC PRIVATE KEY} must name it, as OpenSSL writes it.
     */
    private static String traditional(PrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        if (key.getAlgorithm().equals("EC")) {
            org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey
                    .getInstance(info.parsePrivateKey());
            ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
            DERBitString publicKey = inner.getPublicKey() == null ? null : new DERBitString(inner.getPublicKey());
            org.bouncycastle.asn1.sec.ECPrivateKey withCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                    inner.getKey(), publicKey, curve);
            return pem(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
        }
        return pem(new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded()));
    }

    private static X509v3CertificateBuilder builder(Issuer issuer, X500Name subject, PublicKey publicKey,
            Date notBefore, Date notAfter) throws GeneralSecurityException, IOException {
        return new JcaX509v3CertificateBuilder(issuer.certificate(), serial(), notBefore, notAfter, subject,
                publicKey)
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions().createSubjectKeyIdentifier(publicKey))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions().createAuthorityKeyIdentifier(issuer.certificate()));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair generate(KeyType type) throws GeneralSecurityException {
        if (type == KeyType.EC) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static JcaX509ExtensionUtils extensions() throws GeneralSecurityException {
        return new JcaX509ExtensionUtils();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static String pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String pem(PemObject object) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
