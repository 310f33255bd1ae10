package io.gridflex.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.gridflex.infra.FreePort;
import io.gridflex.infra.KafkaBroker;
import io.gridflex.testsupport.KafkaPrincipals;
import io.gridflex.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the gateway at a Kafka address where no broker runs yet, so a test can start one there later (on
 * {@link #workDir()}, whose TLS identity the gateway already trusts) and watch what the gateway queued while Kafka
 * was away go out.
 */
public class LateKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static final int PORT = FreePort.pickForRestart();
    private static final Path WORK_DIR = workDirectory();

    @Override
    public Map<String, String> start() {
        String principal = KafkaTestResource.principal();
        return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + PORT,
                "gridflex.kafka.username", principal,
                "gridflex.kafka.password", KafkaPrincipals.password(principal),
                "gridflex.kafka.truststore", KafkaBroker.prepare(WORK_DIR).toString());
    }

    @Override
    public void stop() {
        // Nothing was started here; the test stops the broker it started.
    }

    public static int port() {
        return PORT;
    }

    /** Where the test starts its broker. */
    public static Path workDir() {
        return WORK_DIR;
    }

    private static Path workDirectory() {
        try {
            Path work = Files.createDirectories(Path.of("target", "late-kafka")).toAbsolutePath();
            return Files.createTempDirectory(work, "broker-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
