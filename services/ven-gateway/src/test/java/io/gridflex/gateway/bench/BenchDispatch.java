package io.gridflex.gateway.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.awaitility.Awaitility;

import io.gridflex.infra.ChildProcess;
import io.gridflex.infra.FreePort;
import io.gridflex.infra.JavaRuntime;
import io.gridflex.infra.PostgresServer;
import io.gridflex.testsupport.KafkaPrincipals;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Dispatch as it is deployed: its packaged jar in a JVM of its own (as the local stack runs it: 256 MB heap, serial
 * GC), on the same PostgreSQL and Kafka as the gateway, logging in to Kafka as its own principal with its production
 * ACLs, and to the operator API through the real Keycloak. Two settings differ from production, both because no site
 * agent runs here: the closed loop's rounds are off (it would find every site short of its share and move load around
 * while the benchmark watches), and a site's one report stays fresh for an hour. New site topics are picked up within a
 * second rather than ten, so registering the fleet takes less time.
 */
public class BenchDispatch implements QuarkusTestResourceLifecycleManager {

    private static ChildProcess process;
    private static String url;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of(System.getProperty("gridflex.root"), "services", "dispatch", "target", "quarkus-app",
                "quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("dispatch is not packaged: " + jar + " is missing; build it first with "
                    + "./mvnw -pl services/dispatch -am package -DskipTests (deploy/local/bench.sh --gateway does)");
        }
        int port = FreePort.pick();
        url = "http://127.0.0.1:" + port;
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", PostgresTestResource.jdbcUrl());
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        config.putAll(KafkaPrincipals.serviceConfig(KafkaTestResource.broker(), "dispatch"));
        config.put("quarkus.oidc.auth-server-url", SharedInfrastructure.keycloak().realmUrl());
        config.put("gridflex.dispatch.loop.interval", "1h");
        config.put("gridflex.dispatch.sites.stale-after", "1h");
        config.put("gridflex.kafka.new-site-discovery.ms", "1000");
        Path home = Path.of("target", "bench-dispatch").toAbsolutePath();
        writeConfig(home, config);
        process = ChildProcess.start("dispatch", List.of(JavaRuntime.java(), "-Xms64m", "-Xmx256m",
                "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-jar",
                jar.toString()), home, Map.of(), home.resolve("dispatch.log"), "TERM");
        awaitReady();
        return Map.of();
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(15));
        }
    }

    static String url() {
        return url;
    }

    /**
     * The settings, secrets among them, as {@code config/application.properties} of its working directory (read over
     * the packaged defaults), readable by this user only: never on a command line.
     */
    private static void writeConfig(Path home, Map<String, String> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "written by the gateway benchmark; do not edit");
            Path file = home.resolve("config").resolve("application.properties");
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            Awaitility.await("dispatch ready at " + url).atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                        process.requireAlive();
                        return http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).GET().build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            String tail = process.tail(40);
            process.stop(Duration.ofSeconds(5));
            throw new IllegalStateException("dispatch did not come up: " + e.getMessage() + "\n" + tail, e);
        }
    }
}
