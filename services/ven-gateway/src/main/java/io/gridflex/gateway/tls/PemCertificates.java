package io.gridflex.gateway.tls;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** X.509 certificates from a PEM file: a chain (leaf first) or a CA bundle. */
final class PemCertificates {

    private PemCertificates() {
    }

    /**
     * Every {@code CERTIFICATE} block of the file, in file order. A file without one (say, the key file configured as
     * the certificate) is refused, as is a block that is not a certificate.
     */
    static List<X509Certificate> read(String key, Path file) {
        PemFile pem = PemFile.read(key, file);
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JVM has no X.509 certificate factory", e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (PemFile.Block block : pem.blocks()) {
            if (!block.type().equals("CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                throw pem.problem("certificate " + (certificates.size() + 1) + " is not a valid X.509 certificate: "
                        + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw pem.problem("holds no CERTIFICATE block (found " + pem.blocks().stream().map(PemFile.Block::type)
                    .distinct().toList() + ")");
        }
        return List.copyOf(certificates);
    }
}
