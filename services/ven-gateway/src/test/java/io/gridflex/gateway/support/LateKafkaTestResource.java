package io.gridflex.gateway.support;

import java.util.Map;

import io.gridflex.infra.FreePort;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the gateway at a Kafka address where no broker runs yet, so a test can start one there later and watch
 * what the gateway queued while Kafka was away go out.
 */
public class LateKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static final int PORT = FreePort.pick();

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + PORT);
    }

    @Override
    public void stop() {
        // Nothing was started here; the test stops the broker it started.
    }

    public static int port() {
        return PORT;
    }
}
