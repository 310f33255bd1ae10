package io.gridflex.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold a secret of the local stack: created afresh, readable and writable by this user only. */
final class SecretFiles {

    private SecretFiles() {
    }

    /** Replaces {@code file} with {@code content}, mode 0600 from the moment it exists. */
    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the local stack keeps the secrets an operator may need: {@code <run dir>/secrets/<name>}. */
    static Path path(StackOptions options, String name) {
        return options.runDir().resolve("secrets").resolve(name);
    }
}
