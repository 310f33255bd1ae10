package io.gridflex.gateway.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;

import io.gridflex.openadr.pki.CertificateKeys;

/**
 * The VEN's certificate chain and private key, as presented to the VTN. Loading checks what would otherwise surface as
 * an unexplained handshake failure at the first request: that the key belongs to the certificate and that the
 * certificate is within its validity period.
 *
 * @param chain leaf first
 */
record ClientIdentity(List<X509Certificate> chain, PrivateKey privateKey) {

    ClientIdentity {
        chain = List.copyOf(chain);
    }

    static ClientIdentity load(String certificateKey, Path certificate, String keyKey, Path key) {
        List<X509Certificate> chain = TlsFiles.certificates(certificateKey, certificate);
        PrivateKey privateKey = TlsFiles.privateKey(keyKey, key);
        X509Certificate leaf = chain.getFirst();
        try {
            CertificateKeys.requireMatch(privateKey, leaf);
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException(TlsFiles.describe(keyKey, key) + " and "
                    + TlsFiles.describe(certificateKey, certificate) + ": " + e.getMessage(), e);
        }
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new TlsSetupException(TlsFiles.describe(certificateKey, certificate) + ": the certificate "
                    + leaf.getSubjectX500Principal() + " expired on " + leaf.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new TlsSetupException(TlsFiles.describe(certificateKey, certificate) + ": the certificate "
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
}
