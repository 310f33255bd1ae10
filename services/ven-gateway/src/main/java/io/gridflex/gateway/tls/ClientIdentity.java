package io.gridflex.gateway.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;

/**
 * The VEN's certificate chain and private key, as presented to the VTN. Loading checks what would otherwise surface as
 * an unexplained handshake failure at the first request: that the key belongs to the certificate and that the
 * certificate is within its validity period.
 *
 * @param chain leaf first
 */
record ClientIdentity(List<X509Certificate> chain, PrivateKey privateKey) {

    private static final byte[] PROBE = "gridflex key check".getBytes(StandardCharsets.US_ASCII);

    ClientIdentity {
        chain = List.copyOf(chain);
    }

    static ClientIdentity load(String certificateKey, Path certificate, String keyKey, Path key) {
        List<X509Certificate> chain = PemCertificates.read(certificateKey, certificate);
        PrivateKey privateKey = PemPrivateKey.read(keyKey, key);
        X509Certificate leaf = chain.getFirst();
        String where = PemFile.describe(keyKey, key) + " and " + PemFile.describe(certificateKey, certificate);
        String keyAlgorithm = privateKey.getAlgorithm();
        String certificateAlgorithm = leaf.getPublicKey().getAlgorithm();
        if (!keyAlgorithm.equals(certificateAlgorithm)) {
            throw new TlsSetupException(where + ": the key does not match the certificate (an " + keyAlgorithm
                    + " key, a certificate for an " + certificateAlgorithm + " key)");
        }
        if (!signsFor(privateKey, leaf)) {
            throw new TlsSetupException(where + ": the key does not match the certificate " + leaf
                    .getSubjectX500Principal() + " (a signature made with the key fails with the certificate's key)");
        }
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new TlsSetupException(PemFile.describe(certificateKey, certificate) + ": the certificate "
                    + leaf.getSubjectX500Principal() + " expired on " + leaf.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new TlsSetupException(PemFile.describe(certificateKey, certificate) + ": the certificate "
                    + leaf.getSubjectX500Principal() + " is valid only from " + leaf.getNotBefore().toInstant(), e);
        }
        return new ClientIdentity(chain, privateKey);
    }

    X509Certificate leaf() {
        return chain.getFirst();
    }

    /** Names the certificate only: a record's generated toString would print the private key. */
    @Override
    public String toString() {
        return "ClientIdentity[" + leaf().getSubjectX500Principal() + "]";
    }

    /**
     * A key manager that always presents this identity, whatever CA names the VTN lists in its certificate request,
     * as OpenSSL-based clients do. The JDK's own one sends no certificate when our issuer is not in that list, which a
     * VTN then reports as "no client certificate" instead of naming the certificate it refused.
     */
    KeyManager[] keyManagers() {
        return new KeyManager[]{new SingleIdentityKeyManager(this)};
    }

    /** Proves the pair by use: sign with the private key, verify with the certificate. */
    private static boolean signsFor(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> throw new TlsSetupException("unsupported client key algorithm " + key.getAlgorithm()
                    + "; OpenADR certificates use EC or RSA keys");
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
