package io.gridflex.helm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A package of the npm registry, pinned by its integrity (the registry's {@code dist.integrity}), fetched with the npm
 * client ({@code npm pack}, which keeps it in npm's cache) into {@code helm/target/npm} and read from its tarball. Only
 * deriving a shipped schema needs it: the tests validate against the shipped files.
 */
record NpmPackage(String name, String version, String integrity) {

    static final Path DIR = Charts.HELM.resolve("target/npm");

    /** Thrown when npm is not installed or cannot fetch the package: the derivation cannot be checked here. */
    static final class Unavailable extends IOException {

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The tarball, fetched when missing; fails when its digest is not the pinned one. */
    Path tarball() throws IOException {
        String file = name.replaceFirst("^@", "").replace('/', '-') + "-" + version + ".tgz";
        Path tarball = DIR.resolve(file);
        if (!Files.isRegularFile(tarball)) {
            Files.createDirectories(DIR);
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "pack", "--silent", name + "@" + version, "--pack-destination",
                        DIR.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new Unavailable("npm is not installed: it fetches " + name + "@" + version, e);
            }
            try {
                String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isRegularFile(tarball)) {
                    throw new Unavailable("npm pack " + name + "@" + version + " failed:\n" + output, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted", e);
            }
        }
        String digest = "sha512-" + Base64.getEncoder().encodeToString(sha512(Files.readAllBytes(tarball)));
        if (!digest.equals(integrity)) {
            throw new IOException(tarball + " is not " + name + "@" + version + " as pinned: " + digest + " instead of "
                    + integrity);
        }
        return tarball;
    }

    /** The package's text files, by path inside the package ({@code package/} left off). */
    Map<String, String> files() throws IOException {
        Map<String, String> files = new HashMap<>();
        try (InputStream tar = new GZIPInputStream(Files.newInputStream(tarball()))) {
            byte[] header = new byte[512];
            while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String path = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    path = prefix + "/" + path;
                }
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                byte[] content = tar.readNBytes((int) size);
                tar.skipNBytes((512 - size % 512) % 512);
                if (header[156] == '0' || header[156] == 0) {
                    files.put(path.replaceFirst("^package/", ""), new String(content, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static byte[] sha512(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
