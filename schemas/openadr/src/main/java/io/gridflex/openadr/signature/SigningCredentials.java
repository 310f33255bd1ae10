package io.gridflex.openadr.signature;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import io.gridflex.openadr.pki.CertificateKeys;
import io.gridflex.openadr.pki.PemFiles;

/**
 * What GridFlex signs with: a private key and the certificate chain whose first certificate holds its public key.
 * Checked when made, so a key and certificate that do not belong together fail at start-up, not as refusals from the
 * peer later.
 *
 * @param privateKey RSA or EC, as OpenADR 2.0b allows
 * @param chain the signer's certificate first, then any intermediates; only the first one goes into messages
 */
public record SigningCredentials(PrivateKey privateKey, List<X509Certificate> chain) {

    public SigningCredentials {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A signing certificate is required");
        }
        signatureMethod(privateKey);
        CertificateKeys.requireMatch(privateKey, chain.getFirst());
    }

    /** Reads a key file and a certificate (chain) file in PEM, as {@link PemFiles} describes. */
    public static SigningCredentials fromPem(Path privateKeyFile, Path certificateChainFile) {
        return new SigningCredentials(PemFiles.readPrivateKey(privateKeyFile),
                PemFiles.readCertificates(certificateChainFile));
    }

    /** The certificate whose key signs: the one a peer has to trust (or pin by fingerprint). */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** Never the key itself: credentials end up in log lines and exception messages. */
    @Override
    public String toString() {
        return "SigningCredentials[" + privateKey.getAlgorithm() + " key, certificate "
                + certificate().getSubjectX500Principal().getName() + ", chain of " + chain.size() + "]";
    }

    /** The XML signature algorithm for this key: RSA-SHA256 or ECDSA-SHA256, the two that OpenADR 2.0b names. */
    String signatureMethod() {
        return signatureMethod(privateKey);
    }

    private static String signatureMethod(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> SignatureProfile.RSA_SHA256;
            case "EC" -> SignatureProfile.ECDSA_SHA256;
            default -> throw new IllegalArgumentException(
                    "OpenADR 2.0b signs with RSA or EC keys, not " + key.getAlgorithm());
        };
    }
}
