package io.gridflex.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the distributions that {@code deploy/infra/dist} lays out at build time (Kafka libs, PostgreSQL binaries,
 * Keycloak). Looked up, in order: system property {@code gridflex.infra.dist}, environment variable
 * {@code GRIDFLEX_INFRA_DIST}, {@code <gridflex.root>/deploy/infra/dist/target}, then the same path above the
 * working directory.
 */
public final class InfraHome {

    private static final Path RELATIVE_DIST = Path.of("deploy", "infra", "dist", "target");

    private InfraHome() {
    }

    public static Path dist() {
        return explicit()
                .or(() -> Optional.ofNullable(System.getProperty("gridflex.root"))
                        .map(root -> Path.of(root).resolve(RELATIVE_DIST)))
                .filter(Files::isDirectory)
                .or(InfraHome::searchUpwards)
                .orElseThrow(() -> new IllegalStateException(
                        "Infrastructure distributions not found. Build them with "
                                + "`./mvnw -pl deploy/infra/dist package` from the repository root, "
                                + "or point -Dgridflex.infra.dist at them."));
    }

    /** The repository root: the directory that holds {@code deploy/infra/dist}. */
    public static Path repositoryRoot() {
        return dist().getParent().getParent().getParent().getParent();
    }

    private static Optional<Path> explicit() {
        String value = System.getProperty("gridflex.infra.dist", System.getenv("GRIDFLEX_INFRA_DIST"));
        return Optional.ofNullable(value).map(Path::of);
    }

    private static Optional<Path> searchUpwards() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_DIST);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
