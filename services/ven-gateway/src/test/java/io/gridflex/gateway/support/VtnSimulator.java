package io.gridflex.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.gridflex.infra.ChildProcess;
import io.gridflex.infra.FreePort;
import io.gridflex.infra.JavaRuntime;
import io.gridflex.infra.OncePerJvm;

/**
 * The real VTN simulator, started once per test JVM from its packaged jar as a child process on a free port, and
 * stopped when the JVM exits. It polls at 1 s so events reach the gateway quickly.
 */
public final class VtnSimulator implements AutoCloseable {

    private final ChildProcess process;
    private final String baseUrl;

    private VtnSimulator(ChildProcess process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * The simulator every test class of this JVM shares (whichever Quarkus application, hence class loader, asks);
     * not to be closed.
     */
    public static VtnSimulator shared() {
        return new VtnSimulator(null, OncePerJvm.get("vtn-simulator", () -> {
            VtnSimulator started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.process.stop(Duration.ofSeconds(10)),
                    "stop-vtn-simulator"));
            return started.baseUrl;
        }));
    }

    public String baseUrl() {
        return baseUrl;
    }

    private static VtnSimulator start() {
        int port = FreePort.pick();
        String baseUrl = "http://127.0.0.1:" + port;
        ChildProcess process = launch(port, List.of("-Dquarkus.http.port=" + port));
        awaitUp(process, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                baseUrl + "/admin/vens", Duration.ofSeconds(60));
        return new VtnSimulator(process, baseUrl);
    }

    /**
     * A simulator of a test's own that serves HTTPS only, with client certificates required (its {@code tls}
     * profile), plus any other settings (signatures, say); stop it with {@link #close()}.
     *
     * @param client how the test itself reaches it: an SSL context presenting a certificate it accepts
     * @param settings system properties: the {@code quarkus.tls.openadr.*} PEM files and the like
     */
    public static VtnSimulator startTls(SSLContext client, Map<String, String> settings) {
        int port = FreePort.pick();
        List<String> properties = new ArrayList<>(List.of("-Dquarkus.profile=prod,tls", "-Dquarkus.http.ssl-port="
                + port, "-Dquarkus.http.port=" + FreePort.pick(),
                "-Djava.security.properties=" + Path.of("src", "main", "security", "openadr-tls.java.security")
                        .toAbsolutePath()));
        settings.forEach((key, value) -> properties.add("-D" + key + "=" + value));
        ChildProcess process = launch(port, properties);
        String baseUrl = "https://127.0.0.1:" + port;
        awaitUp(process, HttpClient.newBuilder().sslContext(client).connectTimeout(Duration.ofSeconds(2)).build(),
                baseUrl + "/admin/vens", Duration.ofSeconds(60));
        return new VtnSimulator(process, baseUrl);
    }

    @Override
    public void close() {
        if (process == null) {
            throw new IllegalStateException("the shared VTN simulator is stopped when the JVM exits");
        }
        process.stop(Duration.ofSeconds(10));
    }

    private static ChildProcess launch(int port, List<String> properties) {
        Path jar = jar();
        Path log = Path.of("target", "vtn-simulator", "vtn-simulator-" + port + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(JavaRuntime.java(), "-Xmx256m"));
        command.addAll(properties);
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dgridflex.vtn.poll-interval=PT1S", "-jar",
                jar.toString()));
        return ChildProcess.start("vtn-simulator", command, jar.getParent(), Map.of(), log, "TERM");
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
    private static void awaitUp(ChildProcess process, HttpClient http, String url, Duration timeout) {
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
