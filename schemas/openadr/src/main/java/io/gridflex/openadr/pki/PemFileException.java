package io.gridflex.openadr.pki;

import java.nio.file.Path;

/**
 * A PEM file that cannot be used: missing, unreadable, not PEM, or without the certificate or key asked for. The
 * message is {@code <absolute path>: <problem>}; a caller with a configuration key to name (the gateway's TLS setup)
 * takes {@link #file()} and {@link #problem()} apart and words its own.
 */
public class PemFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    PemFileException(Path file, String problem) {
        this(file, problem, null);
    }

    PemFileException(Path file, String problem, Throwable cause) {
        super(file.toAbsolutePath() + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file as it was given to {@link PemFiles}. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name, e.g. {@code holds no CERTIFICATE block (found [PRIVATE KEY])}. */
    public String problem() {
        return problem;
    }
}
