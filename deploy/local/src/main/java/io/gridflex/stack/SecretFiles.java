package io.gridflex.stack;

import java.nio.file.Path;

/** Where the local stack keeps the secrets an operator may need; written through the infrastructure's SecretFiles. */
final class SecretFiles {

    private SecretFiles() {
    }

    /** Replaces {@code file} with {@code content}, mode 0600 from the moment it exists. */
    static Path write(Path file, String content) {
        return io.gridflex.infra.SecretFiles.write(file, content);
    }

    /** {@code <run dir>/secrets/<name>}. */
    static Path path(StackOptions options, String name) {
        return options.runDir().resolve("secrets").resolve(name);
    }
}
