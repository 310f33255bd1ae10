package io.gridflex.gateway.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of a PEM file ({@code -----BEGIN type----- base64 -----END type-----}), whatever text stands between
 * them (CA bundles often carry comments, OpenSSL writes "Bag Attributes"). Every failure names the configuration key
 * and the file.
 */
final class PemFile {

    /** One decoded block; {@code encrypted} when it carries OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED} header. */
    record Block(String type, byte[] der, boolean encrypted) {
    }

    private static final Pattern BLOCK = Pattern
            .compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** Far above any certificate chain or key; a larger file is the wrong file. */
    private static final long MAX_BYTES = 1024 * 1024;

    private final String key;
    private final Path file;
    private final List<Block> blocks;

    private PemFile(String key, Path file, List<Block> blocks) {
        this.key = key;
        this.file = file;
        this.blocks = blocks;
    }

    /** Reads {@code file}, configured under {@code key}; refuses a missing, unreadable or block-less file. */
    static PemFile read(String key, Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new TlsSetupException(describe(key, file) + ": is a directory, not a PEM file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new TlsSetupException(describe(key, file) + ": larger than 1 MiB, not a PEM certificate or key");
            }
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException(describe(key, file) + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new TlsSetupException(describe(key, file) + ": not readable by this process", e);
        } catch (IOException e) {
            throw new TlsSetupException(describe(key, file) + ": cannot be read: " + e, e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(2);
            boolean encrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
            byte[] der;
            try {
                der = encrypted ? new byte[0] : Base64.getMimeDecoder().decode(body.strip());
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(describe(key, file) + ": the " + matcher.group(1)
                        + " block is not valid base64", e);
            }
            blocks.add(new Block(matcher.group(1), der, encrypted));
        }
        if (blocks.isEmpty()) {
            throw new TlsSetupException(describe(key, file) + ": not a PEM file (no -----BEGIN ...----- block)");
        }
        return new PemFile(key, file, List.copyOf(blocks));
    }

    List<Block> blocks() {
        return blocks;
    }

    /** A failure about this file. */
    TlsSetupException problem(String what) {
        return new TlsSetupException(describe(key, file) + ": " + what);
    }

    TlsSetupException problem(String what, Throwable cause) {
        return new TlsSetupException(describe(key, file) + ": " + what, cause);
    }

    static String describe(String key, Path file) {
        return key + " (" + file.toAbsolutePath() + ")";
    }
}
