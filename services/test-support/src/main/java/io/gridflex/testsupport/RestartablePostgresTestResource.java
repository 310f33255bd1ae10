package io.gridflex.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.gridflex.infra.FreePort;
import io.gridflex.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A PostgreSQL server of the test class's own, which the test can stop and restart on the same port and data
 * directory while the application keeps running: for outage tests, which must not disturb the shared server. Its
 * pid, port and directory go into system properties ({@link #PID}, {@link #PORT}, {@link #DIR}), which the test
 * reads whichever class loader it runs in; {@link #stopServer()} takes it away and {@link #restart()} starts it again
 * where it was. Whichever server is running when the test class ends is stopped with it. Init arguments are passed on
 * to the application as configuration, for settings an outage test needs.
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
        server = PostgresServer.start(dir, FreePort.pickForRestart());
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

    /** Fast shutdown (SIGINT, as {@link PostgresServer#close()} does) of the server now running; returns once it exited. */
    public static void stopServer() {
        long pid = Long.getLong(PID);
        if (!fastShutdown(pid)) {
            throw new IllegalStateException("no PostgreSQL running with pid " + pid);
        }
    }

    /** Starts the server again on its port and data directory, after {@link #stopServer()}. */
    public static void restart() {
        PostgresServer again = PostgresServer.start(Path.of(System.getProperty(DIR)), Integer.getInteger(PORT));
        // The test and this resource may live in different class loaders: the pid, not the object, is shared.
        System.setProperty(PID, Long.toString(again.pid()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
        Long current = Long.getLong(PID);
        if (current != null && server != null && current != server.pid()) {
            fastShutdown(current);
        }
    }

    /** SIGINT to {@code pid} and a wait for it to exit (killed after 30 s); false when no such process runs. */
    private static boolean fastShutdown(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -INT " + pid + " failed");
            }
            process.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.get().destroyForcibly();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return true;
    }
}
