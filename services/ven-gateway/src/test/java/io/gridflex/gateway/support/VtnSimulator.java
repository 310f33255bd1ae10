package io.gridflex.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.gridflex.infra.ChildProcess;
import io.gridflex.infra.FreePort;
import io.gridflex.infra.JavaRuntime;

/**
 * The real VTN simulator, started once per test JVM from its packaged jar as a child process on a free port, and
 * stopped when the JVM exits. It polls at 1 s so events reach the gateway quickly.
 */
public final class VtnSimulator {

    private static VtnSimulator instance;

    private final ChildProcess process;
    private final String baseUrl;

    private VtnSimulator(ChildProcess process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    public static synchronized VtnSimulator shared() {
        if (instance == null) {
            instance = start();
            VtnSimulator started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.process.stop(Duration.ofSeconds(10)),
                    "stop-vtn-simulator"));
        }
        return instance;
    }

    public String baseUrl() {
        return baseUrl;
    }

    private static VtnSimulator start() {
        Path jar = jar();
        int port = FreePort.pick();
        Path log = Path.of("target", "vtn-simulator", "vtn-simulator-" + port + ".log").toAbsolutePath();
        ChildProcess process = ChildProcess.start("vtn-simulator",
                List.of(JavaRuntime.java(), "-Xmx256m", "-Dquarkus.http.port=" + port,
                        "-Dquarkus.http.host=127.0.0.1", "-Dgridflex.vtn.poll-interval=PT1S", "-jar",
                        jar.toString()),
                jar.getParent(), Map.of(), log, "TERM");
        String baseUrl = "http://127.0.0.1:" + port;
        awaitUp(process, baseUrl + "/admin/vens", Duration.ofSeconds(60));
        return new VtnSimulator(process, baseUrl);
    }

    private static Path jar() {
        String root = System.getProperty("gridflex.root");
        if (root == null) {
            throw new IllegalStateException("system property gridflex.root is not set; run the tests through Maven");
        }
        Path jar = Path.of(root, "services", "vtn-simulator", "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("VTN simulator not packaged: " + jar
                    + " is missing; build it first with ./mvnw -pl services/vtn-simulator package");
        }
        return jar;
    }

    /** Asks the admin API until it answers 200; fails with the simulator's log when it died or never came up. */
    private static void awaitUp(ChildProcess process, String url, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            Awaitility.await("VTN simulator at " + url).atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        process.requireAlive();
                        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            String tail = process.tail(40);
            process.stop(Duration.ofSeconds(5));
            throw new IllegalStateException("VTN simulator did not come up: " + e.getMessage() + "\n" + tail, e);
        }
    }
}
