package io.gridflex.openadr.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.gridflex.openadr.SharedOpenAdrFiles;
import io.gridflex.openadr.pki.PemFiles;

/**
 * The signed messages OpenLEADR (a third-party implementation) produced, read byte for byte as stored, with the
 * certificate each was signed with and the ReplayProtect values read from the file itself.
 */
final class OpenLeadrSignedSamples {

    private static final Pattern TIMESTAMP = Pattern.compile("<dsp:timestamp>([^<]+)</dsp:timestamp>");
    private static final Pattern NONCE = Pattern.compile("<dsp:nonce>([^<]+)</dsp:nonce>");

    /** A signed file and the OpenLEADR test certificate whose key signed it. */
    record Sample(String name, byte[] bytes, String certificateFile) {

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        Instant signedAt() {
            return Instant.parse(find(TIMESTAMP));
        }

        String nonce() {
            return find(NONCE);
        }

        X509Certificate signer() {
            return certificate(certificateFile);
        }

        private String find(Pattern pattern) {
            Matcher m = pattern.matcher(text());
            assertThat(m.find()).as("%s has a ReplayProtect", name).isTrue();
            return m.group(1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private OpenLeadrSignedSamples() {
    }

    /**
     * Every signed OpenLEADR file: the session's VEN ({@code dummy_ven}) and VTN ({@code dummy_vtn}) messages and the
     * earlier captures of OpenLEADR's VTN ({@code captured_secure_*}, also {@code dummy_vtn}).
     */
    static List<Sample> all() throws IOException {
        Path session = SharedOpenAdrFiles.openLeadrSession();
        List<Path> sessionFiles;
        try (Stream<Path> files = Files.list(session)) {
            sessionFiles = files.filter(f -> f.getFileName().toString().contains("_signed_")).sorted().toList();
        }
        List<Path> captured = SharedOpenAdrFiles.samples().stream()
                .filter(f -> f.getFileName().toString().startsWith("captured_secure_"))
                .toList();
        List<Sample> samples = Stream.concat(sessionFiles.stream(), captured.stream())
                .map(OpenLeadrSignedSamples::read)
                .toList();
        assertThat(samples).as("signed OpenLEADR samples").hasSizeGreaterThanOrEqualTo(8);
        return samples;
    }

    static List<Sample> venSigned() throws IOException {
        List<Sample> ven = all().stream().filter(s -> s.name().startsWith("ven_signed_")).toList();
        assertThat(ven).as("ven_signed_* samples").hasSizeGreaterThanOrEqualTo(2);
        return ven;
    }

    static Sample venSigned(String name) throws IOException {
        return venSigned().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    static X509Certificate certificate(String file) {
        return PemFiles.readCertificates(SharedOpenAdrFiles.openLeadrSession().resolve(file)).getFirst();
    }

    /** The fingerprint of a certificate as {@code certificate_fingerprints.txt} lists it ("short" or "full"). */
    static String listedFingerprint(String certificateFile, String form) throws IOException {
        return Files.readAllLines(SharedOpenAdrFiles.openLeadrSession().resolve("certificate_fingerprints.txt"))
                .stream()
                .map(String::strip)
                .filter(line -> line.startsWith(certificateFile + " " + form))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + form + " fingerprint of " + certificateFile));
    }

    /** The SHA-256 the session's {@code SHA256SUMS} lists for a file, or null for files not in the session. */
    static String listedSha256(String fileName) throws IOException {
        return Files.readAllLines(SharedOpenAdrFiles.openLeadrSession().resolve("SHA256SUMS"))
                .stream()
                .filter(line -> line.endsWith("  " + fileName))
                .map(line -> line.substring(0, 64))
                .findFirst()
                .orElse(null);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Sample read(Path file) {
        String name = file.getFileName().toString();
        try {
            return new Sample(name, Files.readAllBytes(file),
                    name.startsWith("ven_") ? "dummy_ven.crt" : "dummy_vtn.crt");
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
