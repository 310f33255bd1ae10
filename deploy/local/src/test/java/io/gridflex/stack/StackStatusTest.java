package io.gridflex.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** The status command against real sockets on loopback: one service ready, one not ready, and parts that are gone. */
class StackStatusTest {

    @TempDir
    Path runDir;

    private HttpServer services;
    private ServerSocket broker;
    private int closedPort;

    @BeforeEach
    void listen() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        services = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        services.createContext("/ready/q/health/ready", exchange -> answer(exchange, 200));
        services.createContext("/starting/q/health/ready", exchange -> answer(exchange, 503));
        services.createContext("/realms/gridflex", exchange -> answer(exchange, 200));
        services.start();
        broker = new ServerSocket(0, 50, loopback);
        try (ServerSocket probe = new ServerSocket(0, 50, loopback)) {
            closedPort = probe.getLocalPort();
        }
    }

    @AfterEach
    void close() throws IOException {
        services.stop(0);
        broker.close();
    }

    @Test
    void everyPartIsCheckedLiveAndAnythingNotUpFailsTheCommand() throws IOException {
        String base = "http://127.0.0.1:" + services.getAddress().getPort();
        writeStack("""
                {"postgres": "jdbc:postgresql://127.0.0.1:%d/gridflex",
                 "kafka": "127.0.0.1:%d",
                 "keycloak": "%s/realms/gridflex",
                 "dispatch": "%s/ready",
                 "settlement": "%s/starting",
                 "pid": %d}""".formatted(closedPort, broker.getLocalPort(), base, base, base,
                ProcessHandle.current().pid()));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new StackStatus().report(runDir, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(StackStatus.SOME_DOWN);
        assertThat(out).contains("GridFlex is running (pid " + ProcessHandle.current().pid() + ")");
        assertThat(out.lines().filter(line -> !line.startsWith("GridFlex"))).containsExactly(
                row("postgres", "DOWN", "jdbc:postgresql://127.0.0.1:" + closedPort + "/gridflex"),
                row("kafka", "UP", "127.0.0.1:" + broker.getLocalPort()),
                row("keycloak", "UP", base + "/realms/gridflex"),
                row("dispatch", "UP", base + "/ready"),
                row("settlement", "NOT_READY", base + "/starting"));
    }

    @Test
    void allUpIsExitZero() throws IOException {
        String base = "http://127.0.0.1:" + services.getAddress().getPort();
        writeStack("""
                {"kafka": "127.0.0.1:%d", "dispatch": "%s/ready", "pid": %d}""".formatted(broker.getLocalPort(), base,
                ProcessHandle.current().pid()));

        assertThat(new StackStatus().report(runDir, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8))).isEqualTo(StackStatus.ALL_UP);
    }

    @Test
    void aStackWhoseSupervisorHasEndedIsNotRunningEvenIfAPartStillAnswers() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String base = "http://127.0.0.1:" + services.getAddress().getPort();
        writeStack("""
                {"dispatch": "%s/ready", "pid": %d}""".formatted(base, ended.pid()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = new StackStatus().report(runDir, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(StackStatus.NOT_RUNNING);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("is not running (pid " + ended.pid())
                .contains(row("dispatch", "UP", base + "/ready"));
    }

    @Test
    void noStackFileMeansNotRunning() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = new StackStatus().report(runDir, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(StackStatus.NOT_RUNNING);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("has not been started here");
    }

    @Test
    void theHostAndPortComeFromTheJdbcUrl() {
        assertThat(StackStatus.jdbcHostPort("jdbc:postgresql://127.0.0.1:15432/gridflex")).isEqualTo("127.0.0.1:15432");
    }

    private void writeStack(String json) throws IOException {
        Files.writeString(runDir.resolve("stack.json"), json);
    }

    private static String row(String name, String state, String endpoint) {
        return "%-22s %-9s %s".formatted(name, state, endpoint);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
