package io.gridflex.stack;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import io.gridflex.infra.ChildProcess;
import io.gridflex.infra.JavaRuntime;

/** One packaged GridFlex service ({@code target/quarkus-app}) running in its own JVM. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final ChildProcess process;
    private volatile boolean killed;

    private ServiceProcess(String name, int port, ChildProcess process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Kills the JVM outright (SIGKILL), as a crash or an OOM kill would: nothing gets a chance to clean up. */
    public void kill() {
        killed = true;
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        process.exited().join();
    }

    /** Whether {@link #kill()} ended it, on purpose. */
    public boolean killed() {
        return killed;
    }

    static ServiceProcess start(String name, Path moduleDir, int port, Map<String, String> config, Path logs,
            Path workDir) {
        return start(name, moduleDir, port, config, Map.of(), logs, workDir);
    }

    /** @param environment variables only a process can be started with (the configuration profile) */
    static ServiceProcess start(String name, Path moduleDir, int port, Map<String, String> config,
            Map<String, String> environment, Path logs, Path workDir) {
        Path jar = moduleDir.resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built (" + jar + " missing): run "
                    + "`./mvnw -B package -DskipTests` from the repository root");
        }
        List<String> command = new ArrayList<>(List.of(JavaRuntime.java(), "-Xms64m", "-Xmx256m",
                "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        command.addAll(List.of("-jar", jar.toString()));
        Path home = workDir.resolve("services").resolve(name);
        writeConfig(home, config);
        return new ServiceProcess(name, port,
                ChildProcess.start(name, command, home, environment, logs.resolve(name + ".log"), "TERM"));
    }

    /**
     * The service's settings, secrets among them, as {@code config/application.properties} of its own working
     * directory (which Quarkus reads over the packaged defaults), readable by this user only: never on a command line,
     * where any local user would see them in the process list.
     */
    private static void writeConfig(Path home, Map<String, String> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "written by the local stack for this run; do not edit");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SecretFiles.write(home.resolve("config").resolve("application.properties"), text.toString());
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return process.log();
    }

    /** Completes with the exit code when the service's JVM ends. */
    public CompletableFuture<Integer> exited() {
        return process.exited();
    }

    /** The last lines of the service's log. */
    public String tail(int lines) {
        return process.tail(lines);
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log tail if the JVM dies first. */
    public Duration awaitReady(Duration timeout) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            process.requireAlive();
            if (ready()) {
                return Duration.between(start, Instant.now());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; last log lines:\n"
                + process.tail(30));
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(15));
    }
}
