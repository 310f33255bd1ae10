package io.gridflex.gateway.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.gridflex.openadr.pki.Fingerprint;

/**
 * A file of certificate fingerprints, one per line (blank lines and lines starting with {@code #} are skipped), each
 * in a form {@link Fingerprint#parse} takes: the full SHA-256 or the short form, any case, colons optional; a line as
 * {@code openssl x509 -noout -fingerprint -sha256} prints it ({@code sha256 Fingerprint=E6:0C:…}) is taken too. Mounted
 * from a ConfigMap or Secret and watched like the certificate files ({@link WatchedFiles}), so a VTN's new
 * certificate can be pinned next to the old one, and the old one retired, without a restart.
 * <p>
 * A file that lists no fingerprint is refused, at startup and when it changes: pins narrow what the CAs allow, so an
 * emptied file (a half-written secret, a wrong key in the ConfigMap) would silently widen trust to any certificate
 * the CAs vouch for.
 */
public final class FingerprintFile {

    private static final int MAX_BYTES = 64 * 1024;
    /** How {@code openssl x509 -fingerprint -sha256} starts its line. */
    private static final String OPENSSL = "sha256 Fingerprint=";

    private FingerprintFile() {
    }

    /**
     * @param key the setting that names the file, for error messages
     * @return the fingerprints as written, each checked
     * @throws TlsSetupException naming the key, the file and the line at fault
     */
    public static List<String> read(String key, Path file) {
        String where = TlsFiles.describe(key, file);
        List<String> lines;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new TlsSetupException(where + ": over " + MAX_BYTES + " bytes, not a list of fingerprints");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TlsSetupException(where + ": cannot read: " + e.getMessage(), e);
        }
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.regionMatches(true, 0, OPENSSL, 0, OPENSSL.length())) {
                line = line.substring(OPENSSL.length()).strip();
            }
            try {
                Fingerprint.parse(line);
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(where + ", line " + (i + 1) + ": " + e.getMessage(), e);
            }
            fingerprints.add(line);
        }
        if (fingerprints.isEmpty()) {
            throw new TlsSetupException(where + ": lists no fingerprint (an empty pin list would trust any certificate"
                    + " the CAs vouch for)");
        }
        return List.copyOf(fingerprints);
    }
}
