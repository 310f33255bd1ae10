package io.gridflex.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.gridflex.infra.FreePort;
import io.gridflex.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A PostgreSQL server of the test class's own, which the test can stop and restart on the same port and data
 * directory while the application keeps running: for outage tests, which must not disturb the shared server. Its
 * pid, port and directory go into system properties ({@link #PID}, {@link #PORT}, {@link #DIR}), which the test
 * reads whichever class loader it runs in; {@link #restart()} starts it again where it was. Init arguments are
 * passed on to the application as configuration, for settings an outage test needs.
 */
public class RestartablePostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String PID = "gridflex.test.own-postgres.pid";
    public static final String PORT = "gridflex.test.own-postgres.port";
    public static final String DIR = "gridflex.test.own-postgres.dir";

    private final Map<String, String> extraConfig = new HashMap<>();
    private PostgresServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        extraConfig.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Path dir;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "own-postgres")), "pg-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = PostgresServer.start(dir, FreePort.pick());
        server.createDatabase(SharedInfrastructure.DATABASE);
        System.setProperty(PID, Long.toString(server.pid()));
        System.setProperty(PORT, Integer.toString(server.port()));
        System.setProperty(DIR, dir.toString());
        Map<String, String> config = new HashMap<>(extraConfig);
        config.put("quarkus.datasource.db-kind", "postgresql");
        config.put("quarkus.datasource.jdbc.url", server.jdbcUrl(SharedInfrastructure.DATABASE));
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        return config;
    }

    /** Starts the server again on its port and data directory, after the test stopped it; the caller closes it. */
    public static PostgresServer restart() {
        return PostgresServer.start(Path.of(System.getProperty(DIR)), Integer.getInteger(PORT));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
