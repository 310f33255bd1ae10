package io.gridflex.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;

/**
 * A real PostgreSQL server on loopback, from the binaries {@code deploy/infra/dist} unpacks. PostgreSQL refuses to
 * run as root; as root we start it inside a fresh user namespace ({@code unshare -U}), where it sees itself as an
 * unprivileged user that still owns its data directory.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "gridflex";
    public static final String PASSWORD = "gridflex";

    private final ChildProcess process;
    private final int port;

    private PostgresServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server whose data lives in {@code workDir/data}: initialised on first use, reused afterwards.
     *
     * @param port a port, or 0 for any free one
     */
    public static PostgresServer start(Path workDir, int port) {
        Path bin = binaries().resolve("bin");
        Path data = workDir.resolve("data");
        int chosen = port == 0 ? FreePort.pick() : port;
        try {
            Files.createDirectories(workDir);
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initialise(bin, workDir, data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = asUnprivileged(List.of(bin.resolve("postgres").toString(),
                "-D", data.toString(),
                "-p", Integer.toString(chosen),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=200",
                "-c", "fsync=off",
                "-c", "shared_buffers=64MB"));
        ChildProcess process = ChildProcess.start("postgres", command, workDir, Map.of(),
                workDir.resolve("postgres.log"),
                "INT");
        PostgresServer server = new PostgresServer(process, chosen);
        Await.ready("PostgreSQL on port " + chosen, process, Duration.ofSeconds(60), server::acceptsConnections);
        return server;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates the database if it does not exist yet. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            try (var rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    /**
     * A connection to the maintenance database, made by the driver this class sees: DriverManager would pick drivers by
     * the caller's class loader, and in a Quarkus test this artifact (loaded once per JVM, see OncePerJvm) and the
     * application each have their own copy of the driver.
     */
    private Connection connect() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", PASSWORD);
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl("postgres"), credentials);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not take " + jdbcUrl("postgres"));
        }
        return connection;
    }

    private boolean acceptsConnections() {
        try (Connection ignored = connect()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void initialise(Path bin, Path workDir, Path data) throws IOException {
        Path passwordFile = workDir.resolve("pwfile");
        Files.writeString(passwordFile, PASSWORD + "\n");
        run(asUnprivileged(List.of(bin.resolve("initdb").toString(),
                "-D", data.toString(),
                "-U", USER,
                "--pwfile=" + passwordFile,
                "-A", "scram-sha-256",
                "-E", "UTF8",
                "--no-locale")), workDir, workDir.resolve("initdb.log"));
        Files.delete(passwordFile);
    }

    /** Unpacks the binaries once per distribution directory; later starts reuse them. */
    static synchronized Path binaries() {
        Path dir = InfraHome.dist().resolve("postgres");
        Path unpacked = dir.resolve("pgsql");
        if (Files.isExecutable(unpacked.resolve("bin").resolve("postgres"))) {
            return unpacked;
        }
        try (var archives = Files.list(dir)) {
            Path archive = archives.filter(p -> p.getFileName().toString().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL archive in " + dir));
            Path staging = Files.createTempDirectory(dir, "unpack");
            TarXz.unpack(archive, staging);
            Files.move(staging, unpacked);
            return unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack PostgreSQL in " + dir, e);
        }
    }

    private static List<String> asUnprivileged(List<String> command) {
        if (new UnixSystem().getUid() != 0) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "-U"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command, Path workDir, Path log) {
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " failed; see " + log + ":\n"
                        + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
