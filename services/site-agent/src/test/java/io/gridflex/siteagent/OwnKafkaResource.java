package io.gridflex.siteagent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.gridflex.infra.FreePort;
import io.gridflex.infra.KafkaBroker;
import io.gridflex.testsupport.KafkaPrincipals;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Kafka broker of the test's own, which the test may stop and start again (same port, same data) to cut the
 * agent's link. The shared broker of the other tests must never be stopped. The agent's producers are told to give up
 * on a record within {@link #DELIVERY_TIMEOUT}.
 */
public class OwnKafkaResource implements QuarkusTestResourceLifecycleManager {

    /** How long the agent's producers try to deliver a record before they report it failed. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(5);

    private static int port;
    private static Path workDir;
    private static KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        port = FreePort.pickForRestart();
        try {
            Path work = Files.createDirectories(Path.of("target", "own-kafka")).toAbsolutePath();
            workDir = Files.createTempDirectory(work, "broker-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startBroker();
        SharedInfrastructure.createPlatformTopics(broker);
        Map<String, String> config = new java.util.HashMap<>(
                KafkaPrincipals.serviceConfig(broker, KafkaTestResource.principal()));
        // The agent's producers give up on a record after 5 s (2 min in production), far less than the tests keep
        // the broker away: what arrives afterwards was kept by the agent's link journal, not by them.
        config.put("mp.messaging.outgoing.schedule-acks.delivery.timeout.ms",
                String.valueOf(DELIVERY_TIMEOUT.toMillis()));
        config.put("mp.messaging.outgoing.site-telemetry.delivery.timeout.ms",
                String.valueOf(DELIVERY_TIMEOUT.toMillis()));
        // Back within seconds once the broker is.
        config.put("gridflex.site.link.max-retry-backoff", "2s");
        return config;
    }

    @Override
    public void stop() {
        stopBroker();
    }

    public static String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's super user (the broker must be running). */
    public static synchronized Map<String, Object> adminConfig() {
        return broker.adminConfig();
    }

    public static synchronized void startBroker() {
        if (broker == null) {
            broker = KafkaBroker.start(workDir, port);
        }
    }

    public static synchronized void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
