package io.gridflex.openadr.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * Whether a private key belongs to a certificate, checked when key and certificate are configured, so a mismatch fails
 * at startup rather than as an unexplained handshake failure or a peer's signature refusal later.
 */
public final class CertificateKeys {

    private static final byte[] PROBE = "GridFlex key check".getBytes(StandardCharsets.US_ASCII);

    private CertificateKeys() {
    }

    /**
     * Proves the pair by use: signs a probe with the private key and verifies it with the certificate's public key,
     * which works for every key type alike without deriving public keys.
     *
     * @throws IllegalArgumentException when the key is of another algorithm than the certificate's, does not make
     *             signatures the certificate verifies, or is of an algorithm without a signature to probe with; the
     *             message names the certificate's subject
     */
    public static void requireMatch(PrivateKey key, X509Certificate certificate) {
        String keyAlgorithm = key.getAlgorithm();
        String certificateAlgorithm = certificate.getPublicKey().getAlgorithm();
        if (!keyAlgorithm.equals(certificateAlgorithm)) {
            throw new IllegalArgumentException("the key does not match the certificate (an " + keyAlgorithm
                    + " key, a certificate for an " + certificateAlgorithm + " key) of "
                    + certificate.getSubjectX500Principal());
        }
        String algorithm = switch (keyAlgorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "Ed448", "EdDSA" -> keyAlgorithm;
            default -> throw new IllegalArgumentException("unsupported key algorithm " + keyAlgorithm
                    + "; OpenADR certificates use EC or RSA keys");
        };
        String mismatch = "the key does not match the certificate " + certificate.getSubjectX500Principal()
                + " (a signature made with the key fails with the certificate's key";
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException(mismatch + ")");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(mismatch + ": " + e.getMessage() + ")", e);
        }
    }
}
