package io.gridflex.gateway.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import io.gridflex.openadr.pki.PemFileException;
import io.gridflex.openadr.pki.PemFiles;

/**
 * The tls group's PEM files, read by the shared {@link PemFiles}; each failure becomes a {@link TlsSetupException}
 * that names the configuration key and the file, e.g. {@code gridflex.gateway.programs.p1.tls.key (/run/secrets/ven.key):
 * no such file}.
 */
final class TlsFiles {

    private TlsFiles() {
    }

    /** A certificate chain (leaf first) or CA bundle, configured under {@code key}. */
    static List<X509Certificate> certificates(String key, Path file) {
        try {
            return PemFiles.readCertificates(file);
        } catch (PemFileException e) {
            throw named(key, e);
        }
    }

    /** The one private key of the file configured under {@code key}. */
    static PrivateKey privateKey(String key, Path file) {
        try {
            return PemFiles.readPrivateKey(file);
        } catch (PemFileException e) {
            throw named(key, e);
        }
    }

    /** How a message names a configured file: the key, then the absolute path. */
    static String describe(String key, Path file) {
        return key + " (" + file.toAbsolutePath() + ")";
    }

    private static TlsSetupException named(String key, PemFileException e) {
        return new TlsSetupException(describe(key, e.file()) + ": " + e.problem(), e);
    }
}
