package io.gridflex.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code status}: what the stack that {@code run} started in a run directory is doing, read from the
 * {@code stack.json} it wrote and checked live: PostgreSQL and Kafka answer on their ports, Keycloak serves the
 * realm, and every service's readiness check says UP. Done in Java rather than with curl so that the scripts need
 * nothing but the JDK.
 */
final class StackStatus {

    /** Exit codes: everything up; something down or not ready; no supervisor running here (parts are still listed). */
    static final int ALL_UP = 0;
    static final int SOME_DOWN = 1;
    static final int NOT_RUNNING = 3;

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    enum State {
        UP, NOT_READY, DOWN
    }

    record Row(String name, State state, String endpoint) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Prints one line per part and returns the exit code. */
    int report(Path runDir, PrintStream out) {
        Path file = runDir.resolve("stack.json");
        if (!Files.isRegularFile(file)) {
            out.println("GridFlex has not been started here (no " + file + ").");
            return NOT_RUNNING;
        }
        JsonNode stack;
        try {
            stack = JSON.readTree(file.toFile());
        } catch (IOException e) {
            out.println("GridFlex's " + file + " is unreadable: " + e.getMessage());
            return NOT_RUNNING;
        }
        long pid = stack.path("pid").asLong(-1);
        boolean running = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (running) {
            out.printf("GridFlex is running (pid %d); endpoints in %s%n", pid, file);
        } else {
            out.printf("GridFlex is not running (pid %d has ended); %s is left from its last run%n", pid, file);
        }
        List<Row> rows = check(stack);
        for (Row row : rows) {
            out.printf("%-22s %-9s %s%n", row.name(), row.state(), row.endpoint());
        }
        if (!running) {
            return NOT_RUNNING;
        }
        return rows.stream().allMatch(row -> row.state() == State.UP) ? ALL_UP : SOME_DOWN;
    }

    /** Checks every part stack.json lists, in its order. */
    List<Row> check(JsonNode stack) {
        List<Row> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = stack.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> part = it.next();
            String name = part.getKey();
            String endpoint = part.getValue().asText();
            switch (name) {
                case "pid" -> {
                    // not a part: the supervisor's process, reported above
                }
                case "postgres" -> rows.add(new Row(name, listening(jdbcHostPort(endpoint)), endpoint));
                case "kafka", "kafka-sites" -> rows.add(new Row(name, listening(endpoint.split(",")[0]), endpoint));
                case "keycloak" -> rows.add(new Row(name, httpState(endpoint), endpoint));
                default -> rows.add(new Row(name, httpState(endpoint + "/q/health/ready"), endpoint));
            }
        }
        return rows;
    }

    /** {@code jdbc:postgresql://host:port/db} → {@code host:port}. */
    static String jdbcHostPort(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return uri.getHost() + ":" + uri.getPort();
    }

    private static State listening(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), (int) TIMEOUT.toMillis());
            return State.UP;
        } catch (IOException | RuntimeException e) {
            return State.DOWN;
        }
    }

    /** 200 is UP; 503 is a service that answers but is not ready (a health check DOWN); anything else DOWN. */
    private State httpState(String url) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            return switch (response.statusCode()) {
                case 200 -> State.UP;
                case 503 -> State.NOT_READY;
                default -> State.DOWN;
            };
        } catch (IOException | IllegalArgumentException e) {
            return State.DOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while checking " + url, e));
        }
    }
}
