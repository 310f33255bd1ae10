package io.gridflex.dispatch.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.gridflex.infra.FreePort;
import io.gridflex.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A PostgreSQL server of the test's own, which the test can stop and restart on the same port and data directory
 * while the application keeps running. Its pid, port and directory go into system properties, which the test reads
 * whichever class loader it runs in.
 */
public class OwnPostgresResource implements QuarkusTestResourceLifecycleManager {

    static final String PID = "gridflex.test.own-postgres.pid";
    static final String PORT = "gridflex.test.own-postgres.port";
    static final String DIR = "gridflex.test.own-postgres.dir";

    private PostgresServer server;

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
        server.createDatabase("gridflex");
        System.setProperty(PID, Long.toString(server.pid()));
        System.setProperty(PORT, Integer.toString(server.port()));
        System.setProperty(DIR, dir.toString());
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", server.jdbcUrl("gridflex"),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD,
                // The outage must not make the sites announced before it too old to take a share.
                "gridflex.dispatch.sites.stale-after", "10m");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
