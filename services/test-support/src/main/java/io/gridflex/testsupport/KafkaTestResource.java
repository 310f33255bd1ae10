package io.gridflex.testsupport;

import java.util.Map;

import io.gridflex.infra.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the service's Kafka clients at a real Apache Kafka broker (KRaft, its own JVM). */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM exits.
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    public static KafkaBroker broker() {
        return SharedInfrastructure.kafka();
    }
}
