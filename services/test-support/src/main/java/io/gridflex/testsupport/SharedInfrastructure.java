package io.gridflex.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Supplier;

import io.gridflex.infra.KafkaBroker;
import io.gridflex.infra.KeycloakServer;
import io.gridflex.infra.OncePerJvm;
import io.gridflex.infra.PostgresServer;
import io.gridflex.messages.Topics;

/**
 * One real server of each kind per test JVM, started on first use (or ahead of it, see {@link #prestart}) and stopped
 * when the JVM exits. Starting them costs seconds (Keycloak tens of seconds), so test classes share them; each test
 * owns its data by using its own ids, topics or schema.
 */
public final class SharedInfrastructure {

    public static final String DATABASE = "gridflex";

    /**
     * The system property listing the servers a module's tests need ({@code postgres}, {@code kafka},
     * {@code keycloak}, comma-separated): {@link InfrastructurePrestart} starts them side by side once the test JVM
     * knows it will run a Quarkus test, while the first Quarkus build is under way, instead of one after another when
     * the first test asks.
     */
    public static final String PRESTART = "gridflex.test.infra.prestart";

    private static final Supplier<PostgresServer> POSTGRES = () -> {
        PostgresServer server = stopAtExit(PostgresServer.start(work().resolve("postgres"), 0));
        server.createDatabase(DATABASE);
        return server;
    };
    private static final Supplier<KafkaBroker> KAFKA = () -> {
        KafkaBroker broker = stopAtExit(KafkaBroker.start(work().resolve("kafka"), 0));
        createPlatformTopics(broker);
        return broker;
    };
    private static final Supplier<KeycloakServer> KEYCLOAK = () -> stopAtExit(
            KeycloakServer.start(work().resolve("keycloak"), 0));

    static {
        OncePerJvm.requireJvmWide();
    }

    private SharedInfrastructure() {
    }

    public static PostgresServer postgres() {
        return OncePerJvm.get("postgres", POSTGRES);
    }

    public static KafkaBroker kafka() {
        return OncePerJvm.get("kafka", KAFKA);
    }

    /** The platform's topics, as the deployment creates them (nothing is auto-created). */
    public static void createPlatformTopics(KafkaBroker broker) {
        broker.createTopics(Topics.platform(), 3);
    }

    public static KeycloakServer keycloak() {
        return OncePerJvm.get("keycloak", KEYCLOAK);
    }

    /**
     * Starts the named servers in the background, each on its own thread; the getters then wait for them. A server that
     * fails to start fails every test that asks for it, with the start's own error.
     */
    public static void prestart(Collection<String> names) {
        for (String name : names) {
            switch (name) {
                case "postgres" -> OncePerJvm.startInBackground(name, POSTGRES);
                case "kafka" -> OncePerJvm.startInBackground(name, KAFKA);
                case "keycloak" -> OncePerJvm.startInBackground(name, KEYCLOAK);
                default -> throw new IllegalArgumentException(
                        PRESTART + ": unknown server '" + name + "' (postgres, kafka or keycloak)");
            }
        }
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

    /** One directory per JVM, under the module's target/, so a failed run leaves its server logs where CI keeps them. */
    private static Path work() {
        return OncePerJvm.get("work-directory", SharedInfrastructure::workDirectory);
    }

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
