package io.gridflex.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.gridflex.infra.KafkaBroker;
import io.gridflex.infra.KeycloakServer;
import io.gridflex.infra.PostgresServer;
import io.gridflex.messages.Topics;

/**
 * One real server of each kind per test JVM, started on first use and stopped when the JVM exits. Starting them
 * costs seconds (Keycloak tens of seconds), so test classes share them; each test owns its data by using its own
 * ids, topics or schema.
 */
public final class SharedInfrastructure {

    public static final String DATABASE = "gridflex";

    private static final Path WORK = workDirectory();

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static KeycloakServer keycloak;

    private SharedInfrastructure() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = stopAtExit(PostgresServer.start(WORK.resolve("postgres"), 0));
            postgres.createDatabase(DATABASE);
        }
        return postgres;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = stopAtExit(KafkaBroker.start(WORK.resolve("kafka"), 0));
            createPlatformTopics(kafka);
        }
        return kafka;
    }

    /** The platform's topics, as the deployment creates them (nothing is auto-created). */
    public static void createPlatformTopics(KafkaBroker broker) {
        broker.createTopics(Topics.platform(), 3);
    }

    public static synchronized KeycloakServer keycloak() {
        if (keycloak == null) {
            keycloak = stopAtExit(KeycloakServer.start(WORK.resolve("keycloak"), 0));
        }
        return keycloak;
    }

    private static <T extends AutoCloseable> T stopAtExit(T server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("could not stop " + server + ": " + e);
            }
        }, "stop-" + server.getClass().getSimpleName()));
        return server;
    }

    /** Under the module's target/, so a failed run leaves its server logs where CI keeps them. */
    private static Path workDirectory() {
        try {
            Path base = Path.of("target", "gridflex-infra").toAbsolutePath();
            Files.createDirectories(base);
            return Files.createTempDirectory(base, Instant.now().toString().replace(':', '-') + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
